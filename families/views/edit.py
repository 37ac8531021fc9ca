from django.http import HttpResponse  # SCAFFOLD: replaced by the real views


def family_create(request, *args, **kwargs):
    return HttpResponse("SCAFFOLD")


def family_edit(request, *args, **kwargs):
    return HttpResponse("SCAFFOLD")
