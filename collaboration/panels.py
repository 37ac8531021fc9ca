"""The family page's panel (families/extensions.py): who else is involved, and with
consent on both sides the pile-up across organisations."""

from django.utils import timezone

from families.extensions import Panel

from . import tokens
from .selectors import pile_up, shared_views
from .services import region_of


def family_panel(family, request):
    if not tokens.enabled() or region_of(family.organisation) is None:
        return []
    as_of = timezone.localdate()
    views = shared_views(family, as_of=as_of)
    return [
        Panel(
            template="collaboration/panel.html",
            context={"views": views, "pile_up": pile_up(family, views, as_of=as_of)},
            order=800,
        )
    ]
