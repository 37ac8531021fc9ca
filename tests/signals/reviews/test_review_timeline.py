"""The family page: the assessment panel and the reviews in the timeline."""

import pytest
from django.urls import reverse

from signals.services import review_record
from tests.factories import FamilyFactory, SignalCategoryFactory, observation_add


@pytest.fixture
def family(org_a, professional_a, lead_a):
    family = FamilyFactory(organisation=org_a, name="Gezin Tijdlijn", team=[professional_a])
    observation_add(
        family=family,
        category=SignalCategoryFactory(weight=3),
        severity=3,
        observer=professional_a,
    )
    review_record(
        family=family,
        lead=lead_a,
        decision="consult_colleague",
        rationale="Eerst overleg met <b>de IB'er</b>.",
        q1_suspicion=True,
        q1_reason="Signalen stapelen.",
    )
    return family


def test_lead_sees_panel_with_explanation_link_and_the_review(client_lead_a, family):
    html = client_lead_a.get(family.get_absolute_url()).content.decode()
    assert 'data-testid="assessment-panel"' in html
    assert reverse("signals:explanation", args=[family.public_id]) in html
    assert "collegiale consultatie" in html
    assert "&lt;b&gt;de IB&#x27;er&lt;/b&gt;" in html
    assert "Signalen stapelen." in html


def test_professional_sees_status_and_score_but_no_explanation_link(client_professional_a, family):
    html = client_professional_a.get(family.get_absolute_url()).content.decode()
    assert 'data-testid="assessment-panel"' in html
    assert "status-accumulation" in html
    assert reverse("signals:explanation", args=[family.public_id]) not in html
    assert "collegiale consultatie" in html
