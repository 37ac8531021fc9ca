from django.http import HttpResponse  # SCAFFOLD: replaced by the real views


def catalogue(request, *args, **kwargs):
    return HttpResponse("SCAFFOLD")


def category_manage(request, *args, **kwargs):
    return HttpResponse("SCAFFOLD")
