from django.http import HttpResponse  # SCAFFOLD: replaced by the real views


def family_list(request, *args, **kwargs):
    return HttpResponse("SCAFFOLD")
