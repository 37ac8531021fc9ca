"""The organisation overview: figures without family names."""

import pytest
from django.urls import reverse

from signals.models import ColleagueNote
from tests.factories import FamilyFactory, SignalCategoryFactory, observation_add

URL = reverse("signals:overview")


@pytest.fixture
def data(org_a, org_b, professional_a, professional_b):
    heavy = SignalCategoryFactory(name="Huiselijke spanningen", weight=3)
    piling = FamilyFactory(organisation=org_a, name="Gezin Geheim")
    observation_add(family=piling, category=heavy, severity=3, observer=professional_a)
    observation_add(family=piling, category=heavy, severity=1, observer=professional_a)
    FamilyFactory(organisation=org_a, name="Gezin Rust")
    ColleagueNote.objects.create(
        family=piling, kind="going_well", text="Fijn", author=professional_a
    )
    other = FamilyFactory(organisation=org_b, name="Gezin Elders")
    observation_add(family=other, category=heavy, severity=3, observer=professional_b)


def test_lead_sees_counts_without_family_names(client_lead_a, data):
    response = client_lead_a.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    per_status = {code: n for code, _label, n in response.context["per_status"]}
    assert per_status == {"acute": 0, "accumulation": 1, "attention": 0, "none": 1}
    assert response.context["top_categories"][0][1] == 2
    assert "Huiselijke spanningen" in html
    assert (response.context["discussed"]["yes"], response.context["discussed"]["total"]) == (0, 2)
    assert response.context["going_well"] == 1
    assert "Gezin Geheim" not in html and "Gezin Elders" not in html


def test_professional_gets_403(client_professional_a):
    assert client_professional_a.get(URL).status_code == 403


def test_anonymous_is_sent_to_login(client):
    assert client.get(URL).status_code == 302


def test_post_is_not_allowed(client_lead_a):
    assert client_lead_a.post(URL).status_code == 405


def test_a_correction_counts_as_its_latest_version(client_lead_a, org_a, professional_a):
    from signals import services

    first, second = (
        SignalCategoryFactory(name="Eerste indruk"),
        SignalCategoryFactory(name="Bij nader inzien"),
    )
    family = FamilyFactory(organisation=org_a)
    original = observation_add(family=family, category=first, severity=2, observer=professional_a)
    services.observation_amend(
        original=original,
        observer=professional_a,
        reason="Met de ouders besproken, andere categorie.",
        category=second,
        parents_discussed="yes",
    )
    response = client_lead_a.get(URL)
    assert [(c.name, n) for c, n in response.context["top_categories"]] == [("Bij nader inzien", 1)]
    assert (response.context["discussed"]["yes"], response.context["discussed"]["total"]) == (1, 1)
