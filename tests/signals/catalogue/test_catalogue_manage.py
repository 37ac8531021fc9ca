"""The lead manages the catalogue: own categories, shipped ones off and on."""

import pytest
from django.urls import reverse

from signals.models import SignalCategory
from tests.factories import SignalCategoryFactory

URL = reverse("signals:category_manage")


def add(**overrides):
    data = {
        "action": "add",
        "name": "Mantelzorg door het kind",
        "domain": "child",
        "kind": "signal",
        "weight": "2",
        "for_age_4_12": "on",
        "explanation": "Een kind dat thuis voor een zieke ouder zorgt.",
        "ask": "Wie helpt jou thuis?",
    }
    data.update(overrides)
    return data


def test_lead_adds_an_own_category_with_a_unique_code(client_lead_a, org_a):
    assert client_lead_a.post(URL, add()).status_code == 302
    assert client_lead_a.post(URL, add()).status_code == 302
    own = SignalCategory.objects.filter(organisation=org_a).order_by("pk")
    assert [c.code for c in own] == ["mantelzorg-door-het-kind", "mantelzorg-door-het-kind-2"]
    first = own[0]
    assert (first.for_age_0_4, first.for_age_4_12, first.weight) == (False, True, 2)
    assert first.name in client_lead_a.get(reverse("signals:catalogue")).content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "verplicht"),
        ({"weight": "7"}, "geldige keuze"),
        ({"for_age_4_12": ""}, "minstens één leeftijdsgroep"),
        ({"kind": "gevaar"}, "geldige keuze"),
        ({"name": "a\x00b"}, "Tekst bevat ongeldige tekens"),
    ],
)
def test_bad_category_input(client_lead_a, overrides, message):
    response = client_lead_a.post(URL, add(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SignalCategory.objects.filter(organisation__isnull=False).exists()


def test_switch_a_shipped_category_off_and_on_for_this_organisation_only(
    client_lead_a, org_a, org_b
):
    hunger = SignalCategory.objects.get(code="hunger")
    client_lead_a.post(URL, {"action": "disable", "code": "hunger"})
    assert not SignalCategory.objects.available_to(org_a).filter(pk=hunger.pk).exists()
    assert SignalCategory.objects.available_to(org_b).filter(pk=hunger.pk).exists()
    client_lead_a.post(URL, {"action": "enable", "code": "hunger"})
    assert SignalCategory.objects.available_to(org_a).filter(pk=hunger.pk).exists()


def test_switch_own_category_off(client_lead_a, org_a):
    own = SignalCategoryFactory(organisation=org_a)
    client_lead_a.post(URL, {"action": "disable", "code": own.code})
    own.refresh_from_db()
    assert own.is_active is False


def test_another_organisations_category_is_404(client_lead_a, org_b):
    foreign = SignalCategoryFactory(organisation=org_b)
    response = client_lead_a.post(URL, {"action": "disable", "code": foreign.code})
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.is_active


def test_professional_and_beheerder_get_403(client_professional_a, client_admin_a):
    for c in (client_professional_a, client_admin_a):
        assert c.get(URL).status_code == 403
        assert c.post(URL, {"action": "disable", "code": "hunger"}).status_code == 403
    assert not SignalCategory.objects.get(code="hunger").disabled_by.exists()


def test_anonymous_and_method(client, client_lead_a, client_lead_b):
    assert reverse("login") in client.get(URL)["Location"]
    assert client_lead_a.put(URL).status_code == 405
    assert client_lead_b.get(URL).status_code == 200  # every lead manages their own list
