"""One family's access history (NEN 7513), as the lead reads it: who saw and did what
with the file, also when it was refused. The form and the page are the organisation's
access log (organisations/views/access_log.py); reading it is itself logged."""

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from organisations.models import AccessAction, AccessLogEntry
from organisations.scoping import LEAD_ROLES, lead_view
from organisations.views.access_log import (
    BREAK_GLASS_DAYS,
    AccessLogFilterForm,
    break_glass_rows,
    in_period,
    log_page,
    query_without_page,
)

from ..scoping import get_family_for_user


@lead_view
@require_http_methods(["GET"])
def family_access_log(request, public_id):
    family = get_family_for_user(request, public_id, roles=LEAD_ROLES)
    form = AccessLogFilterForm(request.GET or None, organisation=request.organisation)
    entries = AccessLogEntry.objects.for_family(family)
    if form.is_valid():
        person = form.cleaned_data.get("person")
        if person is not None:
            entries = entries.filter(user=person)
        entries = in_period(entries, form)
    page, rows = log_page(request, entries)
    glass = break_glass_rows(request, entries)
    request.audit.record(AccessAction.VIEW, family=family, object_type="accesslog", object_id="")
    return render(
        request,
        "organisations/access_log.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "glass_rows": glass,
            "glass_days": BREAK_GLASS_DAYS,
            "family": family,
            "query": query_without_page(request),
        },
    )
