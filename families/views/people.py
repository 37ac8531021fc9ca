from django.http import HttpResponse  # SCAFFOLD: replaced by the real views


def child_add(request, *args, **kwargs):
    return HttpResponse("SCAFFOLD")


def network_add(request, *args, **kwargs):
    return HttpResponse("SCAFFOLD")


def partner_add(request, *args, **kwargs):
    return HttpResponse("SCAFFOLD")
