from django.http import HttpResponse  # SCAFFOLD: replaced by the real views


def family_detail(request, *args, **kwargs):
    return HttpResponse("SCAFFOLD")
