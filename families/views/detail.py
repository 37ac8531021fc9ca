"""The family page: everything about one family in one place."""

import datetime

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from organisations.audit import log_access
from organisations.scoping import case_view

from .. import selectors
from ..extensions import panels_for, reads_shared, timeline_for
from ..scoping import get_family_for_user


@case_view
@require_http_methods(["GET"])
def family_detail(request, public_id):
    family = get_family_for_user(request, public_id)
    today = timezone.localdate()
    children = list(family.children.all())
    within_days = selectors.six_months_ahead(today)
    with reads_shared(request):  # the providers read the family's rows once between them
        timeline = timeline_for(family, request)
        panels = panels_for(family, request)
    context = {
        "family": family,
        "children": [(child, selectors.age_label(child.birth_date, today)) for child in children],
        "network": list(family.network.all()),
        "partners": list(family.partners.all()),
        "transitions": selectors.upcoming_transitions(
            children, today=today, within_days=within_days
        ),
        "transitions_until": today + datetime.timedelta(days=within_days),
        "check_overdue": bool(
            family.long_term_support and family.next_check_on and family.next_check_on < today
        ),
        "today": today,
        "timeline": timeline,
        "panels": panels,
    }
    log_access(request, "view", family=family)
    return render(request, "families/detail.html", context)
