"""The explanation of one family's flag, for the lead."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from organisations.models import AccessLogEntry
from tests.factories import FamilyFactory, SignalCategoryFactory, observation_add


@pytest.fixture
def family(org_a, professional_a, colleague_a):
    family = FamilyFactory(organisation=org_a, name="Gezin Uitleg")
    today = timezone.localdate()
    observation_add(
        family=family,
        category=SignalCategoryFactory(name="Schulden", weight=3),
        severity=3,
        observed_on=today - datetime.timedelta(days=10),
        observer=professional_a,
    )
    observation_add(
        family=family,
        category=SignalCategoryFactory(name="Oud signaal", weight=2),
        severity=2,
        observed_on=today - datetime.timedelta(days=200),
        observer=colleague_a,
    )
    observation_add(
        family=family,
        category=SignalCategoryFactory(name="Steunende oma", kind="protective"),
        observer=professional_a,
    )
    return family


def url(family):
    return reverse("signals:explanation", args=[family.public_id])


def test_lead_reads_points_weights_rule_and_protective_factors(client_lead_a, family):
    response = client_lead_a.get(url(family))
    assert response.status_code == 200
    html = response.content.decode()
    assessment = response.context["assessment"]
    assert assessment.score == 10  # 3×3×1 + 2×2×¼
    assert assessment.status == "accumulation"
    assert "Schulden" in html and "Oud signaal" in html
    assert "telt een kwart" in html  # the age weight in words, not "0,25"
    assert "0,25" not in html and "Leeftijdsgewicht" not in html
    assert "200" in html
    assert "stapelingsdrempel" in html
    assert "Steunende oma" in html
    assert assessment.corroboration == 2
    assert reverse("signals:review_create", args=[family.public_id]) in html


def test_view_is_logged_with_the_family(client_lead_a, family):
    client_lead_a.get(url(family))
    entry = AccessLogEntry.objects.order_by("-id").first()
    assert (entry.action, entry.family_public_id) == ("view", family.public_id)


def test_stranger_gets_404(client_lead_b, family):
    assert client_lead_b.get(url(family)).status_code == 404


def test_unknown_family_gets_404(client_lead_a):
    assert (
        client_lead_a.get(
            reverse("signals:explanation", args=[FamilyFactory.build().public_id])
        ).status_code
        == 404
    )


def test_professional_gets_403(client_professional_a, family):
    assert client_professional_a.get(url(family)).status_code == 403


def test_anonymous_is_sent_to_login(client, family):
    assert client.get(url(family)).status_code == 302


def test_post_is_not_allowed(client_lead_a, family):
    assert client_lead_a.post(url(family)).status_code == 405
