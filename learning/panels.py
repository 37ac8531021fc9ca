"""What learning together shows on lower floors' pages: the catalogue's category page
(signals.catalogue.hooks), the organisation's overview (signals.dashboard.hooks), the
family's timeline and the start page (families.extensions, settings)."""

from django.utils import timezone

from families.extensions import Panel, TimelineEntry

from . import selectors
from .models import Vignette, WhatWorked, WhatWorkedStatus


def category_panel(request, category):
    items = list(selectors.approved_items(request, category=category)[:20])
    return [Panel(template="learning/_category_panel.html", context={"items": items}, order=50)]


def overview_panel(request):
    figures = selectors.quarter_figures(request, today=timezone.localdate())
    return [Panel(template="learning/_overview_panel.html", context=figures, order=50)]


def outcome_entries(family, request):
    """One entry per consultation outcome, visible to the family's team (the file's page
    is already need-to-know)."""
    vignettes = (
        Vignette.objects.filter(family=family, outcome_at__isnull=False)
        .select_related("consultation", "follow_up_by__user", "outcome_by")
        .prefetch_related("agreements__owner__user")
    )
    return [
        TimelineEntry(
            at=v.outcome_at,
            template="learning/_outcome_entry.html",
            context={"vignette": v, "agreements": list(v.agreements.all())},
            css_class="consultation",
        )
        for v in vignettes
    ]


def what_worked_entries(family, request):
    """The contact person's own lines on what made the difference (the file's own text)."""
    items = WhatWorked.objects.filter(family=family).exclude(status=WhatWorkedStatus.INVITED)
    return [
        TimelineEntry(
            at=item.written_at,
            template="learning/_what_worked_entry.html",
            context={"item": item},
            css_class="what-worked",
        )
        for item in items.select_related("invited__user")
    ]


def invitations_start_panel(request):
    membership = getattr(request, "membership", None)
    if membership is None or not membership.sees_cases:
        return []
    invitations = list(selectors.my_invitations(request).select_related("family"))
    if not invitations:
        return []
    return [
        Panel(
            template="learning/_invitations_panel.html",
            context={"invitations": invitations},
            order=300,
        )
    ]
