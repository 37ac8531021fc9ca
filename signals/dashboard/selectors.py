from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Subquery, Window
from django.utils.translation import gettext as _

from families.models import Family
from families.selectors import families_with_transition_within
from organisations.scoping import LEAD_ROLES, scoped
from signals.accumulation import (
    STATUS_LABELS,
    STATUS_RANK,
    annotate_markers,
    assess_families,
    corroborators_by_family,
    markers_for,
    score_series_by_family,
)
from signals.dashboard import trend
from signals.reviews.models import Decision, Review

PAGE_SIZE = 50
TRANSITION_DAYS = 60


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
            families.alias(
                last_review_next_on=Subquery(
                    Review.objects.last_of(OuterRef("pk")).values("next_review_on")
                )
            ),
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
