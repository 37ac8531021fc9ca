"""The lead's dashboard, the explanation of one family's flag, and the organisation overview."""

import datetime
from collections import Counter

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Q, Subquery, Window
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from families.models import Family
from families.selectors import families_with_transition_within
from organisations.models import AccessAction
from organisations.scoping import LEAD_ROLES, get_family_for_user, lead_view, scoped
from signals import trend
from signals.accumulation import (
    RULE_TEXTS,
    STATUS_LABELS,
    STATUS_RANK,
    STATUSES,
    Bands,
    annotate_markers,
    assess_families,
    assess_family,
    corroborators_by_family,
    markers_for,
    score_series_by_family,
    tune_for_aggregates,
)
from signals.models import (
    ColleagueNote,
    Decision,
    LatestObservation,
    NoteKind,
    ParentsDiscussed,
    Review,
    SignalCategory,
)
from signals.review_forms import MARKERS, DashboardFilterForm

PAGE_SIZE = 50
TRANSITION_DAYS = 60
_last_review = Review.objects.filter(family=OuterRef("pk")).order_by("-created_at", "-pk")


def dashboard_queryset(request, *, today):
    """The organisation's families with the model's figures and markers, best first."""
    families = scoped(request, Family.objects.all(), roles=LEAD_ROLES)
    qs = assess_families(families, as_of=today, organisations=[request.organisation])
    return annotate_markers(qs, today=today).order_by(
        "-status_rank", "-score_quarters", "name", "pk"
    )


def apply_filters(qs, form, *, request, today):
    """(filtered queryset, a queryset to count it with), the latter without the figures; or
    None for it when the filter needs the figures (status, new since review): then the count
    comes with the page (`page_of`)."""
    families = scoped(request, Family.objects.all(), roles=LEAD_ROLES)
    light = families
    if not form.is_valid():
        return qs, light
    status = form.cleaned_data.get("status")
    marker = form.cleaned_data.get("marker")
    if status:
        qs = qs.filter(status_rank=STATUS_RANK[status])
    if marker == "new":
        qs = qs.filter(new_since_review=True)
    elif marker == "overdue":
        qs = qs.filter(review_overdue=True)
        light = annotate_markers(
            families.alias(last_review_next_on=Subquery(_last_review.values("next_review_on")[:1])),
            today=today,
            only=("review_overdue",),
        ).filter(review_overdue=True)
    elif marker == "check":
        qs = qs.filter(check_due=True)
        light = annotate_markers(families, today=today, only=("check_due",)).filter(check_due=True)
    elif marker == "transition":
        # A subquery of its own: joining children here would multiply the observation rows.
        within = families_with_transition_within(families, today=today, days=TRANSITION_DAYS)
        qs = qs.filter(pk__in=within.values("pk"))
        light = families.filter(pk__in=within.values("pk"))
    if status or marker == "new":
        light = None  # needs the figures themselves
    return qs, light


# A page number past this is past any organisation's end (and would overflow OFFSET).
MAX_PAGE = 100_000


def page_of(qs, count_qs, number):
    """Page `number` of `qs`, PAGE_SIZE a page, as `Paginator.get_page` gives it.

    Without `count_qs` the count comes with the rows, `COUNT(*) OVER ()` in the same query:
    the aggregate over every family runs once instead of once for the count and once for
    the page. A page past the end (or not a number) falls back like `get_page` does.
    """
    paginator = Paginator(qs, PAGE_SIZE)
    if count_qs is not None:
        paginator.count = count_qs.count()
        return paginator.get_page(number)
    try:
        number = min(max(int(number), 1), MAX_PAGE)
    except (TypeError, ValueError):
        number = 1
    counted = qs.annotate(rows_in_total=Window(Count("pk")))

    def rows(n):
        return list(counted[(n - 1) * PAGE_SIZE : n * PAGE_SIZE])

    found = rows(number)
    if found:
        paginator.count = found[0].rows_in_total
    else:  # nothing matches, or past the last page: count, and show the last page
        paginator.count = qs.count()
        number = paginator.num_pages
        found = rows(number) if paginator.count else []
    return Page(found, number, paginator)


def page_details(families, *, organisation, today):
    """Trend, corroboration and transitions for the families on one page: a fixed few queries."""
    ids = [f.pk for f in families]
    dates = trend.monthly_dates(today)
    series_by_family = score_series_by_family(ids, organisation=organisation, dates=dates)
    people = corroborators_by_family(ids, organisation=organisation, as_of=today)
    transitions = set(
        families_with_transition_within(
            Family.objects.filter(pk__in=ids), today=today, days=TRANSITION_DAYS
        ).values_list("pk", flat=True)
    )
    ceiling = organisation.accumulation_threshold
    for family in families:
        series = series_by_family[family.pk]
        title = _("Score per maand, laatste 12 maanden (%(range)s)") % {
            "range": trend.describe(dates, series)
        }
        family.trend_svg = trend.sparkline(series, title=title, ceiling=ceiling)
        family.corroboration = len(people[family.pk])
        family.transition_soon = family.pk in transitions
        family.status_label = STATUS_LABELS[family.status]
        markers_for(family, today=today)
        family.last_review_label = (
            Decision(family.last_review_decision).label if family.last_review_decision else ""
        )


@lead_view
@require_http_methods(["GET"])
def dashboard(request):
    today = timezone.localdate()
    form = DashboardFilterForm(request.GET or None)
    tune_for_aggregates()
    qs, count_qs = apply_filters(
        dashboard_queryset(request, today=today), form, request=request, today=today
    )
    page = page_of(qs, count_qs, request.GET.get("page"))
    families = list(page.object_list)
    page_details(families, organisation=request.organisation, today=today)
    request.audit.record(AccessAction.VIEW)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "signals/dashboard.html",
        {
            "form": form,
            "page": page,
            "families": families,
            "filter_query": query.urlencode(),
            "markers": dict(MARKERS),
            "today": today,
        },
    )


@lead_view
@require_http_methods(["GET"])
def explanation(request, family_id):
    family = get_family_for_user(request, family_id, roles=LEAD_ROLES)
    today = timezone.localdate()
    assessment = assess_family(family, as_of=today)
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
        },
    )
