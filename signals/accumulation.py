"""The accumulation model of design.md: age-weighted points of risk observations per family.

Two implementations that must always agree (tests/signals/test_accumulation_property.py):
`assess_family` in Python for one family (the explanation page, the trend), and
`assess_families` as annotations on a Family queryset, computed in the database from
`LatestObservation` (the dashboard sorts, filters and paginates on them). The band cutoff dates are
computed here in Python from `as_of`, so the database needs no date arithmetic.
"""

import datetime
import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    DateTimeField,
    DecimalField,
    F,
    FilteredRelation,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Substr, Trim
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation
from signals.catalogue.models import RISK_KINDS
from signals.notes.models import ColleagueNote, NoteKind
from signals.observations.models import LatestObservation, Observation
from signals.reviews.models import Review

ACUTE = "acute"
ACCUMULATION = "accumulation"
ATTENTION = "attention"
NONE = "none"
# Higher ranks first on the dashboard.
STATUS_RANK = {ACUTE: 3, ACCUMULATION: 2, ATTENTION: 1, NONE: 0}
STATUS_WIDTH = 12
STATUSES = (ACUTE, ACCUMULATION, ATTENTION, NONE)
STATUS_LABELS = {
    ACUTE: _("acuut"),
    ACCUMULATION: _("stapeling"),
    ATTENTION: _("aandacht"),
    NONE: _("geen"),
}
RULE_TEXTS = {
    "acute": _("Er is een acuut signaal vastgelegd na de laatste beoordeling."),
    "score": _("De score is gelijk aan of hoger dan de stapelingsdrempel."),
    "distinct": _(
        "Het aantal verschillende risico's is gelijk aan of hoger dan de drempel voor "
        "verschillende risico's."
    ),
    "attention": _("De score is gelijk aan of hoger dan de aandachtsdrempel."),
    "none": _("Geen van de drempels is bereikt."),
}

FULL, HALF, QUARTER, ZERO = Decimal(1), Decimal("0.5"), Decimal("0.25"), Decimal(0)


@dataclass(frozen=True)
class Bands:
    """The cutoff dates of an organisation's age bands at `as_of`: observed on or after counts."""

    as_of: datetime.date
    full: datetime.date
    half: datetime.date
    quarter: datetime.date

    @classmethod
    def of(cls, organisation, as_of):
        def back(days):
            return as_of - datetime.timedelta(days=days)

        return cls(
            as_of=as_of,
            full=back(organisation.band_full_days),
            half=back(organisation.band_half_days),
            quarter=back(organisation.band_quarter_days),
        )

    def weight(self, observed_on):
        if observed_on >= self.full:
            return FULL
        if observed_on >= self.half:
            return HALF
        if observed_on >= self.quarter:
            return QUARTER
        return ZERO


@dataclass
class Contribution:
    observation: Observation
    age_days: int
    age_weight: Decimal
    points: Decimal


@dataclass
class Assessment:
    family: object
    as_of: datetime.date
    score: Decimal
    distinct_risk_categories: int
    status: str
    contributions: list = field(default_factory=list)  # every risk observation, also weight 0
    categories: list = field(default_factory=list)  # the distinct categories that count
    corroboration: int = 0
    corroborators: list = field(default_factory=list)
    protective: list = field(default_factory=list)
    acute_observations: list = field(default_factory=list)  # acute, not reviewed since
    last_review: Review | None = None
    rule: str = ""  # which rule of the model fired, for the explanation

    @property
    def status_rank(self):
        return STATUS_RANK[self.status]

    @property
    def counting(self):
        return [c for c in self.contributions if c.age_weight]


def status_for(*, score, distinct, acute, organisation):
    """The first rule of the model that holds, and the rule's code for the explanation."""
    if acute:
        return ACUTE, "acute"
    if score >= organisation.accumulation_threshold:
        return ACCUMULATION, "score"
    if distinct >= organisation.distinct_threshold:
        return ACCUMULATION, "distinct"
    if score >= organisation.attention_threshold:
        return ATTENTION, "attention"
    return NONE, "none"


def score_observations(observations, *, bands):
    """(score, distinct category ids, contributions) of latest-version risk observations."""
    score = Decimal(0)
    categories = set()
    contributions = []
    for obs in observations:
        weight = bands.weight(obs.observed_on)
        points = Decimal(obs.severity * obs.category.weight) * weight
        score += points
        if weight:
            categories.add(obs.category_id)
        age = (bands.as_of - obs.observed_on).days
        contributions.append(Contribution(obs, age, weight, points))
    return score, categories, contributions


def assess_family(family, *, as_of, review=..., observations=None, notes=None):
    """The family's assessment at `as_of` (versions and reviews as known today).

    `review` (the last review, or None), `observations` (the latest version of each of the
    family's chains, with category, observer and child) and `notes` (the family's colleague
    notes, with author) may be given by a caller that has read them already (the family page's
    panel); otherwise they are read here.
    """
    organisation = family.organisation
    bands = Bands.of(organisation, as_of)
    if review is ...:
        review = Review.objects.last_of(family).first()
    if observations is None:
        latest = (
            Observation.objects.filter(family=family, observed_on__lte=as_of)
            .latest_versions()
            .select_related("category", "observer", "child")
            .order_by("-observed_on", "-pk")
        )
    else:
        latest = sorted(
            (o for o in observations if o.observed_on <= as_of),
            key=lambda o: (o.observed_on, o.pk),
            reverse=True,
        )
    risks, protective = [], []
    for obs in latest:
        (risks if obs.category.kind in RISK_KINDS else protective).append(obs)
    score, category_ids, contributions = score_observations(risks, bands=bands)
    acute = [o for o in risks if o.acute and (review is None or o.created_at > review.created_at)]
    status, rule = status_for(
        score=score, distinct=len(category_ids), acute=bool(acute), organisation=organisation
    )
    counting = [c for c in contributions if c.age_weight]
    categories = []
    seen = set()
    for c in counting:
        if c.observation.category_id not in seen:
            seen.add(c.observation.category_id)
            categories.append(c.observation.category)
    corroborators = {c.observation.observer for c in counting}
    corroborators |= set(_recognition_authors(family, bands, as_of, notes=notes))
    return Assessment(
        family=family,
        as_of=as_of,
        score=score,
        distinct_risk_categories=len(category_ids),
        status=status,
        contributions=contributions,
        categories=categories,
        corroboration=len(corroborators),
        corroborators=sorted(corroborators, key=lambda u: u.get_full_name() or u.username),
        protective=[o for o in protective if bands.weight(o.observed_on)],
        acute_observations=acute,
        last_review=review,
        rule=rule,
    )


def _recognition_authors(family, bands, as_of, *, notes=None):
    """Who recognised a risk ("ik herken dit") from the oldest band's start up to `as_of`,
    by the day of the note in the current time zone (as `created_at__date` compares)."""
    from django.contrib.auth import get_user_model

    if notes is not None:
        return {
            n.author
            for n in notes
            if n.kind == NoteKind.RECOGNITION
            and bands.quarter <= timezone.localtime(n.created_at).date() <= as_of
        }
    notes = ColleagueNote.objects.filter(
        family=family,
        kind=NoteKind.RECOGNITION,
        created_at__date__gte=bands.quarter,
        created_at__date__lte=as_of,
    )
    return get_user_model().objects.filter(pk__in=notes.values("author_id"))


def score_series(history, *, organisation, dates):
    """The score at each of `dates` from one family's latest-version risk observations.

    `history`: (severity × category weight, observed_on) pairs. Counted in whole quarters,
    as the database does, and divided once: the dashboard draws 50 of these per page.
    """
    series = []
    for day in dates:
        bands = Bands.of(organisation, day)
        full, half, quarter = bands.full, bands.half, bands.quarter
        quarters = 0
        for base, observed_on in history:
            if quarter <= observed_on <= day:
                quarters += base * (4 if observed_on >= full else 2 if observed_on >= half else 1)
        series.append(Decimal(quarters) / 4)
    return series


def score_series_by_family(family_ids, *, organisation, dates):
    """{family id: the score at each of `dates`}: `score_series` for the families on one
    dashboard page, from one query.

    Their latest-version risk observations in the widest window come in one query (one
    index, `latest_obs_family_risk`) and are summed here: twelve sums written as ORM
    expressions cost several times more to build than these few rows cost to add up.
    """
    bands = [Bands.of(organisation, day) for day in dates]
    rows = (
        LatestObservation.objects.filter(
            family_id__in=family_ids,
            risk=True,
            observed_on__gte=min(b.quarter for b in bands),
            observed_on__lte=max(dates),
        )
        .order_by()
        .values_list("family_id", "severity", "weight", "observed_on")
    )
    history = {pk: [] for pk in family_ids}
    for family_id, severity, weight, observed_on in rows:
        history[family_id].append((severity * weight, observed_on))
    return {
        pk: score_series(pairs, organisation=organisation, dates=dates)
        for pk, pairs in history.items()
    }


def corroborators_by_family(family_ids, *, organisation, as_of):
    """{family id: ids of the professionals who logged a counting risk or recognised one}.

    The same people as `Assessment.corroborators`, for the families on one page.
    """
    bands = Bands.of(organisation, as_of)
    people = {pk: set() for pk in family_ids}
    observers = (
        LatestObservation.objects.filter(
            family_id__in=family_ids,
            risk=True,
            observed_on__gte=bands.quarter,
            observed_on__lte=as_of,
        )
        .order_by()
        .values_list("family_id", "observer_id")
        .distinct()
    )
    notes = (
        ColleagueNote.objects.filter(
            family_id__in=family_ids,
            kind=NoteKind.RECOGNITION,
            created_at__date__gte=bands.quarter,
            created_at__date__lte=as_of,
        )
        .order_by()
        .values_list("family_id", "author_id")
        .distinct()
    )
    for family_id, person in [*observers, *notes]:
        people[family_id].add(person)
    return people


# --- in the database -------------------------------------------------------------------------


def _in_quarters(threshold):
    """The least whole number of quarters that reaches `threshold` (score >= 8.1: 33 quarters)."""
    return math.ceil(Decimal(threshold) * 4)


def _per_organisation(organisations, build):
    """One condition per organisation, OR-ed; `build(org)` gives that organisation's Q."""
    if len(organisations) == 1:
        return build(organisations[0])
    condition = Q(pk__in=[])
    for org in organisations:
        condition |= Q(organisation_id=org.pk) & build(org)
    return condition


def _case_per_organisation(organisations, build, *, default, output_field):
    """A value per organisation: `build(org)` gives an expression for that organisation."""
    if len(organisations) == 1:
        return build(organisations[0])
    return Case(
        *[When(organisation_id=org.pk, then=build(org)) for org in organisations],
        default=default,
        output_field=output_field,
    )


def assess_families(queryset, *, as_of, organisations=None):
    """`queryset` of families annotated with the model's figures, computed in the database.

    Annotations: score (Decimal), score_quarters (int: score × 4), distinct_risk_categories,
    last_acute_at, last_review_at, status, status_rank, and of the last review:
    last_review_decision, last_review_next_on, last_review_status; aliases (for filters)
    is_acute and last_review_status_rank.
    """
    if organisations is None:
        organisations = list(
            Organisation.objects.filter(pk__in=queryset.order_by().values("organisation_id"))
        )
    if not organisations:
        organisations = [Organisation(pk=0)]
    bands = {org.pk: Bands.of(org, as_of) for org in organisations}

    # Only rows that can count join: latest versions of risk observations (LatestObservation,
    # kept by the database), observed by as_of, in the widest window or acute.
    earliest = min(b.quarter for b in bands.values())
    relevant = FilteredRelation(
        "latest_observations",
        condition=Q(latest_observations__risk=True)
        & Q(latest_observations__observed_on__lte=as_of)
        & (Q(latest_observations__observed_on__gte=earliest) | Q(latest_observations__acute=True)),
    )

    def window(org):
        return Q(relevant__observed_on__gte=bands[org.pk].quarter)

    # Points in quarters, so that the sum stays an integer in both databases.
    def quarters(org):
        b = bands[org.pk]
        return Case(
            When(relevant__observed_on__gte=b.full, then=Value(4)),
            When(relevant__observed_on__gte=b.half, then=Value(2)),
            When(relevant__observed_on__gte=b.quarter, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )

    age_quarters = _case_per_organisation(
        organisations, quarters, default=Value(0), output_field=IntegerField()
    )
    in_window = _per_organisation(organisations, window)
    last_review = Review.objects.last_of(OuterRef("pk"))
    qs = queryset.alias(relevant=relevant).annotate(
        score_quarters=Coalesce(
            Sum(
                F("relevant__severity") * F("relevant__weight") * age_quarters,
                filter=in_window,
                output_field=IntegerField(),
            ),
            Value(0),
        ),
        distinct_risk_categories=Count("relevant__category", filter=in_window, distinct=True),
        last_acute_at=Max("relevant__created_at", filter=Q(relevant__acute=True)),
        last_review_at=Subquery(last_review.values("created_at"), output_field=DateTimeField()),
        last_review_decision=Subquery(last_review.values("decision")),
        last_review_next_on=Subquery(last_review.values("next_review_on")),
        last_review_status=Subquery(last_review.values("status_at_review")),
    )
    qs = qs.annotate(
        score=Case(
            default=F("score_quarters") * Value(Decimal("0.25")),
            output_field=DecimalField(max_digits=12, decimal_places=2),
        ),
    ).alias(
        is_acute=Case(
            When(
                Q(last_acute_at__isnull=False)
                & (Q(last_review_at__isnull=True) | Q(last_acute_at__gt=F("last_review_at"))),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )

    def rules(org):
        return [
            When(
                Q(score_quarters__gte=_in_quarters(org.accumulation_threshold))
                | Q(distinct_risk_categories__gte=org.distinct_threshold),
                then=Value(STATUS_RANK[ACCUMULATION]),
            ),
            When(
                score_quarters__gte=_in_quarters(org.attention_threshold),
                then=Value(STATUS_RANK[ATTENTION]),
            ),
        ]

    whens = [When(is_acute=True, then=Value(STATUS_RANK[ACUTE]))]
    if len(organisations) == 1:
        whens += rules(organisations[0])
    else:
        for org in organisations:
            whens += [
                When(Q(organisation_id=org.pk) & w.condition, then=w.result) for w in rules(org)
            ]
    qs = qs.annotate(
        status_rank=Case(*whens, default=Value(STATUS_RANK[NONE]), output_field=IntegerField())
    )
    # The name of the rank, read from a fixed-width string: one reference to status_rank
    # (each reference repeats the aggregates in the SQL).
    names = "".join(f"{name:<{STATUS_WIDTH}}" for name in sorted(STATUS_RANK, key=STATUS_RANK.get))
    qs = qs.annotate(
        status=Trim(
            Substr(
                Value(names),
                F("status_rank") * Value(STATUS_WIDTH) + Value(1),
                STATUS_WIDTH,
                output_field=CharField(),
            )
        ),
    ).alias(
        # A subquery at the top of the expression: in a filter on the aggregates (HAVING),
        # Django groups by what a subquery refers to (the family), whereas a CASE or
        # COALESCE around it would be grouped by itself and run for every observation row.
        last_review_status_rank=Subquery(
            last_review.annotate(
                rank=Case(
                    *[
                        When(status_at_review=name, then=Value(rank))
                        for name, rank in STATUS_RANK.items()
                    ],
                    default=Value(None),
                    output_field=IntegerField(),
                )
            ).values("rank"),
            output_field=IntegerField(),
        ),
    )
    return qs


def annotate_markers(queryset, *, today, only=None):
    """Markers of the dashboard on an `assess_families` queryset, in the database (as aliases:
    for filtering; `markers_for` gives the shown rows' markers without repeating the SQL).

    new_since_review: the status ranks higher than the status the last review left
    (or there was no review and the status is not "none"); review_overdue: the last
    review's next date has passed; check_due: long-term support's next check is due.
    """
    markers = {
        "new_since_review": lambda: Case(
            When(
                Q(status_rank__gt=F("last_review_status_rank"))
                | Q(last_review_status_rank__isnull=True, status_rank__gt=STATUS_RANK[NONE]),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        ),
        "review_overdue": lambda: Case(
            When(last_review_next_on__lt=today, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        "check_due": lambda: Case(
            When(long_term_support=True, next_check_on__lte=today, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
    }
    return queryset.alias(
        **{name: build() for name, build in markers.items() if only is None or name in only}
    )


def markers_for(family, *, today):
    """The same markers as `annotate_markers`, for one row of an `assess_families` queryset."""
    family.new_since_review = family.status_rank > STATUS_RANK.get(family.last_review_status, 0)
    family.review_overdue = bool(family.last_review_next_on and family.last_review_next_on < today)
    family.check_due = bool(
        family.long_term_support and family.next_check_on and family.next_check_on <= today
    )
    return family


def tune_for_aggregates():
    """PostgreSQL, for this transaction only: no JIT compilation. The dashboard's aggregate
    over every family is costed high enough to trigger it, and compiling takes longer than
    the query itself (at 10,000 families: 346 ms with JIT, 131 ms without)."""
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('jit', 'off', true)")
