from django.http import HttpResponse  # SCAFFOLD: replaced by the real views


def observation_create(request, *args, **kwargs):
    return HttpResponse("SCAFFOLD")


def observation_history(request, *args, **kwargs):
    return HttpResponse("SCAFFOLD")


def observation_amend(request, *args, **kwargs):
    return HttpResponse("SCAFFOLD")


def my_signals(request, *args, **kwargs):
    return HttpResponse("SCAFFOLD")
