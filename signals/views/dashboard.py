from django.http import HttpResponse  # SCAFFOLD: replaced by the real views


def dashboard(request, *args, **kwargs):
    return HttpResponse("SCAFFOLD")


def explanation(request, *args, **kwargs):
    return HttpResponse("SCAFFOLD")


def overview(request, *args, **kwargs):
    return HttpResponse("SCAFFOLD")
