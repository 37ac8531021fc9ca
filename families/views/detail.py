"""The family page: everything about one family in one place."""

import datetime

from django.db.models import prefetch_related_objects
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from organisations.models import AccessAction
from organisations.scoping import case_view

from .. import selectors, services
from ..extensions import panels_for, timeline_for
from ..scoping import get_family_for_user

# The newest entries of the timeline on the page; "toon alles" (?tijdlijn=alles) shows every
# one. A family followed for years gathers hundreds of entries, and each is rendered: 339
# observations made the page 255 ms, 39 ms of it in the database (issue 18's region bench).
TIMELINE_SHOWN = 50


@case_view
@require_http_methods(["GET"])
def family_detail(request, public_id):
    family = get_family_for_user(request, public_id)
    today = timezone.localdate()
    # Prefetched: the panels' templates read family.children.all() again.
    prefetch_related_objects([family], "children")
    children = list(family.children.all())
    manages_team = services.may_manage_team(request.user, family, membership=request.membership)
    # The open access requests only for who manages the team: the panel shows them only then.
    team = selectors.family_team(family, open_requests=manages_team)
    now = timezone.now()
    within_days = selectors.six_months_ahead(today)
    timeline = timeline_for(family, request)
    whole = request.GET.get("tijdlijn") == "alles"
    context = {
        "family": family,
        "children": [(child, selectors.age_label(child.birth_date, today)) for child in children],
        "network": list(family.network.all()),
        "partners": list(family.partners.all()),
        "checks": list(family.checks.all()[:1]) if family.long_term_support else [],
        "transitions": selectors.upcoming_transitions(
            children, today=today, within_days=within_days
        ),
        "transitions_until": today + datetime.timedelta(days=within_days),
        "check_overdue": bool(
            family.long_term_support and family.next_check_on and family.next_check_on < today
        ),
        "today": today,
        "timeline": timeline if whole else timeline[:TIMELINE_SHOWN],
        "timeline_total": len(timeline),
        "timeline_hidden": 0 if whole else max(0, len(timeline) - TIMELINE_SHOWN),
        "panels": panels_for(family, request),
        "team": team,
        "manages_team": manages_team,
        # From the team panel's rows: current members, and openings that have not expired.
        "in_team": any(m.user_id == request.user.pk for m in team["members"]),
        "my_opening": next(
            (g for g in team["open_glass"] if g.user_id == request.user.pk and g.expires_at > now),
            None,
        ),
    }
    request.audit.record(AccessAction.VIEW, family=family)
    return render(request, "families/detail.html", context)
