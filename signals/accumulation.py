"""The accumulation model of design.md: age-weighted points of risk observations per family.

Two implementations that must always agree (tests/signals/test_accumulation_property.py):
`assess_family` in Python for one family (the explanation page, the trend), and
`assess_families` as annotations on a Family queryset, computed in the database from
`LatestObservation` (the dashboard sorts, filters and paginates on them). The band cutoff dates are
computed here in Python from `as_of`, so the database needs no date arithmetic.

A lasting risk factor (its category's `lasting`) counts in full while it is current, and from
its `ended_on` on ages like any observation (`counts_from`); an acute flag dates from the
version that raised it (`LatestObservation.acute_since`, `raises_acute`).
"""

import datetime
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
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

from families.models import Family
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

# How much an observation counts, in words a professional reads without the formula.
WEIGHT_WORDS = {
    FULL: _("telt volledig"),
    HALF: _("telt half"),
    QUARTER: _("telt een kwart"),
    ZERO: _("telt niet meer"),
}
LASTING_WORDS = _("blijvend: telt volledig tot het voorbij is")


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


def counts_from(observation, as_of):
    """The date an observation's age runs from at `as_of`: its `observed_on`; for a lasting
    risk factor `as_of` itself while it is current (not ended, or ended after `as_of`), and
    its `ended_on` after that. Whether the category is lasting is read as it is now."""
    if not observation.category.lasting:
        return observation.observed_on
    ended = observation.ended_on
    if ended is None or ended > as_of:
        return as_of
    return ended


@dataclass
class Contribution:
    observation: Observation
    age_days: int
    age_weight: Decimal
    points: Decimal
    lasting: bool = False  # a lasting risk factor that is current at as_of
    new_since_review: bool = False  # its chain was first logged after the last review

    @property
    def in_words(self):
        """ "telt volledig", "telt half", …; a current lasting factor says why it counts."""
        return LASTING_WORDS if self.lasting else WEIGHT_WORDS[self.age_weight]

    @property
    def ended(self):
        """A lasting factor that stopped applying by as_of: its end date, else None."""
        obs = self.observation
        if obs.category.lasting and not self.lasting:
            return obs.ended_on
        return None


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

    @property
    def lasting_factors(self):
        """The lasting risk factors that are current at as_of (they count in full)."""
        return [c.observation for c in self.contributions if c.lasting]

    @property
    def weighing_most(self):
        """The distinct categories that weigh most: (category, points), heaviest first."""
        return heaviest_categories(
            (c.observation.category, c.points) for c in self.contributions if c.points
        )


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


def heaviest_categories(pairs, *, limit=3):
    """[(category, points)] summed per category, heaviest first (then by name), at most
    `limit`: the "why" of a row on the dashboard."""
    totals, seen = {}, {}
    for category, points in pairs:
        totals[category.pk] = totals.get(category.pk, Decimal(0)) + Decimal(points)
        seen[category.pk] = category
    order = sorted(totals, key=lambda pk: (-totals[pk], seen[pk].display_name))
    return [(seen[pk], totals[pk]) for pk in order[:limit] if totals[pk]]


def score_observations(observations, *, bands):
    """(score, distinct category ids, contributions) of latest-version risk observations."""
    score = Decimal(0)
    categories = set()
    contributions = []
    for obs in observations:
        start = counts_from(obs, bands.as_of)
        weight = bands.weight(start)
        points = Decimal(obs.severity * obs.category.weight) * weight
        score += points
        if weight:
            categories.add(obs.category_id)
        age = (bands.as_of - start).days
        lasting = obs.category.lasting and start == bands.as_of
        contributions.append(Contribution(obs, age, weight, points, lasting=lasting))
    return score, categories, contributions


def _latest_at(family, as_of, observations=None):
    """The latest version of each of the family's chains observed by `as_of`, newest first:
    from `observations` (all of them, read already) or from the database."""
    if observations is not None:
        return sorted(
            (o for o in observations if o.observed_on <= as_of),
            key=lambda o: (o.observed_on, o.pk),
            reverse=True,
        )
    return (
        Observation.objects.filter(family=family, observed_on__lte=as_of)
        .latest_versions()
        .select_related("category", "observer", "child", "latest_of_chain")
        .order_by("-observed_on", "-pk")
    )


def assess_family(family, *, as_of, review=..., observations=None, notes=None):
    """The family's assessment at `as_of` (versions and reviews as known today).

    `observations`: the latest version of each of the family's chains (all of them, with
    category, observer and child) and `notes` (all of the family's colleague notes, with
    their authors), when the caller read them already (the family page); otherwise they are
    read here."""
    organisation = family.organisation
    bands = Bands.of(organisation, as_of)
    if review is ...:
        review = Review.objects.last_of(family).first()
    risks, protective = [], []
    for obs in _latest_at(family, as_of, observations):
        (risks if obs.category.kind in RISK_KINDS else protective).append(obs)
    score, category_ids, contributions = score_observations(risks, bands=bands)
    if review is not None:
        for c in contributions:
            c.new_since_review = c.observation.latest_of_chain.first_logged_at > review.created_at
    # An acute flag dates from the version that raised it; a review after that clears it.
    acute = [
        o
        for o in risks
        if o.acute and (review is None or o.latest_of_chain.acute_since > review.created_at)
    ]
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

    `history`: (severity × category weight, observed_on[, lasting, ended_on]) tuples. Counted
    in whole quarters, as the database does, and divided once.
    """
    series = []
    for day in dates:
        bands = Bands.of(organisation, day)
        full, half, quarter = bands.full, bands.half, bands.quarter
        quarters = 0
        for base, observed_on, *rest in history:
            lasting, ended_on = rest or (False, None)
            if observed_on > day:
                continue
            start = observed_on
            if lasting:
                start = day if ended_on is None or ended_on > day else ended_on
            if start >= quarter:
                quarters += base * (4 if start >= full else 2 if start >= half else 1)
        series.append(Decimal(quarters) / 4)
    return series


def band_quarters_sql(bands, row="lo"):
    """`band_quarters(bands)` as SQL text on the LatestObservation row `row`, and its params."""
    r = row
    return (
        f"CASE WHEN {r}.lasting AND ({r}.ended_on IS NULL OR {r}.ended_on >= %s) THEN 4"
        f" WHEN {r}.lasting AND {r}.ended_on >= %s THEN 2"
        f" WHEN {r}.lasting AND {r}.ended_on >= %s THEN 1"
        f" WHEN {r}.lasting THEN 0"
        f" WHEN {r}.observed_on >= %s THEN 4 WHEN {r}.observed_on >= %s THEN 2"
        f" WHEN {r}.observed_on >= %s THEN 1 ELSE 0 END",
        [bands.full, bands.half, bands.quarter] * 2,
    )


def counting_since_sql(cutoff, row="lo"):
    """`counting_since(cutoff)` as SQL text on the LatestObservation row `row`, and params."""
    r = row
    return (
        f"((NOT {r}.lasting AND {r}.observed_on >= %s)"
        f" OR ({r}.lasting AND ({r}.ended_on IS NULL OR {r}.ended_on >= %s)))",
        [cutoff, cutoff],
    )


def run_sql(sql, params):
    """Rows of SQL text; dates go as ISO text (SQLite stores them so, PostgreSQL reads a
    date from it)."""
    with connection.cursor() as cursor:
        cursor.execute(sql, [_sql_value(p) for p in params])
        return cursor.fetchall()


def score_series_by_family(family_ids, *, organisation, dates):
    """{family id: the score at each of `dates`}: `score_series` in the database, one query.

    For the families on one dashboard page: twelve sums over their latest-version risk
    observations, grouped by family, instead of every row sent to Python. Written as SQL
    text: as twelve ORM expressions it took longer to compile than to run.
    """
    series = {pk: [Decimal(0)] * len(dates) for pk in family_ids}
    if not family_ids:
        return series
    bands = [Bands.of(organisation, day) for day in dates]
    # `band_quarters_sql` on each row once for twelve dates: its age runs from `counts_from`
    # (observed_on; a lasting factor's ended_on, and a current one never ages), so each
    # date's band is three comparisons on one column.
    sums, params = [], []
    for b in bands:
        sums.append(
            "SUM(CASE WHEN lo.observed_on <= %s THEN lo.points * (CASE"
            " WHEN lo.counts_from >= %s THEN 4 WHEN lo.counts_from >= %s THEN 2"
            " WHEN lo.counts_from >= %s THEN 1 ELSE 0 END) END)"
        )
        params += [b.as_of, b.full, b.half, b.quarter]
    counting, counting_params = counting_since_sql(min(b.quarter for b in bands))
    ids = ", ".join(["%s"] * len(family_ids))
    sql = (
        f"SELECT lo.family_id, {', '.join(sums)} FROM (SELECT lo.family_id, lo.observed_on,"  # noqa: S608
        " lo.severity * lo.weight AS points, CASE WHEN lo.lasting"
        " THEN COALESCE(lo.ended_on, %s) ELSE lo.observed_on END AS counts_from"
        f" FROM {LatestObservation._meta.db_table} lo"
        f" WHERE lo.family_id IN ({ids}) AND lo.risk AND lo.observed_on <= %s AND {counting}"
        ") lo GROUP BY lo.family_id"
    )
    params += [datetime.date.max, *family_ids, max(dates), *counting_params]
    rows = run_sql(sql, params)
    for family_id, *quarters in rows:
        series[family_id] = [Decimal(q or 0) / 4 for q in quarters]
    return series


def _sql_value(value):
    """A date or moment as the database takes it (the ORM's own adapters: SQLite stores
    both as text, moments in UTC)."""
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, datetime.date):
        return connection.ops.adapt_datefield_value(value)
    return value


def corroborators_by_family(family_ids, *, organisation, as_of):
    """{family id: ids of the professionals who logged a counting risk or recognised one}.

    The same people as `Assessment.corroborators`, for the families on one page: one query
    (SQL text, a UNION that leaves each family and person once).
    """
    people = {pk: set() for pk in family_ids}
    if not family_ids:
        return people
    bands = Bands.of(organisation, as_of)
    counting, counting_params = counting_since_sql(bands.quarter)
    ids = ", ".join(["%s"] * len(family_ids))
    # The notes of the days from the quarter band's start up to and including as_of, in the
    # current time zone (as `created_at__date` reads them).
    since = timezone.make_aware(datetime.datetime.combine(bands.quarter, datetime.time.min))
    until = timezone.make_aware(
        datetime.datetime.combine(as_of + datetime.timedelta(days=1), datetime.time.min)
    )
    sql = (
        f"SELECT lo.family_id, lo.observer_id FROM {LatestObservation._meta.db_table} lo"  # noqa: S608
        f" WHERE lo.family_id IN ({ids}) AND lo.risk AND lo.observed_on <= %s AND {counting}"
        f" UNION SELECT n.family_id, n.author_id FROM {ColleagueNote._meta.db_table} n"
        f" WHERE n.family_id IN ({ids}) AND n.kind = %s"
        " AND n.created_at >= %s AND n.created_at < %s"
    )
    params = [*family_ids, as_of, *counting_params]
    params += [*family_ids, NoteKind.RECOGNITION.value, since, until]
    for family_id, person in run_sql(sql, params):
        people[family_id].add(person)
    return people


# --- in the database -------------------------------------------------------------------------


def counting_since(cutoff, prefix=""):
    """Q: a LatestObservation row (through `prefix`) whose age weight is not zero when the
    quarter band starts at `cutoff`: observed since, or a lasting factor current or ended since.
    """

    def q(lookup, value):
        return Q(**{f"{prefix}{lookup}": value})

    lasting = q("lasting", True)
    return (q("lasting", False) & q("observed_on__gte", cutoff)) | (
        lasting & (q("ended_on__isnull", True) | q("ended_on__gte", cutoff))
    )


def band_quarters(bands, prefix=""):
    """The age weight of a LatestObservation row (through `prefix`) in quarters (4, 2, 1, 0),
    so that sums stay integers in both databases; `counts_from` in SQL. A lasting factor that
    is current, or ended within the full band, counts 4."""

    def q(lookup, value):
        return Q(**{f"{prefix}{lookup}": value})

    lasting = q("lasting", True)
    return Case(
        When(lasting & (q("ended_on__isnull", True) | q("ended_on__gte", bands.full)), then=4),
        When(lasting & q("ended_on__gte", bands.half), then=Value(2)),
        When(lasting & q("ended_on__gte", bands.quarter), then=Value(1)),
        When(lasting, then=Value(0)),
        When(q("observed_on__gte", bands.full), then=Value(4)),
        When(q("observed_on__gte", bands.half), then=Value(2)),
        When(q("observed_on__gte", bands.quarter), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


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


# --- built once -------------------------------------------------------------------------------

REMEMBERED = 256  # entries of the per-process memo below; each a queryset or SQL text


class _Memo:
    """A small least-recently-used memo of what is costly to build and depends only on its key
    (a resolved queryset, compiled SQL text). Per process; never holds rows, only how to ask."""

    def __init__(self, size):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, build):
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
                return self.entries[key]
        value = build()
        with self.lock:
            self.entries[key] = value
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return value

    def clear(self):
        with self.lock:
            self.entries.clear()


_memo = _Memo(REMEMBERED)


def remembered(key, build):
    """`build()` once per `key` in this process (least recently used first out). The key must
    hold everything the value depends on; `settings_key` gives an organisation's part."""
    try:
        hash(key)
    except TypeError:
        return build()
    return _memo.get(key, build)


def settings_key(organisation):
    """Everything of an organisation that the model's SQL depends on: its id, its thresholds
    and its age bands (a lead changes them on the thresholds page)."""
    return (
        organisation.pk,
        organisation.accumulation_threshold,
        organisation.attention_threshold,
        organisation.distinct_threshold,
        organisation.band_full_days,
        organisation.band_half_days,
        organisation.band_quarter_days,
    )


def _plain(queryset):
    """Whether `queryset` only filters its model's rows (no joins, annotations, values,
    slicing, ordering or prefetching of its own): then its conditions can be added to a
    queryset built once."""
    query = queryset.query
    return (
        len(query.alias_map) <= 1
        and not query.annotations
        and not query.select_related
        and not query.extra
        and not query.extra_tables
        and not query.distinct
        and not query.is_sliced
        and not query.select
        and not query.values_select
        and query.default_cols
        and query.combinator is None
        and query.group_by is None
        and not query.order_by
        and not query._filtered_relations
        and query.deferred_loading == (frozenset(), True)
        and not query.is_empty()
        and queryset._fields is None
        and not queryset._prefetch_related_lookups
    )


def assess_families(queryset, *, as_of, organisations=None):
    """`queryset` of families annotated with the model's figures, computed in the database.

    Annotations: score (Decimal), score_quarters (int: score × 4), distinct_risk_categories,
    last_acute_at, last_risk_logged_at, last_review_at, status, status_rank, and of the last
    review: last_review_decision, last_review_next_on, last_review_status,
    last_review_status_rank; an alias (for filters) is_acute.

    Building these expressions costs more than the query runs (issue 21: 5 ms of a page's
    CPU). They depend only on `as_of`, the organisations' settings and the database, so they
    are built once per such key on all of the model's rows, and `queryset`'s conditions are
    added to them (`&`, the same SQL). A queryset with more than conditions is built anew.
    """
    if organisations is None:
        organisations = list(
            Organisation.objects.filter(pk__in=queryset.order_by().values("organisation_id"))
        )
    if not organisations:
        organisations = [Organisation(pk=0)]
    if not _plain(queryset):
        return _assess_families(queryset, as_of=as_of, organisations=organisations)
    model, db = queryset.model, queryset.db
    key = ("assess_families", model._meta.label, db, as_of)
    key += tuple(settings_key(org) for org in organisations)
    built = remembered(
        key,
        lambda: _assess_families(
            type(queryset)(model=model, using=db), as_of=as_of, organisations=organisations
        ),
    )
    return built & queryset


def sql_once(key, build):
    """(sql, params) of the queryset `build()` gives, compiled once per `key` in this process
    (compiling the model's expressions costs 2-3 ms a time). `key` holds everything the
    queryset depends on."""
    return remembered(("sql", connection.alias, *key), lambda: build().query.sql_with_params())


def statuses_by_family(family_ids, *, organisation, as_of):
    """{family id: status} of `organisation`'s families among `family_ids` (`assess_families`'
    status): one query, its SQL compiled once per set of ids and settings (the family list's
    badges ask it for the same page of families again and again)."""
    ids = tuple(sorted(set(family_ids)))
    if not ids:
        return {}
    sql, params = sql_once(
        ("statuses", as_of, settings_key(organisation), ids),
        lambda: assess_families(
            Family.objects.filter(pk__in=ids), as_of=as_of, organisations=[organisation]
        ).values_list("pk", "status"),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


def _assess_families(queryset, *, as_of, organisations):
    """`assess_families`, built on `queryset` itself."""
    bands = {org.pk: Bands.of(org, as_of) for org in organisations}

    # Only rows that can count join: latest versions of risk observations (LatestObservation,
    # kept by the database), observed by as_of, in the widest window, lasting or acute.
    earliest = min(b.quarter for b in bands.values())
    relevant = FilteredRelation(
        "latest_observations",
        condition=Q(latest_observations__risk=True)
        & Q(latest_observations__observed_on__lte=as_of)
        & (counting_since(earliest, "latest_observations__") | Q(latest_observations__acute=True)),
    )

    def window(org):
        return counting_since(bands[org.pk].quarter, "relevant__")

    def quarters(org):
        return band_quarters(bands[org.pk], "relevant__")

    age_quarters = _case_per_organisation(
        organisations, quarters, default=Value(0), output_field=IntegerField()
    )
    in_window = _per_organisation(organisations, window)
    # The last review (`Review.objects.last_of`), joined once: at most one row per family,
    # its columns read as MAX over the family's rows. (As a Subquery per column, PostgreSQL
    # ran `last_of` once per column and per reference, six times for every family.)
    last_review = FilteredRelation(
        "reviews",
        condition=Q(reviews__pk=Subquery(Review.objects.last_of(OuterRef("pk")).values("pk"))),
    )
    qs = queryset.alias(relevant=relevant, last_review=last_review).annotate(
        score_quarters=Coalesce(
            Sum(
                F("relevant__severity") * F("relevant__weight") * age_quarters,
                filter=in_window,
                output_field=IntegerField(),
            ),
            Value(0),
        ),
        distinct_risk_categories=Count("relevant__category", filter=in_window, distinct=True),
        last_acute_at=Max("relevant__acute_since", filter=Q(relevant__acute=True)),
        last_risk_logged_at=Max("relevant__first_logged_at", filter=in_window),
        last_review_at=Max("last_review__created_at"),
        last_review_decision=Max("last_review__decision"),
        last_review_next_on=Max("last_review__next_review_on"),
        last_review_status=Max("last_review__status_at_review"),
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
    ).annotate(
        last_review_status_rank=Max(
            Case(
                *[
                    When(last_review__status_at_review=name, then=Value(rank))
                    for name, rank in STATUS_RANK.items()
                ],
                default=Value(None),
                output_field=IntegerField(),
            )
        ),
    )
    return qs


# --- markers, on the figures as columns ----------------------------------------------------

MARKERS = ("never_reviewed", "new_since_review", "new_risk", "review_overdue", "check_due")

# The columns of an `assess_families` row that the markers (and the working list) read. Every
# reference to an annotation that holds aggregates repeats its SQL, subqueries included, so
# the markers are conditions on these columns of a derived table (`marked`), not on the
# annotations themselves.
MARKED_COLUMNS = (
    *("id", "name", "status_rank", "score_quarters", "last_review_at"),
    *("last_review_status_rank", "last_risk_logged_at", "last_review_next_on"),
    *("long_term_support", "next_check_on"),
)


def marker_sql(today, row="t"):
    """{marker: (SQL condition on the MARKED_COLUMNS of `row`, params)}: what the working list
    marks. `markers_for` is the same in Python.

    never_reviewed: attention or more, and no review yet; new_since_review: reviewed, and the
    status ranks higher than the status that review left; new_risk: reviewed, and a risk that
    counts was first logged after it; review_overdue: the last review's next date has passed;
    check_due: long-term support's next check is due.
    """
    none = STATUS_RANK[NONE]
    return {
        "never_reviewed": (f"{row}.last_review_at IS NULL AND {row}.status_rank > {none}", []),
        "new_since_review": (
            f"{row}.last_review_at IS NOT NULL"
            f" AND {row}.status_rank > COALESCE({row}.last_review_status_rank, {none})",
            [],
        ),
        "new_risk": (
            f"{row}.last_review_at IS NOT NULL"
            f" AND {row}.last_risk_logged_at > {row}.last_review_at",
            [],
        ),
        "review_overdue": (f"{row}.last_review_next_on < %s", [today]),
        "check_due": (f"{row}.long_term_support AND {row}.next_check_on <= %s", [today]),
    }


def marked(queryset, *, today, columns=(), extra=()):
    """(sql, params) of a derived table: `queryset` (an `assess_families` queryset) reduced to
    MARKED_COLUMNS and `columns`, with each marker as a column m_<marker> and each of `extra`
    ((name, SQL on the row t, params)) as a column of its own."""
    inner, inner_params = queryset.values(*MARKED_COLUMNS, *columns).query.sql_with_params()
    return marked_sql(inner, inner_params, today=today, extra=extra)


def marked_sql(inner, inner_params, *, today, extra=()):
    """`marked` of SQL text `inner` (with at least MARKED_COLUMNS), e.g. `figures_sql`'s."""
    selected, params = ["t.*"], []
    conditions = [(f"m_{name}", sql, p) for name, (sql, p) in marker_sql(today).items()]
    for name, sql, p in [*conditions, *extra]:
        selected.append(f"CASE WHEN {sql} THEN 1 ELSE 0 END AS {name}")
        params.extend(p)
    sql = f"SELECT {', '.join(selected)} FROM ({inner}) t"  # noqa: S608
    return sql, [*params, *inner_params]


# The figures of `figures_sql`, each as `assess_families` names it.
FIGURES = (
    *("status_rank", "score_quarters", "distinct_risk_categories", "last_risk_logged_at"),
    *("last_review_at", "last_review_decision", "last_review_next_on"),
    *("last_review_status", "last_review_status_rank"),
)


def _aggregate(function, expression, condition, *, distinct=False):
    """`function(expression) FILTER (WHERE condition)`, or with a CASE where the database has
    no FILTER clause."""
    prefix = "DISTINCT " if distinct else ""
    if connection.features.supports_aggregate_filter_clause:
        return f"{function}({prefix}{expression}) FILTER (WHERE {condition})"
    return f"{function}({prefix}CASE WHEN {condition} THEN {expression} END)"


def figures_sql(families, *, organisation, as_of, fields):
    """(sql, params) of a derived table: one row per family of `families` (a Family queryset
    of `organisation`'s families) with its `fields` (names `families.values` takes,
    annotations too) and the model's FIGURES as `assess_families` computes them. The property
    test holds the two to each other.

    The working list's query over every family of a large organisation (issue 18): the rows
    of LatestObservation are aggregated per family first (a derived table), and only then
    joined to the families and their last review, so the aggregate reads the index's narrow
    rows and nothing of the family or the review (`assess_families` groups the join of all
    three: every review column a MAX over every observation row). The last review is the one
    without a later one (an anti-join, once per review); as an `id = (subquery)` condition
    on the join PostgreSQL ran the subquery once per family (50,000 times). The score's SUM
    needs no window filter: a row outside the quarter band counts 0 quarters (the bands'
    check constraint keeps full < half < quarter). On PostgreSQL the table ends in OFFSET 0,
    so that the queries on top read its columns instead of repeating their expressions.

    At 50,000 families and 1,549,746 observation rows (stap0_bigq, the working list's query,
    medians in turns): 479 -> 448 ms; OFFSET 0 then 465 -> 440 ms of backend CPU.
    """
    bands = Bands.of(organisation, as_of)
    quarters, quarter_params = band_quarters_sql(bands)
    window, window_params = counting_since_sql(bands.quarter)
    family_ids, family_ids_params = families.order_by().values("pk").query.sql_with_params()
    rows, rows_params = families.order_by().values(*fields).query.sql_with_params()
    figures = (
        f"SELECT lo.family_id, SUM(lo.severity * lo.weight * ({quarters})) AS score_quarters,"  # noqa: S608
        f" {_aggregate('COUNT', 'lo.category_id', window, distinct=True)}"
        " AS distinct_risk_categories,"
        f" {_aggregate('MAX', 'lo.acute_since', 'lo.acute')} AS last_acute_at,"
        f" {_aggregate('MAX', 'lo.first_logged_at', window)} AS last_risk_logged_at"
        f" FROM {LatestObservation._meta.db_table} lo"
        f" WHERE lo.family_id IN ({family_ids}) AND lo.risk AND lo.observed_on <= %s"
        f" AND ({window} OR lo.acute) GROUP BY lo.family_id"
    )
    figures_params = [
        *quarter_params,
        *window_params,
        *window_params,
        *family_ids_params,
        as_of,
        *window_params,
    ]
    reviews = Review._meta.db_table
    # Only the reviews of `families` (on a region's database a join to the whole table read
    # every organisation's reviews: 10,507 rows for one organisation's 500).
    last_review = (
        "(SELECT r.family_id, r.created_at, r.decision, r.next_review_on, r.status_at_review"  # noqa: S608
        f" FROM {reviews} r WHERE r.family_id IN ({family_ids})"
        f" AND NOT EXISTS (SELECT 1 FROM {reviews} later"
        " WHERE later.family_id = r.family_id AND (later.created_at > r.created_at"
        " OR (later.created_at = r.created_at AND later.id > r.id)))) r ON r.family_id = f.id"
    )
    score = "COALESCE(a.score_quarters, 0)"
    distinct = "COALESCE(a.distinct_risk_categories, 0)"
    acute = (
        "a.last_acute_at IS NOT NULL AND (r.created_at IS NULL OR a.last_acute_at > r.created_at)"
    )
    status_rank = (
        f"CASE WHEN {acute} THEN {STATUS_RANK[ACUTE]}"
        f" WHEN {score} >= {_in_quarters(organisation.accumulation_threshold)}"
        f" OR {distinct} >= {int(organisation.distinct_threshold)}"
        f" THEN {STATUS_RANK[ACCUMULATION]}"
        f" WHEN {score} >= {_in_quarters(organisation.attention_threshold)}"
        f" THEN {STATUS_RANK[ATTENTION]} ELSE {STATUS_RANK[NONE]} END"
    )
    review_rank = " ".join(
        f"WHEN r.status_at_review = '{name}' THEN {rank}" for name, rank in STATUS_RANK.items()
    )
    sql = (
        f"SELECT f.*, {status_rank} AS status_rank, {score} AS score_quarters,"  # noqa: S608
        f" {distinct} AS distinct_risk_categories, a.last_risk_logged_at,"
        " r.created_at AS last_review_at, r.decision AS last_review_decision,"
        " r.next_review_on AS last_review_next_on, r.status_at_review AS last_review_status,"
        f" CASE {review_rank} ELSE NULL END AS last_review_status_rank"
        f" FROM ({rows}) f LEFT JOIN ({figures}) a ON a.family_id = f.id"
        f" LEFT JOIN {last_review}"
    )
    if connection.vendor == "postgresql":
        # Keeps this a derived table of its own: flattened into the working list's query,
        # status_rank's CASE was computed again for each marker, the section and the order.
        sql += " OFFSET 0"
    return sql, [*rows_params, *figures_params, *family_ids_params]


def families_marked(queryset, *, today):
    """{marker: the ids of `queryset`'s families (an `assess_families` queryset) that carry
    it}, for every marker of MARKERS from one statement: the derived table (`marked`) holds
    each marker as a column, so its SQL, the aggregates' included, is compiled and run once
    rather than once per marker (issue 17)."""
    sql, params = marked(queryset, today=today)
    columns = ", ".join(f"m.m_{name}" for name in MARKERS)
    found = {name: set() for name in MARKERS}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT m.id, {columns} FROM ({sql}) m", params)  # noqa: S608
        for pk, *flags in cursor.fetchall():
            for name, flag in zip(MARKERS, flags, strict=True):
                if flag == 1:
                    found[name].add(pk)
    return found


def markers_for(family, *, today):
    """The same markers as `marker_sql`, for one row of an `assess_families` queryset."""
    reviewed = family.last_review_at is not None
    family.never_reviewed = not reviewed and family.status_rank > STATUS_RANK[NONE]
    family.new_since_review = reviewed and family.status_rank > STATUS_RANK.get(
        family.last_review_status, 0
    )
    family.new_risk = bool(
        reviewed
        and family.last_risk_logged_at
        and family.last_risk_logged_at > family.last_review_at
    )
    family.review_overdue = bool(family.last_review_next_on and family.last_review_next_on < today)
    family.check_due = bool(
        family.long_term_support and family.next_check_on and family.next_check_on <= today
    )
    return family


# The working list's window functions (its counts beside each row) keep every family's row:
# at 50,000 families more than PostgreSQL's default 4 MB, which it then wrote to disk and
# read back (temp written=612 read=900 blocks); 16 MB held it, 32 MB leaves room to grow.
AGGREGATE_WORK_MEM = "32MB"


def tune_for_aggregates():
    """PostgreSQL, for this transaction only (SET LOCAL, in the same one query): no JIT
    compilation, and AGGREGATE_WORK_MEM for each sort, hash or window of the query. The
    dashboard's aggregate over every family is costed high enough to trigger JIT, and
    compiling takes longer than the query itself (at 10,000 families: 346 ms with JIT, 131 ms
    without). With the default work_mem the working list's window spilled to disk (backend
    CPU of its query at 50,000 families, medians of 10 in turns: 470 -> 445 ms). Server-wide
    settings stay as they are."""
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('jit', 'off', true), set_config('work_mem', %s, true)",
                [AGGREGATE_WORK_MEM],
            )
