"""Reads of learning together: the team's approved items (searchable by category and age
band), what waits for a person, and the overview's figures per quarter."""

from collections import Counter

from django.db.models import Count, Prefetch, Q

from organisations.scoping import scoped
from signals.catalogue.models import SignalCategory

from .models import WhatWorked, WhatWorkedStatus
from .vignettes import last_quarters, quarter_of, quarter_start

QUARTERS = 4


def approved_items(request, *, category=None, age_band="", query=""):
    """The organisation's approved items, newest first; nothing of the family travels."""
    items = (
        scoped(request, WhatWorked.objects.approved(), find_only=True)
        .only("public_id", "shared_text", "age_band", "approved_at")
        .prefetch_related(
            Prefetch("categories", queryset=SignalCategory.objects.only("code", "name"))
        )
    )
    if category is not None:
        items = items.filter(categories=category)
    if age_band:
        items = items.filter(age_band=age_band)
    if query:
        items = items.filter(shared_text__icontains=query)
    return items.order_by("-approved_at", "-pk")


def my_invitations(request, *, written=False):
    """The items the current user was invited to write, still unwritten (`written`: and
    those written but not yet approved, which they may still change)."""
    statuses = [WhatWorkedStatus.INVITED] + ([WhatWorkedStatus.WRITTEN] if written else [])
    return scoped(request, WhatWorked.objects.filter(status__in=statuses)).filter(
        invited=request.membership
    )


def to_approve(request):
    """Written, not yet approved (a lead's list)."""
    return scoped(request, WhatWorked.objects.filter(status=WhatWorkedStatus.WRITTEN))


def quarter_figures(request, *, today):
    """Per quarter of the last year: families that improved (an invitation was made, by
    either rule) and the most frequent categories of what was approved."""
    quarters = last_quarters(today, QUARTERS)
    start = quarter_start(*quarters[0])
    items = scoped(request, WhatWorked.objects.filter(created_at__date__gte=start), find_only=True)
    improved = Counter(quarter_of(day.date()) for day in items.values_list("created_at", flat=True))
    approved = (
        items.filter(status=WhatWorkedStatus.APPROVED)
        .values("categories__name")
        .annotate(n=Count("pk", filter=Q(categories__isnull=False)))
        .order_by("-n", "categories__name")
    )
    top = [(row["categories__name"], row["n"]) for row in approved[:5] if row["n"]]
    rows = [(f"K{q} {y}", improved.get((y, q), 0)) for y, q in quarters]
    return {"rows": rows, "top": top}
