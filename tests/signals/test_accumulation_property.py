"""assess_families (in the database) always equals assess_family (Python), on random histories.

Both read which version of an observation is the latest from LatestObservation, which the
database keeps; the oracle here finds it in Python from every row (each chain's highest id).
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
    Bands,
    annotate_markers,
    assess_families,
    assess_family,
    corroborators_by_family,
    markers_for,
    score_observations,
    score_series,
    score_series_by_family,
)
from signals.catalogue.models import RISK_KINDS
from signals.dashboard import trend
from signals.models import ColleagueNote, LatestObservation, Observation, Review
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
        # (category, severity, age, acute) changes of zero to two amendments
        "amendments": st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "category": st.integers(min_value=0, max_value=5),
                    "severity": st.integers(min_value=1, max_value=3),
                    "age": ages,
                    "acute": st.booleans(),
                },
            ),
            max_size=2,
        ),
    }
)

# A history is a sequence of steps: an observation, a review, or a recognition note.
step = st.one_of(
    observation.map(lambda o: ("observation", o)),
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
    """The oracle of "the latest version": {chain: its version with the highest id}."""
    newest = {}
    for obs in Observation.objects.filter(family__in=families).select_related("category"):
        if obs.chain not in newest or obs.pk > newest[obs.chain].pk:
            newest[obs.chain] = obs
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
    # weights 1-3 for risks and signals; two protective factors
    categories = [
        SignalCategoryFactory(kind="risk", weight=1),
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
        observation_amend_direct(original=obs, observer=user, **kwargs)


def _add_step(fam, kind, item, user, categories, day):
    if kind == "review":
        Review.objects.create(
            family=fam, lead=user, decision="monitor", rationale="r", status_at_review=item
        )
    elif kind == "recognition":
        ColleagueNote.objects.create(family=fam, kind="recognition", text="t", author=user)
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
    for fam in families:
        expected = assess_family(fam, as_of=as_of)
        got = rows[fam.pk]
        assert got.score == expected.score
        assert got.distinct_risk_categories == expected.distinct_risk_categories
        assert got.status == expected.status
        assert got.status_rank == expected.status_rank
        _assert_page_rows_give_the_same(fam, as_of, expected)
    return rows


def _assert_page_rows_give_the_same(fam, as_of, expected):
    """The family page's panel scores from the rows its timeline read (issue 21)."""
    from signals.notes.selectors import family_notes
    from signals.observations.selectors import family_observations

    given = assess_family(
        fam,
        as_of=as_of,
        review=Review.objects.last_of(fam).first(),
        observations=list(family_observations(fam)),
        notes=list(family_notes(fam)),
    )
    for name in ("score", "distinct_risk_categories", "status", "rule", "corroboration"):
        assert getattr(given, name) == getattr(expected, name), name
    assert [c.observation.pk for c in given.contributions] == [
        c.observation.pk for c in expected.contributions
    ]
    assert [(c.age_days, c.age_weight, c.points) for c in given.contributions] == [
        (c.age_days, c.age_weight, c.points) for c in expected.contributions
    ]
    assert [c.pk for c in given.categories] == [c.pk for c in expected.categories]
    assert [u.pk for u in given.corroborators] == [u.pk for u in expected.corroborators]
    assert [o.pk for o in given.protective] == [o.pk for o in expected.protective]
    assert [o.pk for o in given.acute_observations] == [o.pk for o in expected.acute_observations]
    assert given.last_review == expected.last_review


def _assert_markers_agree(families, rows, as_of):
    # The dashboard's "new since last review" filter (in the database) marks the
    # same families as the marker drawn on each row (Python).
    filtered = annotate_markers(
        assess_families(Family.objects.filter(pk__in=[f.pk for f in families]), as_of=as_of),
        today=as_of,
    ).filter(new_since_review=True)
    assert set(filtered.values_list("pk", flat=True)) == {
        pk for pk, row in rows.items() if markers_for(row, today=as_of).new_since_review
    }


def _assert_trend_agrees(families, org, as_of):
    # The dashboard's trend and corroboration for a page, from LatestObservation.
    ids = [f.pk for f in families if f.organisation_id == org.pk]
    dates = trend.monthly_dates(as_of)
    series = score_series_by_family(ids, organisation=org, dates=dates)
    people = corroborators_by_family(ids, organisation=org, as_of=as_of)
    for fam in (f for f in families if f.pk in ids):
        expected = assess_family(fam, as_of=as_of)
        history = [
            (o.severity * o.category.weight, o.observed_on)
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
            rows = _assert_rows_agree(families, as_of)
            _assert_markers_agree(families, rows, as_of)
            for org in (default, other):
                _assert_trend_agrees(families, org, as_of)
            raise Rollback
    except Rollback:
        pass
