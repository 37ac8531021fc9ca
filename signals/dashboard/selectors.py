"""The lead's working list: every family of the organisation in one of four sections (acuut,
wacht op jou, gevolgd, rustig), by urgency within each, with the reason it is there.

One query gives the page's rows, their sections and the counts on top (window functions over
the same aggregate); a fixed few more give what the shown rows say (their trend, the
categories that weigh most, contact person, agreements, Veilig Thuis), whatever the number of
families.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Sum,
    Value,
    When,
    Window,
)
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from families.models import Child, Family
from families.selectors import children_with_transition_within, families_with_transition_within
from organisations.scoping import LEAD_ROLES, scoped
from signals.accumulation import (
    ACUTE,
    STATUS_LABELS,
    STATUS_RANK,
    Bands,
    annotate_markers,
    assess_families,
    band_quarters,
    corroborators_by_family,
    counting_since,
    marker_conditions,
    markers_for,
    score_series_by_family,
)
from signals.dashboard import trend
from signals.observations.models import LatestObservation
from signals.reviews.models import Agreement, Decision, Review

PAGE_SIZE = 50
TRANSITION_DAYS = 60
# The categories a row names as its reason.
REASON_CATEGORIES = 3


@dataclass(frozen=True)
class Section:
    name: str
    rank: int
    label: str
    help: str


SECTIONS = (
    Section(
        "acute",
        3,
        gettext_lazy("Acuut"),
        gettext_lazy("Een acuut signaal dat nog niet beoordeeld is: eerst."),
    ),
    Section(
        "waiting",
        2,
        gettext_lazy("Wacht op jou"),
        gettext_lazy(
            "Nog nooit beoordeeld terwijl er stapeling of aandacht is, een nieuw risico sinds "
            "de laatste beoordeling, een beoordeling, afspraak of controle die te laat is."
        ),
    ),
    Section(
        "followed",
        1,
        gettext_lazy("Gevolgd"),
        gettext_lazy("Beoordeeld, niets nieuws, en de volgende datum ligt nog voor je."),
    ),
    Section("quiet", 0, gettext_lazy("Rustig"), gettext_lazy("Geen zorgen die nu op je wachten.")),
)
SECTION_BY_NAME = {s.name: s for s in SECTIONS}
SECTION_BY_RANK = {s.rank: s for s in SECTIONS}

# Why a family waits, in words (the row's markers).
MARKER_LABELS = {
    "never_reviewed": gettext_lazy("nog nooit beoordeeld"),
    "new_since_review": gettext_lazy("nieuw sinds laatste beoordeling"),
    "new_risk": gettext_lazy("nieuw risico sinds laatste beoordeling"),
    "review_overdue": gettext_lazy("beoordeling te laat"),
    "agreement_overdue": gettext_lazy("afspraak te laat"),
    "check_due": gettext_lazy("controle te laat"),
    "transition_soon": gettext_lazy("levensfase-overgang binnen 60 dagen"),
}


def worklist(families, *, organisation, today):
    """`families` with the model's figures, their markers (aliases, for the filters) and
    `section_rank`, best first: section, then status, then score."""
    qs = assess_families(families, as_of=today, organisations=[organisation])
    qs = annotate_markers(qs, today=today).alias(
        agreement_overdue=Exists(Agreement.objects.overdue(today).filter(family=OuterRef("pk")))
    )
    conditions = marker_conditions(today)
    waiting = Q(agreement_overdue=True)
    for condition in conditions.values():
        waiting |= condition
    followed = Q(last_review_next_on__gte=today) | Q(
        long_term_support=True, next_check_on__gt=today
    )
    qs = qs.annotate(
        section_rank=Case(
            When(status_rank=STATUS_RANK[ACUTE], then=Value(SECTION_BY_NAME["acute"].rank)),
            When(waiting, then=Value(SECTION_BY_NAME["waiting"].rank)),
            When(followed, then=Value(SECTION_BY_NAME["followed"].rank)),
            default=Value(SECTION_BY_NAME["quiet"].rank),
            output_field=IntegerField(),
        )
    )
    return qs.order_by("-section_rank", "-status_rank", "-score_quarters", "name", "pk")


def dashboard_queryset(request, *, today):
    """The organisation's families on the working list, best first."""
    families = scoped(request, Family.objects.all(), roles=LEAD_ROLES)
    return worklist(families, organisation=request.organisation, today=today)


# Marker filters: the alias each one filters on.
MARKER_FILTERS = {
    "never": "never_reviewed",
    "new": "new_since_review",
    "risk": "new_risk",
    "overdue": "review_overdue",
    "agreement": "agreement_overdue",
    "check": "check_due",
}


def apply_filters(qs, form, *, request, today):
    """The working list narrowed to the form's section, status and marker (ignored when the
    form is not valid)."""
    if not form.is_valid():
        return qs
    section = form.cleaned_data.get("section")
    status = form.cleaned_data.get("status")
    marker = form.cleaned_data.get("marker")
    if section:
        qs = qs.filter(section_rank=SECTION_BY_NAME[section].rank)
    if status:
        qs = qs.filter(status_rank=STATUS_RANK[status])
    if marker in MARKER_FILTERS:
        qs = qs.filter(**{MARKER_FILTERS[marker]: True})
    elif marker == "transition":
        # A subquery of its own: joining children here would multiply the observation rows.
        families = scoped(request, Family.objects.all(), roles=LEAD_ROLES)
        within = families_with_transition_within(families, today=today, days=TRANSITION_DAYS)
        qs = qs.filter(pk__in=within.values("pk"))
    return qs


# A page number past this is past any organisation's end (and would overflow OFFSET).
MAX_PAGE = 100_000


class WindowSum(Func):
    """SUM(…) OVER (): a window function whose argument may hold the row's own aggregates
    (its section), which Django's Sum refuses and PostgreSQL refuses inside FILTER."""

    function = "SUM"
    window_compatible = True
    output_field = IntegerField()


def counted(qs):
    """The rows with the counts of the whole list beside each one, `… OVER ()`: the
    aggregate over every family runs once for the page and the counts on top."""
    return qs.annotate(
        rows_in_total=Window(Count("pk")),
        **{
            f"in_{section.name}": Window(
                WindowSum(
                    Case(
                        When(section_rank=section.rank, then=Value(1)),
                        default=Value(0),
                        output_field=IntegerField(),
                    )
                )
            )
            for section in SECTIONS
        },
    )


def page_of(qs, number):
    """(page `number` of `qs`, PAGE_SIZE a page, as `Paginator.get_page` gives it;
    {section name: how many families the list holds in it}).

    A page past the end (or not a number) falls back like `get_page` does.
    """
    paginator = Paginator(qs, PAGE_SIZE)
    try:
        number = min(max(int(number), 1), MAX_PAGE)
    except (TypeError, ValueError):
        number = 1
    counted_rows = counted(qs)

    def rows(n):
        return list(counted_rows[(n - 1) * PAGE_SIZE : n * PAGE_SIZE])

    found = rows(number)
    if not found:  # nothing matches, or past the last page: count, and show the last page
        paginator.count = qs.count()
        number = paginator.num_pages
        found = rows(number) if paginator.count else []
    paginator.count = found[0].rows_in_total if found else 0
    counts = {s.name: getattr(found[0], f"in_{s.name}") if found else 0 for s in SECTIONS}
    return Page(found, number, paginator), counts


def _reasons(ids, *, bands):
    """{family id: [(category name, lasting and current)]}: the categories that weigh most
    at `bands.as_of`, heaviest first, REASON_CATEGORIES at most."""
    today = bands.as_of
    english = (get_language() or "nl").startswith("en")
    rows = (
        LatestObservation.objects.filter(
            counting_since(bands.quarter), family_id__in=ids, risk=True, observed_on__lte=today
        )
        .annotate(
            current=Case(
                When(
                    Q(lasting=True) & (Q(ended_on__isnull=True) | Q(ended_on__gt=today)),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by()
        .values("family_id", "category_id", "category__name", "category__name_en", "current")
        .annotate(
            quarters=Sum(
                F("severity") * F("weight") * band_quarters(bands), output_field=IntegerField()
            )
        )
    )
    per_family = {pk: [] for pk in ids}
    for row in rows:
        name = (english and row["category__name_en"]) or row["category__name"]
        per_family[row["family_id"]].append((row["quarters"] or 0, name, row["current"]))
    reasons = {}
    for pk, items in per_family.items():
        merged = {}
        for quarters, name, current in items:
            total, was_current = merged.get(name, (0, False))
            merged[name] = (total + quarters, was_current or current)
        order = sorted(merged.items(), key=lambda kv: (-kv[1][0], kv[0]))
        reasons[pk] = [(name, current) for name, (q, current) in order if q][:REASON_CATEGORIES]
    return reasons


def _people_and_transitions(ids, *, today):
    """{family id: (contact person's name or "", a life-phase transition within 60 days)}."""
    children = children_with_transition_within(
        Child.objects.filter(family=OuterRef("pk")), today=today, days=TRANSITION_DAYS
    )
    rows = (
        Family.objects.filter(pk__in=ids)
        .annotate(transition=Exists(children))
        .values_list(
            "pk",
            "transition",
            "contact_person__user__first_name",
            "contact_person__user__last_name",
            "contact_person__user__username",
        )
    )
    found = {}
    for pk, transition, first, last, username in rows:
        found[pk] = (f"{first or ''} {last or ''}".strip() or (username or ""), transition)
    return found


def _overdue_agreements(ids, *, today):
    """{family id: its open agreements past their date, earliest first}."""
    found = {pk: [] for pk in ids}
    overdue = (
        Agreement.objects.overdue(today)
        .filter(family_id__in=ids)
        .select_related("owner__user")
        .order_by("due_on", "pk")
    )
    for agreement in overdue:
        found[agreement.family_id].append(agreement)
    return found


def _awaiting_veilig_thuis(ids):
    """{family id: the day of its latest report to Veilig Thuis that has no answer yet}."""
    reports = (
        Review.objects.filter(family_id__in=ids, decision=Decision.REPORT_VT, vt_answer="")
        .order_by("family_id", "created_at", "pk")
        .values_list("family_id", "vt_reported_on", "created_at")
    )
    return {family_id: reported_on or at.date() for family_id, reported_on, at in reports}


def page_details(families, *, organisation, today):
    """Trend, reason, people, agreements and markers of the families on one page: a fixed
    few queries."""
    ids = [f.pk for f in families]
    dates = trend.monthly_dates(today)
    series_by_family = score_series_by_family(ids, organisation=organisation, dates=dates)
    people = corroborators_by_family(ids, organisation=organisation, as_of=today)
    reasons = _reasons(ids, bands=Bands.of(organisation, today))
    contacts = _people_and_transitions(ids, today=today)
    overdue = _overdue_agreements(ids, today=today)
    awaiting = _awaiting_veilig_thuis(ids)
    ceiling = organisation.accumulation_threshold
    for family in families:
        series = series_by_family[family.pk]
        title = _("Score per maand, laatste 12 maanden (%(range)s)") % {
            "range": trend.describe(dates, series)
        }
        family.trend_svg = trend.sparkline(series, title=title, ceiling=ceiling)
        family.corroboration = len(people[family.pk])
        family.contact_name, family.transition_soon = contacts.get(family.pk, ("", False))
        family.status_label = STATUS_LABELS[family.status]
        family.section = SECTION_BY_RANK[family.section_rank]
        family.reasons = reasons.get(family.pk, [])
        family.overdue_agreements = overdue[family.pk]
        family.agreement_overdue = bool(family.overdue_agreements)
        markers_for(family, today=today)
        family.markers = [
            (name, MARKER_LABELS[name]) for name in MARKER_LABELS if getattr(family, name, False)
        ]
        family.last_review_label = (
            Decision(family.last_review_decision).label if family.last_review_decision else ""
        )
        family.vt_reported_on = awaiting.get(family.pk)
        family.awaits_vt = family.vt_reported_on is not None


def counts_line(counts):
    """The counts on top: (section, number) in the sections' order, and the total."""
    return [(s, counts[s.name]) for s in SECTIONS], sum(counts.values())
