"""LatestObservation: the database keeps one row per chain, always its newest version.

The dashboard scores families from this table alone, so a row that lags behind an
amendment, a category change or a purge would show a lead the wrong flag.
"""

import datetime

from django.db import connection
from django.utils import timezone

from dossier.retention import purge_family
from families.models import Family
from signals import services
from signals.accumulation import assess_families, assess_family
from signals.models import LatestObservation, Observation, SignalCategory
from signals.observations import triggers
from tests.factories import FamilyFactory, SignalCategoryFactory


def record(family, observer, category, **kwargs):
    values = {
        "severity": 2,
        "observed_on": timezone.localdate() - datetime.timedelta(days=10),
        "description": "Komt zonder ontbijt.",
    } | kwargs
    return services.observation_record(
        family=family, category=category, observer=observer, **values
    )


def row_of(observation):
    return LatestObservation.objects.get(chain=observation.chain)


def test_a_new_observation_gets_its_row_with_what_the_model_reads(org_a, professional_a):
    family = FamilyFactory(organisation=org_a)
    category = SignalCategory.objects.get(code="hunger")
    obs = record(family, professional_a, category, severity=3, acute=True)
    row = row_of(obs)
    assert row.observation_id == obs.pk
    assert (row.family_id, row.category_id, row.observer_id) == (
        family.pk,
        category.pk,
        professional_a.pk,
    )
    assert row.risk is True
    assert (row.severity, row.weight) == (3, category.weight)
    assert (row.observed_on, row.acute, row.created_at) == (
        obs.observed_on,
        True,
        obs.created_at,
    )


def test_a_protective_factor_is_kept_but_not_as_risk(org_a, professional_a):
    family = FamilyFactory(organisation=org_a)
    obs = record(family, professional_a, SignalCategory.objects.get(code="supportive-network"))
    assert row_of(obs).risk is False


def test_an_amendment_replaces_the_row_and_an_older_version_never_comes_back(
    org_a, professional_a, colleague_a
):
    family = FamilyFactory(organisation=org_a)
    first = record(family, professional_a, SignalCategory.objects.get(code="hunger"))
    other = SignalCategory.objects.get(code="parent-addiction")
    second = services.observation_amend(
        original=first, observer=colleague_a, reason="Andere categorie.", category=other
    )
    # An amendment may name the first version; its changes apply on top of the latest.
    third = services.observation_amend(
        original=first, observer=professional_a, reason="Ernst bijgesteld.", severity=1
    )
    assert LatestObservation.objects.filter(chain=first.chain).count() == 1
    row = row_of(first)
    assert row.observation_id == third.pk > second.pk
    assert (row.category_id, row.severity, row.observer_id) == (
        other.pk,
        1,
        professional_a.pk,
    )
    assert Observation.objects.filter(chain=first.chain).count() == 3


def test_a_change_of_a_categorys_weight_or_kind_reaches_the_rows(org_a, professional_a):
    family = FamilyFactory(organisation=org_a)
    category = SignalCategoryFactory(kind="risk", weight=1)
    today = timezone.localdate()
    record(family, professional_a, category, severity=3)
    record(family, professional_a, category, severity=2)
    assert assess_families(Family.objects.filter(pk=family.pk), as_of=today).get().score == 5

    category.weight = 3
    category.save()
    assert set(LatestObservation.objects.values_list("weight", flat=True)) == {3}
    scored = assess_families(Family.objects.filter(pk=family.pk), as_of=today).get()
    assert scored.score == assess_family(family, as_of=today).score == 15

    category.kind = "protective"
    category.save()
    assert not LatestObservation.objects.filter(risk=True).exists()
    assert assess_families(Family.objects.filter(pk=family.pk), as_of=today).get().score == 0


def test_the_purge_takes_the_rows_with_the_family(org_a, professional_a):
    family = FamilyFactory(organisation=org_a)
    kept = FamilyFactory(organisation=org_a)
    hunger = SignalCategory.objects.get(code="hunger")
    obs = record(family, professional_a, hunger)
    services.observation_amend(original=obs, observer=professional_a, reason="r", severity=3)
    record(kept, professional_a, hunger)
    purge_family(family)
    assert list(LatestObservation.objects.values_list("family_id", flat=True)) == [kept.pk]


def test_the_rebuild_fills_the_table_from_existing_observations(org_a, professional_a):
    # The migration that installs the triggers rebuilds the table, which repairs it after a
    # time without them.
    family = FamilyFactory(organisation=org_a)
    hunger = SignalCategory.objects.get(code="hunger")
    first = record(family, professional_a, hunger)
    latest = services.observation_amend(
        original=first, observer=professional_a, reason="r", severity=1
    )
    record(family, professional_a, SignalCategory.objects.get(code="supportive-network"))
    expected = sorted(
        LatestObservation.objects.values_list(
            "chain",
            "observation_id",
            "risk",
            "severity",
            "weight",
            "observed_on",
            "parents_discussed",
        )
    )
    LatestObservation.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(triggers.REBUILD_LATEST)
    got = sorted(
        LatestObservation.objects.values_list(
            "chain",
            "observation_id",
            "risk",
            "severity",
            "weight",
            "observed_on",
            "parents_discussed",
        )
    )
    assert got == expected
    assert len(got) == 2
    assert latest.pk in [row[1] for row in got]
    # Over rows that are there, it puts right what went stale and leaves the rest.
    LatestObservation.objects.filter(chain=first.chain).update(weight=0, observation=first)
    with connection.cursor() as cursor:
        cursor.execute(triggers.REBUILD_LATEST)
    assert row_of(first).observation_id == latest.pk
    assert row_of(first).weight == hunger.weight
    assert LatestObservation.objects.count() == 2


def test_a_version_that_commits_late_with_a_lower_id_does_not_replace_a_newer_one(
    org_a, professional_a
):
    # Two corrections of one chain in concurrent transactions: ids are handed out in one
    # order, commits may land in the other. The newest id must stay, whatever came last.
    family = FamilyFactory(organisation=org_a)
    first = record(family, professional_a, SignalCategory.objects.get(code="hunger"))

    def version(pk, severity):
        amendment = Observation(
            pk=pk,
            chain=first.chain,
            amends=first,
            amend_reason="Gelijktijdige correctie.",
            family=family,
            category=first.category,
            severity=severity,
            observed_on=first.observed_on,
            description=first.description,
            observer=professional_a,
        )
        amendment.save(force_insert=True)
        return amendment

    newer = version(first.pk + 1000, severity=3)
    version(first.pk + 500, severity=1)
    assert row_of(first).observation_id == newer.pk
    assert row_of(first).severity == 3


def test_both_triggers_are_in_place(db):
    # On SQLite, a later migration that rebuilds the observation or category table (most
    # AlterField operations do) drops their triggers with the old table, and the dashboard
    # would quietly stop seeing new observations: such a migration must create them again.
    names = {"stap0_latest_observation", "stap0_latest_observation_category"}
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        present = {row[0] for row in cursor.fetchall()}
    assert names <= present, f"ontbrekende triggers: {sorted(names - present)}"
