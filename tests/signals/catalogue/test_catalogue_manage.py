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


def _leave_one_on(organisation, kind):
    """Switch off every shipped category of `kind` for `organisation` but one; return it."""
    shipped = list(
        SignalCategory.objects.available_to(organisation).filter(kind=kind).order_by("code")
    )
    organisation.disabled_categories.add(*shipped[1:])
    return shipped[0]


def test_the_last_shipped_category_of_a_kind_stays_on(client_lead_a, org_a):
    last = _leave_one_on(org_a, "protective")
    response = client_lead_a.post(URL, {"action": "disable", "code": last.code}, follow=True)
    page = response.content.decode()
    assert "is de laatste categorie van de soort" in page
    assert "beschermende factor" in page
    assert SignalCategory.objects.available_to(org_a).filter(pk=last.pk).exists()
    # The observation form still offers it.
    form = client_lead_a.get(reverse("signals:observation_create")).content.decode()
    assert f'value="{last.code}"' in form


def test_the_last_own_category_of_a_kind_stays_on(client_lead_a, org_a):
    org_a.disabled_categories.add(*SignalCategory.objects.filter(kind="protective"))
    own = SignalCategoryFactory(organisation=org_a, kind="protective")
    response = client_lead_a.post(URL, {"action": "disable", "code": own.code}, follow=True)
    assert "is de laatste categorie van de soort" in response.content.decode()
    own.refresh_from_db()
    assert own.is_active


def test_with_another_of_its_kind_on_a_category_switches_off(client_lead_a, org_a):
    last = _leave_one_on(org_a, "risk")
    own = SignalCategoryFactory(organisation=org_a, kind="risk")
    client_lead_a.post(URL, {"action": "disable", "code": last.code})
    assert not SignalCategory.objects.available_to(org_a).filter(pk=last.pk).exists()
    # Now the own one is the last risk factor that is on.
    response = client_lead_a.post(URL, {"action": "disable", "code": own.code}, follow=True)
    assert "is de laatste categorie van de soort" in response.content.decode()
    # Switching the shipped one on again, and an already switched-off one off, is fine.
    client_lead_a.post(URL, {"action": "enable", "code": last.code})
    client_lead_a.post(URL, {"action": "disable", "code": own.code})
    own.refresh_from_db()
    assert not own.is_active


def test_the_services_refuse_the_last_of_a_kind(org_a):
    from django.core.exceptions import ValidationError

    from signals.catalogue import services

    last = _leave_one_on(org_a, "signal")
    with pytest.raises(ValidationError) as refused:
        services.category_set_disabled(organisation=org_a, category=last, disabled=True)
    assert refused.value.error_list[0].code == "last_of_kind"
    org_a.disabled_categories.add(last)  # as if it had been switched off before this rule
    own = SignalCategoryFactory(organisation=org_a, kind="signal")
    with pytest.raises(ValidationError):
        services.category_set_active(organisation=org_a, category=own, active=False)
    # Switching off what is already off changes nothing and is not refused.
    services.category_set_disabled(organisation=org_a, category=last, disabled=True)
