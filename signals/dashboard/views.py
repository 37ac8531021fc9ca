import datetime
from collections import Counter

from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from families.extensions import start_panels_for
from families.models import Family
from families.scoping import get_family_for_user
from organisations.links import url_maker
from organisations.models import AccessAction
from organisations.scoping import LEAD_ROLES, lead_view, scoped
from signals.accumulation import (
    RULE_TEXTS,
    STATUS_LABELS,
    STATUS_RANK,
    STATUSES,
    Bands,
    assess_families,
    assess_family,
    tune_for_aggregates,
)
from signals.catalogue.models import SignalCategory
from signals.dashboard.forms import DashboardFilterForm
from signals.dashboard.hooks import overview_panels
from signals.dashboard.selectors import (
    Filters,
    column_labels,
    counts_line,
    dashboard_families,
    page_details,
    page_of,
    rows_html,
)
from signals.notes.models import ColleagueNote, NoteKind
from signals.observations.models import LatestObservation, ParentsDiscussed
from signals.observations.selectors import attach_parents_views
from signals.parents.selectors import coverage_by_family, not_yet_discussed
from signals.reviews.selectors import my_open_agreements_once


def parents_coverage(families, *, organisation, today):
    """Per family on the page: how many current concerns were discussed with the parents,
    and the marker "nog niet met ouders besproken" (one grouped query for the page)."""
    figures = coverage_by_family([f.pk for f in families], organisation=organisation, as_of=today)
    for family in families:
        family.parents_discussed, family.parents_total = figures.get(family.pk, (0, 0))
        # Said here once rather than by a translation tag on each of fifty rows.
        family.parents_line = _("%(yes)s van %(total)s") % {
            "yes": family.parents_discussed,
            "total": family.parents_total,
        }
        family.parents_not_yet = not_yet_discussed(
            family.status, family.parents_discussed, family.parents_total
        )
        if family.parents_not_yet:
            family.markers.append(("parents_not_yet", _("nog niet met ouders besproken")))


@lead_view
@require_http_methods(["GET"])
def dashboard(request):
    """The lead's working list: how many wait and why, by section, then status and score."""
    today = timezone.localdate()
    form = DashboardFilterForm(request.GET or None)
    tune_for_aggregates()
    page, counts = page_of(
        dashboard_families(request),
        organisation=request.organisation,
        today=today,
        filters=Filters.of(form),
        number=request.GET.get("page"),
    )
    families = list(page.object_list)
    # The lead's own open agreements come with the rows' overdue ones, in one query; the
    # start panel "Mijn afspraken" reads them from there.
    mine = page_details(
        families, organisation=request.organisation, today=today, membership=request.membership
    )
    my_open_agreements_once(request, request.membership, found=mine)
    parents_coverage(families, organisation=request.organisation, today=today)
    labels = column_labels()
    rows_html(families, labels)
    request.audit.record(AccessAction.VIEW)
    query = request.GET.copy()
    query.pop("page", None)
    sections, total = counts_line(counts)
    return render(
        request,
        "signals/dashboard.html",
        {
            "form": form,
            "page": page,
            "families": families,
            "filter_query": query.urlencode(),
            "filtered": bool(query),
            "sections": sections,
            "total": total,
            "labels": labels,
            "today": today,
            "start_panels": start_panels_for(request),
        },
    )


@lead_view
@require_http_methods(["GET"])
def explanation(request, family_id):
    family = get_family_for_user(request, family_id, roles=LEAD_ROLES)
    today = timezone.localdate()
    assessment = assess_family(family, as_of=today)
    # The parents' view stands beside each observation, here too.
    attach_parents_views([c.observation for c in assessment.contributions])
    history_url = url_maker("signals:observation_history")
    for c in assessment.contributions:
        # Each row names its observation's page and observer twice: worked out once here.
        observer = c.observation.observer
        c.url = history_url(c.observation.public_id)
        c.observer_name = observer.get_full_name() or observer.username
    organisation = family.organisation
    request.audit.record(AccessAction.VIEW, family=family)
    return render(
        request,
        "signals/explanation.html",
        {
            "family": family,
            "assessment": assessment,
            "organisation": organisation,
            "status_label": STATUS_LABELS[assessment.status],
            "rule_text": RULE_TEXTS[assessment.rule],
            "bands": Bands.of(organisation, today),
            # signals/_parents_view.html's words, beside each row (not included per row)
            "parents_differ": _("Ouders zien het anders"),
        },
    )


@lead_view
@require_http_methods(["GET"])
def overview(request):
    """Figures of the whole organisation, without naming a family."""
    today = timezone.localdate()
    year_start = datetime.date(today.year, 1, 1)
    families = scoped(request, Family.objects.all(), roles=LEAD_ROLES)
    tune_for_aggregates()
    ranks = Counter(
        assess_families(families, as_of=today, organisations=[request.organisation]).values_list(
            "status_rank", flat=True
        )
    )
    by_rank = {rank: name for name, rank in STATUS_RANK.items()}
    per_status = [
        (status, STATUS_LABELS[status], ranks.get(STATUS_RANK[status], 0)) for status in STATUSES
    ]
    # Latest versions (LatestObservation): a correction counts, not what it corrected.
    this_year = (
        scoped(request, LatestObservation.objects.all(), roles=LEAD_ROLES)
        .filter(observed_on__gte=year_start, observed_on__lte=today)
        .order_by()
    )
    top = list(
        this_year.filter(risk=True)
        .values("category_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "category_id")[:10]
    )
    names = SignalCategory.objects.in_bulk([row["category_id"] for row in top])
    top_categories = [(names[row["category_id"]], row["n"]) for row in top]
    discussed = this_year.aggregate(
        total=Count("pk"),
        yes=Count("pk", filter=Q(parents_discussed=ParentsDiscussed.YES)),
    )
    going_well = (
        scoped(request, ColleagueNote.objects.all(), roles=LEAD_ROLES)
        .filter(kind=NoteKind.GOING_WELL, created_at__date__gte=year_start)
        .count()
    )
    request.audit.record(AccessAction.VIEW)
    return render(
        request,
        "signals/overview.html",
        {
            "per_status": per_status,
            "total_families": sum(ranks.values()),
            "top_categories": top_categories,
            "discussed": discussed,
            "going_well": going_well,
            "year": today.year,
            "by_rank": by_rank,
            # The floors above add figures (learning: families that improved per quarter).
            "panels": [p for provider in overview_panels for p in provider(request)],
        },
    )
