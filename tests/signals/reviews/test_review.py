"""The review form page (lead only), with the afwegingskader walk."""

import pytest
from django.urls import reverse

from organisations.models import AccessLogEntry
from signals.models import Review
from tests.factories import FamilyFactory, SignalCategoryFactory, observation_add


@pytest.fixture
def family(org_a, professional_a):
    family = FamilyFactory(organisation=org_a, name="Gezin Beoordeeld")
    observation_add(
        family=family,
        category=SignalCategoryFactory(weight=3),
        severity=3,
        observer=professional_a,
    )
    return family


def url(family):
    return reverse("signals:review_create", args=[family.public_id])


def test_form_shows_the_five_questions(client_lead_a, family):
    response = client_lead_a.get(url(family))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Afwegingskader" in html and "onveiligheid" in html
    assert "js/review_form.js" in html
    assert "<script>" not in html.split("js/review_form.js")[0].split("</footer>")[-1]


def test_happy_path_records_review_logs_it_and_clears_new_marker(client_lead_a, family):
    dashboard = reverse("signals:dashboard")
    # Never reviewed: on the working list with its own marker (not "new since the last one").
    assert client_lead_a.get(dashboard, {"marker": "never"}).context["families"]
    response = client_lead_a.post(
        url(family),
        {
            "decision": "talk_parents",
            "rationale": "Eerst een gesprek met beide ouders.",
            "next_review_on": "",
            "q1_suspicion": "yes",
            "q1_reason": "Meerdere signalen.",
            "q2_unsafety": "no",
        },
    )
    assert response.status_code == 302
    review = Review.objects.get(family=family)
    assert (review.decision, review.q1_suspicion, review.q2_unsafety) == (
        "talk_parents",
        True,
        False,
    )
    entry = AccessLogEntry.objects.filter(action="review").get()
    assert entry.family_public_id == family.public_id
    assert client_lead_a.get(dashboard, {"marker": "never"}).context["families"] == []
    assert client_lead_a.get(dashboard, {"marker": "new"}).context["families"] == []


def test_missing_rationale_saves_nothing_and_says_so(client_lead_a, family):
    response = client_lead_a.post(url(family), {"decision": "monitor", "rationale": ""})
    assert response.status_code == 400
    assert "onderbouwing" in response.content.decode()
    assert not Review.objects.exists()


def test_bad_date_and_decision_give_dutch_messages(client_lead_a, family):
    response = client_lead_a.post(
        url(family), {"decision": "xx", "rationale": "r", "next_review_on": "gisteren"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Kies een besluit." in html and "Vul een geldige datum in." in html


def test_unsafety_yes_stops_the_walk_with_melden_bij_veilig_thuis(client_lead_a, family):
    response = client_lead_a.post(
        url(family),
        {
            "decision": "monitor",
            "rationale": "r",
            "q1_suspicion": "yes",
            "q2_unsafety": "yes",
            "q3_can_help": "yes",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Melden bij Veilig Thuis" in html and "0800-2000" in html
    assert not Review.objects.exists()


def test_stranger_gets_404(client_lead_b, family):
    assert client_lead_b.get(url(family)).status_code == 404


def test_professional_gets_403(client_professional_a, family):
    assert client_professional_a.get(url(family)).status_code == 403
    response = client_professional_a.post(url(family), {"decision": "monitor", "rationale": "r"})
    assert response.status_code == 403
    assert not Review.objects.exists()


def test_anonymous_is_sent_to_login(client, family):
    assert client.get(url(family)).status_code == 302


def test_wrong_method(client_lead_a, family):
    assert client_lead_a.put(url(family)).status_code == 405
