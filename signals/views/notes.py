from django.http import HttpResponse  # SCAFFOLD: replaced by the real views


def note_create(request, *args, **kwargs):
    return HttpResponse("SCAFFOLD")


def look_request_create(request, *args, **kwargs):
    return HttpResponse("SCAFFOLD")


def for_me(request, *args, **kwargs):
    return HttpResponse("SCAFFOLD")


def look_request_answer(request, *args, **kwargs):
    return HttpResponse("SCAFFOLD")
