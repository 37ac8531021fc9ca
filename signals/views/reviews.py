from django.http import HttpResponse  # SCAFFOLD: replaced by the real views


def review_create(request, *args, **kwargs):
    return HttpResponse("SCAFFOLD")
