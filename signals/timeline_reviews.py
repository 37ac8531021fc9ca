# SCAFFOLD: replaced by the dashboard issue's providers (issue 5).


def review_entries(family, request):
    return []


def assessment_panels(family, request):
    return []
