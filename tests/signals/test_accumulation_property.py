"""assess_families (in the database) always equals assess_family (Python), on random histories.

Both read which version of an observation is the latest from LatestObservation, which the
database keeps; the oracle here finds it in Python from every row (each chain's highest id),
and when each chain's acute flag was raised from its versions (`raises_acute`). Histories
hold lasting risk factors, corrections that end them (`ended_on`) and a lead who switches a
category's `lasting` on or off halfway.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from families.models import Family
from organisations.models import Organisation
from signals.accumulation import (
    FIGURES,
    MARKED_COLUMNS,
    MARKERS,
    Bands,
    assess_families,
    assess_family,
    corroborators_by_family,
    families_marked,
    figures_sql,
    marked_sql,
    markers_for,
    score_observations,
    score_series,
    score_series_by_family,
    statuses_by_family,
)
from signals.catalogue.models import RISK_KINDS
from signals.dashboard import trend
from signals.models import ColleagueNote, LatestObservation, Observation, Review, SignalCategory
from signals.observations.models import raises_acute
from signals.observations.selectors import latest_version
from tests.factories import (
    FamilyFactory,
    SignalCategoryFactory,
    UserFactory,
    observation_add,
    observation_amend_direct,
)

# Band edges of the default settings, and of the second organisation's (30/60/90).
EDGES = [0, 1, 29, 30, 31, 59, 60, 61, 89, 90, 91, 179, 180, 181, 364, 365, 366, 500]

ages = st.one_of(st.sampled_from(EDGES), st.integers(min_value=-30, max_value=700))

observation = st.fixed_dictionaries(
    {
        "category": st.integers(min_value=0, max_value=5),
        "severity": st.integers(min_value=1, max_value=3),
        "age": ages,
        "acute": st.booleans(),
        # (category, severity, age, acute, ended) changes of zero to two amendments; "ended"
        # ends a lasting factor that many days ago (None: current again)
        "amendments": st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "category": st.integers(min_value=0, max_value=5),
                    "severity": st.integers(min_value=1, max_value=3),
                    "age": ages,
                    "acute": st.booleans(),
                    "ended": st.one_of(st.none(), ages),
                },
            ),
            max_size=2,
        ),
    }
)

# A history is a sequence of steps: an observation, a review, a recognition note, or a lead
# who switches whether a risk factor (category 0, 1 or 3) is lasting.
step = st.one_of(
    observation.map(lambda o: ("observation", o)),
    st.sampled_from([0, 1, 3]).map(lambda index: ("lasting", index)),
    # a review, with the status it recorded ("": recorded before the snapshot existed)
    st.sampled_from(["", "none", "attention", "accumulation", "acute"]).map(
        lambda status: ("review", status)
    ),
    st.just(("recognition", None)),
)

history = st.fixed_dictionaries(
    {
        "as_of_back": st.sampled_from([0, 0, 1, 45, 200]),
        "families": st.lists(
            st.tuples(st.booleans(), st.lists(step, max_size=7)), min_size=1, max_size=3
        ),
    }
)


class Rollback(Exception):
    pass


def latest_in_python(families):
    """The oracle of "the latest version": {chain: its version with the highest id}, each
    with `acute_since` (when its chain's acute flag was raised) and `first_logged_at`."""
    chains = {}
    for obs in Observation.objects.filter(family__in=families).select_related("category"):
        chains.setdefault(obs.chain, []).append(obs)
    newest = {}
    for chain, versions in chains.items():
        versions.sort(key=lambda o: o.pk)
        latest = versions[-1]
        latest.first_logged_at = min(o.created_at for o in versions)
        latest.acute_since = None
        previous = None
        for version in versions:
            if raises_acute(previous, version):
                latest.acute_since = version.created_at
            previous = version
        if not latest.acute:
            latest.acute_since = None
        newest[chain] = latest
    return newest


def assert_latest_versions_agree_with_the_oracle(families, *, as_of):
    newest = latest_in_python(families)
    latest = Observation.objects.filter(family__in=families).latest_versions()
    assert set(latest.values_list("pk", flat=True)) == {o.pk for o in newest.values()}
    rows = {row.chain: row for row in LatestObservation.objects.filter(family__in=families)}
    assert rows.keys() == newest.keys()
    for chain, obs in newest.items():
        row = rows[chain]
        assert (
            row.observation_id,
            row.family_id,
            row.category_id,
            row.observer_id,
            row.risk,
            row.severity,
            row.weight,
            row.observed_on,
            row.acute,
            row.created_at,
            row.lasting,
            row.ended_on,
            row.acute_since,
            row.first_logged_at,
        ) == (
            obs.pk,
            obs.family_id,
            obs.category_id,
            obs.observer_id,
            obs.category.kind in RISK_KINDS,
            obs.severity,
            obs.category.weight,
            obs.observed_on,
            obs.acute,
            obs.created_at,
            obs.category.lasting,
            obs.ended_on,
            obs.acute_since,
            obs.first_logged_at,
        )
    # What assess_family counts is what the oracle's latest versions give.
    for fam in families:
        counted = [
            o
            for o in newest.values()
            if o.family_id == fam.pk and o.category.kind in RISK_KINDS and o.observed_on <= as_of
        ]
        assessment = assess_family(fam, as_of=as_of)
        assert {c.observation.pk for c in assessment.contributions} == {o.pk for o in counted}
        score, categories, _ = score_observations(counted, bands=Bands.of(fam.organisation, as_of))
        assert assessment.score == score
        assert assessment.distinct_risk_categories == len(categories)


@pytest.fixture
def world(db):
    default = Organisation.objects.create(name="Standaard")
    other = Organisation.objects.create(
        name="Strenger",
        # not whole quarters: the database compares sums of quarters with them
        accumulation_threshold=Decimal("5.1"),
        attention_threshold=Decimal("2.3"),
        distinct_threshold=2,
        band_full_days=30,
        band_half_days=60,
        band_quarter_days=90,
    )
    # weights 1-3 for risks and signals, one risk lasting from the start; two protective
    categories = [
        SignalCategoryFactory(kind="risk", weight=1, lasting=True),
        SignalCategoryFactory(kind="risk", weight=2),
        SignalCategoryFactory(kind="signal", weight=3),
        SignalCategoryFactory(kind="risk", weight=3),
        SignalCategoryFactory(kind="protective", weight=2),
        SignalCategoryFactory(kind="protective", weight=1),
    ]
    users = [UserFactory(username=f"observer{i}") for i in range(3)]
    return default, other, categories, users


# Which fields an amendment changes, and how its drawn value becomes the argument.
AMENDED = {
    "category": lambda value, categories, day: ("category", categories[value]),
    "severity": lambda value, categories, day: ("severity", value),
    "age": lambda value, categories, day: ("observed_on", day(value)),
    "acute": lambda value, categories, day: ("acute", value),
    "ended": lambda value, categories, day: ("ended_on", None if value is None else day(value)),
}


def _add_observation(fam, item, user, categories, day):
    cat = categories[item["category"]]
    obs = observation_add(
        family=fam,
        category=cat,
        severity=item["severity"],
        observed_on=day(item["age"]),
        observer=user,
        acute=item["acute"] and cat.kind != "protective",
    )
    for change in item["amendments"]:
        kwargs = dict(AMENDED[key](value, categories, day) for key, value in change.items())
        if kwargs.get("ended_on") is not None:
            # never before the day it was observed (a constraint of the database)
            observed_on = kwargs.get("observed_on") or latest_version(obs).observed_on
            kwargs["ended_on"] = max(kwargs["ended_on"], observed_on)
        elif "observed_on" in kwargs and latest_version(obs).ended_on is not None:
            kwargs["ended_on"] = max(latest_version(obs).ended_on, kwargs["observed_on"])
        observation_amend_direct(original=obs, observer=user, **kwargs)


def _add_step(fam, kind, item, user, categories, day):
    if kind == "review":
        Review.objects.create(
            family=fam, lead=user, decision="monitor", rationale="r", status_at_review=item
        )
    elif kind == "recognition":
        ColleagueNote.objects.create(family=fam, kind="recognition", text="t", author=user)
    elif kind == "lasting":
        category = categories[item]
        category.lasting = not category.lasting
        SignalCategory.objects.filter(pk=category.pk).update(lasting=category.lasting)
    else:
        _add_observation(fam, item, user, categories, day)


def _build(world, data, day):
    default, other, categories, users = world
    families = []
    for n, (in_other, steps) in enumerate(data["families"]):
        fam = FamilyFactory(organisation=other if in_other else default)
        families.append(fam)
        for i, (kind, item) in enumerate(steps):
            _add_step(fam, kind, item, users[(n + i) % len(users)], categories, day)
    return families


def _assert_rows_agree(families, as_of):
    rows = {
        f.pk: f
        for f in assess_families(
            Family.objects.filter(pk__in=[f.pk for f in families]), as_of=as_of
        )
    }
    assert len(rows) == len(families)
    # The family list's badges: the same status, from SQL compiled once per ids and settings.
    for org in {fam.organisation for fam in families}:
        ids = [fam.pk for fam in families if fam.organisation_id == org.pk]
        assert statuses_by_family(ids, organisation=org, as_of=as_of) == {
            pk: rows[pk].status for pk in ids
        }
    assessed = {}
    for fam in families:
        expected = assessed[fam.pk] = assess_family(fam, as_of=as_of)
        got = rows[fam.pk]
        assert got.score == expected.score
        assert got.distinct_risk_categories == expected.distinct_risk_categories
        assert got.status == expected.status
        assert got.status_rank == expected.status_rank
        logged = [
            c.observation.latest_of_chain.first_logged_at
            for c in expected.contributions
            if c.age_weight
        ]
        assert got.last_risk_logged_at == (max(logged) if logged else None)
        _assert_page_rows_give_the_same(fam, as_of, expected)
    return rows, assessed


def _assert_page_rows_give_the_same(fam, as_of, expected):
    """The family page's panels count from the rows its timeline read (issue 21): the
    assessment and the "Samen zien" figures equal those that read their own rows."""
    from signals.notes.selectors import family_notes, together_figures
    from signals.observations.selectors import family_observations

    rows = list(family_observations(fam))
    notes = list(family_notes(fam))
    reviews = list(Review.objects.filter(family=fam).order_by("-created_at", "-pk"))
    given = assess_family(
        fam,
        as_of=as_of,
        review=reviews[0] if reviews else None,
        observations=rows,
        notes=notes,
    )
    for name in ("score", "distinct_risk_categories", "status", "rule", "corroboration"):
        assert getattr(given, name) == getattr(expected, name), name
    assert [
        (c.observation.pk, c.age_days, c.age_weight, c.points) for c in given.contributions
    ] == [(c.observation.pk, c.age_days, c.age_weight, c.points) for c in expected.contributions]
    assert [c.pk for c in given.categories] == [c.pk for c in expected.categories]
    assert [u.pk for u in given.corroborators] == [u.pk for u in expected.corroborators]
    assert [o.pk for o in given.protective] == [o.pk for o in expected.protective]
    assert [o.pk for o in given.acute_observations] == [o.pk for o in expected.acute_observations]
    assert given.last_review == expected.last_review
    assert together_figures(fam, today=as_of, observations=rows, notes=notes) == together_figures(
        fam, today=as_of
    )


def _assert_markers_agree(families, rows, as_of):
    # Each of the working list's markers (in the database, on the figures as columns) marks
    # the same families as the marker drawn on each row (Python).
    figures = assess_families(Family.objects.filter(pk__in=[f.pk for f in families]), as_of=as_of)
    for row in rows.values():
        markers_for(row, today=as_of)
    found = families_marked(figures, today=as_of)
    assert found.keys() == set(MARKERS)
    for marker in MARKERS:
        assert found[marker] == {pk for pk, row in rows.items() if getattr(row, marker)}, marker


def _assert_figures_sql_agrees(families, rows, as_of):
    # The working list's figures as SQL text (aggregated per family before the joins) are
    # assess_families' figures, and mark the same families.
    from django.db import connection

    from signals.dashboard.selectors import _read

    for org in {fam.organisation for fam in families}:
        ids = [fam.pk for fam in families if fam.organisation_id == org.pk]
        fields = [name for name in MARKED_COLUMNS if name not in FIGURES]
        sql, params = figures_sql(
            Family.objects.filter(pk__in=ids), organisation=org, as_of=as_of, fields=fields
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            names = [column[0] for column in cursor.description]
            got = {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}
        assert set(got) == set(ids)
        for pk in ids:
            for name in FIGURES:
                assert _read(name, got[pk][name]) == getattr(rows[pk], name), name
        marked, marked_params = marked_sql(sql, params, today=as_of)
        columns = ", ".join(f"m.m_{marker}" for marker in MARKERS)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT m.id, {columns} FROM ({marked}) m", marked_params)  # noqa: S608
            flags = {pk: dict(zip(MARKERS, rest, strict=True)) for pk, *rest in cursor.fetchall()}
        for marker in MARKERS:
            found = {pk for pk in ids if flags[pk][marker] == 1}
            assert found == {pk for pk in ids if getattr(rows[pk], marker)}, marker


def _assert_trend_agrees(families, org, as_of, assessed):
    # The dashboard's trend and corroboration for a page, from LatestObservation, against
    # each family's assessment in Python (`assessed`: assess_family's, computed once per
    # example in _assert_rows_agree on the same rows; issue 17).
    ids = [f.pk for f in families if f.organisation_id == org.pk]
    dates = trend.monthly_dates(as_of)
    series = score_series_by_family(ids, organisation=org, dates=dates)
    people = corroborators_by_family(ids, organisation=org, as_of=as_of)
    for fam in (f for f in families if f.pk in ids):
        expected = assessed[fam.pk]
        history = [
            (o.severity * o.category.weight, o.observed_on, o.category.lasting, o.ended_on)
            for o in (c.observation for c in expected.contributions)
        ]
        assert series[fam.pk] == score_series(history, organisation=org, dates=dates)
        assert series[fam.pk][-1] == expected.score
        assert people[fam.pk] == {u.pk for u in expected.corroborators}


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=history)
def test_database_and_python_always_agree(world, data):
    default, other, _categories, _users = world
    today = timezone.localdate()
    as_of = today - datetime.timedelta(days=data["as_of_back"])

    def day(age):
        # never in the future of today (the service refuses that); may be after as_of
        return min(today, as_of - datetime.timedelta(days=age))

    try:
        with transaction.atomic():
            families = _build(world, data, day)
            assert_latest_versions_agree_with_the_oracle(families, as_of=as_of)
            rows, assessed = _assert_rows_agree(families, as_of)
            _assert_markers_agree(families, rows, as_of)
            _assert_figures_sql_agrees(families, rows, as_of)
            for org in (default, other):
                _assert_trend_agrees(families, org, as_of, assessed)
            raise Rollback
    except Rollback:
        pass
