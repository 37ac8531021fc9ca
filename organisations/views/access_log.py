from django.http import HttpResponse  # SCAFFOLD: replaced by the real views


def access_log(request, *args, **kwargs):
    return HttpResponse("SCAFFOLD")
