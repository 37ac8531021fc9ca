# SCAFFOLD: replaced by the signals app's real providers (issue 4 and 5).


def observation_entries(family, request):
    return []


def note_entries(family, request):
    return []


def family_panels(family, request):
    return []
