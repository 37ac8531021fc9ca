"""The family page's panel (families/extensions.py): who else is involved, with consent on
both sides the pile-up across organisations, and the warm handovers sent and received."""

from django.db.models import Q
from django.utils import timezone

from families.extensions import Panel

from . import tokens
from .models import Handover
from .selectors import pile_up, shared_views
from .services import region_of


def family_panel(family, request):
    # Received and sent in one query.
    handovers = list(
        Handover.objects.filter(Q(target_family=family) | Q(from_family=family)).select_related(
            "from_organisation", "to_organisation"
        )
    )
    received = [h for h in handovers if h.target_family_id == family.pk]
    sent = [h for h in handovers if h.from_family_id == family.pk]
    region = region_of(family.organisation)
    if region is None and not received and not sent:
        return []
    as_of = timezone.localdate()
    views = shared_views(family, as_of=as_of) if tokens.enabled() and region else []
    return [
        Panel(
            template="collaboration/panel.html",
            context={
                "region": region,
                "views": views,
                "pile_up": pile_up(family, views, as_of=as_of),
                "received": received,
                "sent": sent,
                "now": timezone.now(),
            },
            order=800,
        )
    ]
