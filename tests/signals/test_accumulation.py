"""The spec examples of the accumulation model (design.md), each in Python and in the database."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from families.models import Family
from signals.accumulation import assess_families, assess_family
from signals.models import Review
from tests.factories import (
    FamilyFactory,
    OrganisationFactory,
    SignalCategoryFactory,
    observation_add,
    observation_amend_direct,
)

TODAY = timezone.localdate


def days_ago(n):
    return TODAY() - datetime.timedelta(days=n)


@pytest.fixture
def family(org_a):
    return FamilyFactory(organisation=org_a, name="Gezin Jansen")


def both(family, as_of=None):
    """The assessment in Python and the annotated row from the database, checked equal."""
    as_of = as_of or TODAY()
    py = assess_family(family, as_of=as_of)
    row = assess_families(Family.objects.filter(pk=family.pk), as_of=as_of).get()
    assert (row.score, row.distinct_risk_categories, row.status) == (
        py.score,
        py.distinct_risk_categories,
        py.status,
    )
    return py


def test_single_serious_heavy_observation_scores_nine_and_accumulates(family, professional_a):
    category = SignalCategoryFactory(weight=3)
    observation_add(
        family=family,
        category=category,
        severity=3,
        observed_on=days_ago(10),
        observer=professional_a,
    )
    result = both(family)
    assert result.score == Decimal(9)
    assert result.status == "accumulation"
    assert result.rule == "score"


def test_four_different_light_categories_accumulate_by_distinct_count(family, professional_a):
    for _ in range(4):
        observation_add(
            family=family,
            category=SignalCategoryFactory(weight=1),
            severity=1,
            observed_on=days_ago(5),
            observer=professional_a,
        )
    result = both(family)
    assert result.distinct_risk_categories == 4
    assert result.score == Decimal(4)
    assert result.status == "accumulation"
    assert result.rule == "distinct"


def test_observation_200_days_ago_counts_a_quarter(family, professional_a):
    observation_add(
        family=family,
        category=SignalCategoryFactory(weight=2),
        severity=2,
        observed_on=days_ago(200),
        observer=professional_a,
    )
    result = both(family)
    assert result.score == Decimal(1)
    assert result.contributions[0].age_weight == Decimal("0.25")
    assert result.contributions[0].age_days == 200
    assert result.status == "none"


def test_protective_factor_adds_nothing(family, professional_a):
    risk = SignalCategoryFactory(weight=2)
    observation_add(
        family=family,
        category=risk,
        severity=2,
        observed_on=days_ago(3),
        observer=professional_a,
    )
    protective = SignalCategoryFactory(kind="protective", weight=3)
    observation_add(
        family=family,
        category=protective,
        severity=3,
        observed_on=days_ago(3),
        observer=professional_a,
    )
    result = both(family)
    assert result.score == Decimal(4)
    assert result.distinct_risk_categories == 1
    assert [o.category for o in result.protective] == [protective]


def test_amended_observation_counts_once_as_amended(family, professional_a, colleague_a):
    first = SignalCategoryFactory(weight=1)
    second = SignalCategoryFactory(weight=3)
    original = observation_add(
        family=family,
        category=first,
        severity=1,
        observed_on=days_ago(300),
        observer=professional_a,
    )
    observation_amend_direct(
        original=original,
        observer=colleague_a,
        category=second,
        severity=2,
        observed_on=days_ago(20),
    )
    result = both(family)
    assert len(result.contributions) == 1
    assert result.score == Decimal(6)
    assert [c.pk for c in result.categories] == [second.pk]


def test_acute_until_a_later_review_and_raised_again_by_a_later_version(
    family, professional_a, lead_a
):
    category = SignalCategoryFactory(weight=1)
    acute = observation_add(
        family=family,
        category=category,
        severity=1,
        observed_on=days_ago(400),
        observer=professional_a,
        acute=True,
    )
    assert both(family).status == "acute"  # an acute flag does not fade with age
    Review.objects.create(family=family, lead=lead_a, decision="monitor", rationale="Gesproken.")
    assert both(family).status == "none"
    observation_amend_direct(original=acute, observer=professional_a, severity=2)
    assert both(family).status == "acute"


def test_observed_after_as_of_does_not_count(family, professional_a):
    observation_add(
        family=family,
        category=SignalCategoryFactory(weight=3),
        severity=3,
        observed_on=days_ago(1),
        observer=professional_a,
        acute=True,
    )
    past = both(family, as_of=days_ago(2))
    assert (past.score, past.status) == (Decimal(0), "none")


def test_organisation_thresholds_and_bands_are_respected(professional_a, org_a):
    org_a.accumulation_threshold = Decimal(20)
    org_a.attention_threshold = Decimal(9)
    org_a.distinct_threshold = 10
    org_a.band_full_days, org_a.band_half_days, org_a.band_quarter_days = 10, 20, 30
    org_a.save()
    family = FamilyFactory(organisation=org_a)
    observation_add(
        family=family,
        category=SignalCategoryFactory(weight=3),
        severity=3,
        observed_on=days_ago(10),
        observer=professional_a,
    )
    observation_add(
        family=family,
        category=SignalCategoryFactory(weight=3),
        severity=3,
        observed_on=days_ago(25),
        observer=professional_a,
    )
    result = both(family)
    assert result.score == Decimal("11.25")
    assert result.status == "attention"


def test_families_of_several_organisations_each_use_their_own_settings(professional_a):
    strict = OrganisationFactory(band_full_days=5, band_half_days=6, band_quarter_days=7)
    loose = OrganisationFactory()
    category = SignalCategoryFactory(weight=3)
    families = []
    for org in (strict, loose):
        fam = FamilyFactory(organisation=org)
        observation_add(
            family=fam,
            category=category,
            severity=3,
            observed_on=days_ago(10),
            observer=professional_a,
        )
        families.append(fam)
    rows = {
        f.pk: f
        for f in assess_families(
            Family.objects.filter(pk__in=[f.pk for f in families]), as_of=TODAY()
        )
    }
    for fam in families:
        py = assess_family(fam, as_of=TODAY())
        assert rows[fam.pk].score == py.score
        assert rows[fam.pk].status == py.status
    assert rows[families[0].pk].score == 0
    assert rows[families[1].pk].score == 9


def test_corroboration_counts_observers_and_recognising_colleagues(
    family, professional_a, colleague_a, lead_a
):
    from signals.models import ColleagueNote

    observation_add(
        family=family,
        category=SignalCategoryFactory(),
        severity=1,
        observed_on=days_ago(1),
        observer=professional_a,
    )
    ColleagueNote.objects.create(family=family, kind="recognition", text="Ja.", author=colleague_a)
    ColleagueNote.objects.create(family=family, kind="question", text="Hm?", author=lead_a)
    assert both(family).corroboration == 2


def test_through_the_services_an_amendment_counts_once_as_amended(family, professional_a):
    from signals.services import observation_amend, observation_record

    first = SignalCategoryFactory(weight=1)
    second = SignalCategoryFactory(weight=2)
    original = observation_record(
        family=family,
        category=first,
        severity=3,
        observed_on=days_ago(5),
        observer=professional_a,
        description="Kwam zonder jas.",
    )
    observation_amend(
        original=original, observer=professional_a, reason="Verkeerde categorie.", category=second
    )
    result = both(family)
    assert (result.score, result.distinct_risk_categories) == (Decimal(6), 1)


def test_a_threshold_between_quarters_is_not_rounded_down(org_a, professional_a):
    org_a.accumulation_threshold = Decimal("8.1")
    org_a.save()
    family = FamilyFactory(organisation=org_a)
    observation_add(
        family=family,
        category=SignalCategoryFactory(weight=2),
        severity=2,
        observed_on=days_ago(1),
        observer=professional_a,
    )
    observation_add(
        family=family,
        category=SignalCategoryFactory(weight=2),
        severity=2,
        observed_on=days_ago(1),
        observer=professional_a,
    )
    assert both(family).status == "attention"  # score 8 < 8.1


def test_the_last_review_figures_are_those_of_last_of_also_on_a_tie(family, lead_a, org_a):
    """The dashboard's columns of the last review come from one join (issue 18): the same
    review as `Review.objects.last_of` (the later of two logged at the same moment: the
    higher id), not the highest value of any of the family's reviews, with several
    observation rows beside it; none for a family without reviews."""
    category = SignalCategoryFactory(weight=1)
    for n in range(3):
        observation_add(
            family=family, category=category, severity=1, observed_on=days_ago(n), observer=lead_a
        )
    moment = timezone.now() - datetime.timedelta(days=1)

    def review(decision, status, next_on, created_at):
        made = Review.objects.create(
            family=family,
            lead=lead_a,
            decision=decision,
            rationale="r",
            status_at_review=status,
            next_review_on=next_on,
        )
        Review.objects.filter(pk=made.pk).update(created_at=created_at)
        return made

    # Every column of the losers is higher than the last review's (as text, date or rank).
    review("monitor", "acute", days_ago(-60), moment - datetime.timedelta(days=1))
    review("report_vt", "none", days_ago(-30), moment)
    last = review("advice_vt", "attention", days_ago(-7), moment)
    assert Review.objects.last_of(family).get() == last
    other = FamilyFactory(organisation=org_a)

    families = Family.objects.filter(pk__in=[family.pk, other.pk])
    rows = {f.pk: f for f in assess_families(families, as_of=TODAY())}
    row = rows[family.pk]
    last.refresh_from_db()
    assert (row.last_review_at, row.last_review_decision, row.last_review_next_on) == (
        last.created_at,
        "advice_vt",
        days_ago(-7),
    )
    assert (row.last_review_status, row.last_review_status_rank) == ("attention", 1)
    assert (rows[other.pk].last_review_at, rows[other.pk].last_review_status_rank) == (None, None)
    assert row.score == Decimal(3)  # three observation rows, not multiplied by the join
