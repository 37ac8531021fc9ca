"""Lasting risk factors (design.md): a circumstance counts in full until a correction ends it,
and from its end on it ages like any observation."""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from families.models import Family
from signals.accumulation import assess_families, assess_family, score_series_by_family
from signals.dashboard import trend
from signals.models import LatestObservation, SignalCategory
from signals.services import category_set_lasting, observation_amend, observation_record
from tests.factories import FamilyFactory, SignalCategoryFactory

TODAY = timezone.localdate


def days_ago(n):
    return TODAY() - datetime.timedelta(days=n)


@pytest.fixture
def lvb(org_a):
    return SignalCategoryFactory(name="LVB ouder", kind="risk", weight=3, lasting=True)


@pytest.fixture
def family(org_a):
    return FamilyFactory(organisation=org_a, name="Gezin Blijvend")


def record(family, category, observer, *, days, severity=1):
    return observation_record(
        family=family,
        category=category,
        severity=severity,
        observed_on=days_ago(days),
        observer=observer,
        description="Moeder vertelt dat lezen haar moeite kost.",
    )


def row(family):
    return assess_families(Family.objects.filter(pk=family.pk), as_of=TODAY()).get()


def test_a_lasting_factor_counts_in_full_after_a_year(family, lvb, professional_a):
    record(family, lvb, professional_a, days=430)
    assessment = assess_family(family, as_of=TODAY())
    assert assessment.score == 3  # 1 × 3 × 1: no fading
    (contribution,) = assessment.contributions
    assert contribution.lasting and contribution.age_days == 0
    assert str(contribution.in_words) == "blijvend: telt volledig tot het voorbij is"
    assert assessment.lasting_factors == [contribution.observation]
    assert row(family).score == 3


def test_ended_it_ages_from_the_day_it_ended(family, lvb, professional_a):
    obs = record(family, lvb, professional_a, days=430)
    observation_amend(
        original=obs, observer=professional_a, ended_on=days_ago(100), reason="Verhuisd."
    )
    assessment = assess_family(family, as_of=TODAY())
    (contribution,) = assessment.contributions
    assert (contribution.age_days, contribution.age_weight) == (100, Decimal("0.5"))
    assert not contribution.lasting and contribution.ended == days_ago(100)
    assert str(contribution.in_words) == "telt half"
    assert assessment.score == Decimal("1.5") == row(family).score
    assert assessment.lasting_factors == []
    # Looking back to before it ended, it was current: the trend counts it in full then.
    dates = trend.monthly_dates(TODAY())
    series = score_series_by_family([family.pk], organisation=family.organisation, dates=dates)
    assert series[family.pk][0] == 3 and series[family.pk][-1] == Decimal("1.5")
    assert assess_family(family, as_of=days_ago(120)).score == 3


def test_ending_is_only_for_lasting_factors_and_never_before_it_was_seen(
    family, lvb, professional_a
):
    event = SignalCategoryFactory(kind="risk", weight=2)
    obs = record(family, event, professional_a, days=10)
    with pytest.raises(ValidationError) as exc:
        observation_amend(original=obs, observer=professional_a, ended_on=TODAY(), reason="r")
    assert "ended_on" in exc.value.message_dict
    lasting = record(family, lvb, professional_a, days=10)
    for ended_on in (days_ago(11), TODAY() + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError) as exc:
            observation_amend(
                original=lasting, observer=professional_a, ended_on=ended_on, reason="r"
            )
        assert "ended_on" in exc.value.message_dict


def test_only_a_risk_factor_can_be_lasting(org_a):
    category = SignalCategory(
        code="x-signal", name="Signaal", domain="child", kind="signal", weight=1, lasting=True
    )
    with pytest.raises(ValidationError) as exc:
        category.full_clean()
    assert "lasting" in exc.value.message_dict


def test_switching_lasting_reaches_the_dashboard_at_once(org_a, lead_a, professional_a, family):
    own = SignalCategory.objects.create(
        code="eigen-schulden",
        name="Schulden",
        domain="family",
        kind="risk",
        weight=2,
        organisation=org_a,
    )
    record(family, own, professional_a, days=400)
    assert row(family).score == 0
    category_set_lasting(organisation=org_a, category=own, lasting=True)
    assert LatestObservation.objects.get(family=family).lasting
    assert row(family).score == 2 == assess_family(family, as_of=TODAY()).score


def test_a_lead_cannot_change_a_shipped_category_for_every_organisation(org_a, lvb):
    shipped = SignalCategory.objects.filter(organisation__isnull=True, lasting=True).first()
    with pytest.raises(ValidationError):
        category_set_lasting(organisation=org_a, category=shipped, lasting=False)


def test_the_catalogue_page_switches_an_own_risk_factor(client_lead_a, org_a):
    own = SignalCategory.objects.create(
        code="eigen-woning",
        name="Woning",
        domain="environment",
        kind="risk",
        weight=1,
        organisation=org_a,
    )
    url = reverse("signals:category_manage")
    response = client_lead_a.post(url, {"action": "lasting", "code": own.code}, follow=True)
    assert "is nu blijvend" in response.content.decode()
    own.refresh_from_db()
    assert own.lasting
    shipped = SignalCategory.objects.get(code="parent-addiction")
    response = client_lead_a.post(url, {"action": "not_lasting", "code": shipped.code}, follow=True)
    assert "geldt voor alle organisaties" in response.content.decode()
    shipped.refresh_from_db()
    assert shipped.lasting


def test_the_shipped_circumstances_are_lasting(db):
    lasting = set(
        SignalCategory.objects.filter(organisation__isnull=True, lasting=True).values_list(
            "code", flat=True
        )
    )
    assert lasting == {
        "parent-intellectual-disability",
        "parent-addiction",
        "parent-psychiatric",
        "env-debts",
        "env-poor-housing",
        "family-partner-violence",
    }
    assert not SignalCategory.objects.filter(lasting=True).exclude(kind="risk").exists()


def test_the_migration_marks_them_again_by_code(db):
    SignalCategory.objects.filter(code="env-debts").update(lasting=False)
    migration = importlib.import_module("signals.migrations.0006_lasting_factors_acute_since")
    migration.mark_lasting(apps, None)
    assert SignalCategory.objects.get(code="env-debts").lasting


def test_the_correction_form_asks_since_when_for_a_lasting_factor(
    client_professional_a, family, lvb, professional_a
):
    obs = record(family, lvb, professional_a, days=300)
    url = reverse("signals:observation_amend", args=[obs.public_id])
    page = client_professional_a.get(url)
    assert "Niet meer van toepassing sinds" in page.content.decode()
    response = client_professional_a.post(
        url,
        {
            "reason": "Moeder heeft nu vaste begeleiding; lezen lukt met hulp.",
            "category": lvb.code,
            "severity": "1",
            "observed_on": obs.observed_on.isoformat(),
            "description": obs.description,
            "parents_discussed": "not_yet",
            "ended_on": days_ago(5).isoformat(),
        },
    )
    assert response.status_code == 302
    latest = LatestObservation.objects.get(chain=obs.chain)
    assert latest.ended_on == days_ago(5)
    history = client_professional_a.get(
        reverse("signals:observation_history", args=[obs.public_id])
    )
    assert "niet meer van toepassing sinds" in history.content.decode()


def test_the_explanation_says_it_in_words(client_lead_a, family, lvb, professional_a):
    record(family, lvb, professional_a, days=430)
    old = SignalCategoryFactory(name="Oude zorg", kind="risk", weight=1)
    record(family, old, professional_a, days=400)
    html = client_lead_a.get(reverse("signals:explanation", args=[family.public_id])).content
    html = html.decode()
    assert "blijvend: telt volledig tot het voorbij is" in html
    assert "telt niet meer" in html
    assert "Moeder vertelt dat lezen haar moeite kost." in html
    assert 'data-testid="contributions"' in html  # the numbers stay, under the words
