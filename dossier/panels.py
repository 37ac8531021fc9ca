"""The dossier's panel on the family page (families/extensions.py): for leads only."""

from families.extensions import Panel


def family_panel(family, request):
    """Links to the family's access history and to its complete file (print, JSON)."""
    membership = getattr(request, "membership", None)
    if membership is None or not membership.is_lead:
        return []
    return [Panel(template="dossier/panel.html", order=900)]
