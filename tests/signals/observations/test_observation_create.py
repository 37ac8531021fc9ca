"""The observation form: from the family page and from the global "Signaal vastleggen" button."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from organisations.models import AccessLogEntry
from signals.models import Observation, SignalCategory
from tests.factories import ChildFactory, FamilyFactory


@pytest.fixture
def family_a(org_a, professional_a):
    return FamilyFactory(organisation=org_a, name="Gezin Jansen", team=[professional_a])


@pytest.fixture
def child_a(family_a):
    return ChildFactory(family=family_a, first_name="Noor")


@pytest.fixture
def family_b(org_b):
    return FamilyFactory(organisation=org_b, name="Gezin Bos")


def risk():
    return SignalCategory.objects.get(code="injury-unexplained")


def protective():
    return SignalCategory.objects.filter(kind="protective", organisation__isnull=True).first()


def form_data(**overrides):
    data = {
        "category": risk().code,
        "severity": "2",
        "observed_on": timezone.localdate().isoformat(),
        "description": "Blauwe plek op de bovenarm, zei dat hij gevallen was.",
        "parents_discussed": "not_yet",
        "parents_response": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def family_url(family):
    return reverse("signals:family_observation_create", args=[family.public_id])


def test_form_from_family_page_shows_categories_with_explanations(client_professional_a, family_a):
    response = client_professional_a.get(family_url(family_a))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<optgroup" in page
    assert 'id="category-help"' in page  # json_script with explanation + question per category
    assert "Veilig Thuis" in page and "0800-2000" in page  # acute guidance, also without JS
    assert reverse("signals:catalogue") in page  # without JS: a link to the catalogue


def test_professional_logs_an_observation_from_the_family_page(
    client_professional_a, professional_a, family_a, child_a
):
    response = client_professional_a.post(
        family_url(family_a), form_data(child=str(child_a.public_id))
    )
    assert response.status_code == 302
    assert response["Location"] == family_a.get_absolute_url()
    obs = Observation.objects.get()
    assert obs.family == family_a and obs.child == child_a and obs.observer == professional_a
    assert obs.chain == obs.public_id
    assert AccessLogEntry.objects.filter(action="create", family_public_id=family_a.public_id)
    # What the professional sees next: the family page, thanking them, with the observation on it.
    page = client_professional_a.get(response["Location"])
    assert page.status_code == 200
    assert [str(m) for m in page.context["messages"]] == ["Het signaal is vastgelegd. Dank je wel."]
    html = page.content.decode()
    assert '<div class="alert alert-success" role="status">Het signaal is vastgelegd.' in html
    assert "Blauwe plek op de bovenarm" in html


def test_global_form_has_family_picker_of_own_organisation_only(
    client_professional_a, family_a, family_b
):
    response = client_professional_a.get(reverse("signals:observation_create"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Gezin Jansen" in page
    assert "Gezin Bos" not in page


def test_global_form_saves_for_the_picked_family(client_professional_a, family_a):
    response = client_professional_a.post(
        reverse("signals:observation_create"), form_data(family=str(family_a.public_id))
    )
    assert response.status_code == 302
    assert Observation.objects.get().family == family_a


def test_global_form_refuses_a_family_of_another_organisation(client_professional_a, family_b):
    response = client_professional_a.post(
        reverse("signals:observation_create"), form_data(family=str(family_b.public_id))
    )
    assert response.status_code == 200
    assert not Observation.objects.exists()


def test_lead_can_log_too(client_lead_a, family_a):
    assert client_lead_a.post(family_url(family_a), form_data()).status_code == 302


def test_stranger_gets_404(client_professional_b, family_a):
    assert client_professional_b.get(family_url(family_a)).status_code == 404
    assert client_professional_b.post(family_url(family_a), form_data()).status_code == 404
    assert not Observation.objects.exists()


def test_anonymous_is_sent_to_login(client, family_a):
    response = client.get(family_url(family_a))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    response = client.get(reverse("signals:observation_create"))
    assert reverse("login") in response["Location"]


def test_beheerder_gets_403(client_admin_a, family_a):
    assert client_admin_a.get(family_url(family_a)).status_code == 403
    assert client_admin_a.get(reverse("signals:observation_create")).status_code == 403


def test_wrong_method_gets_405(client_professional_a, family_a):
    assert client_professional_a.delete(family_url(family_a)).status_code == 405
    assert client_professional_a.put(reverse("signals:observation_create")).status_code == 405


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"observed_on": "2999-01-01"}, "toekomst"),
        ({"severity": "4"}, "Kies de ernst"),
        ({"severity": None}, "Kies de ernst"),
        ({"description": "   "}, "Schrijf kort op wat je zag of hoorde"),
        ({"description": "x" * 10_000}, "5000"),
        ({"description": "kapot\x00"}, "Tekst bevat ongeldige tekens"),
        ({"category": "bestaat-niet"}, "geldige keuze"),
        ({"observed_on": "31-02-2024"}, "geldige datum"),
    ],
)
def test_bad_input_gets_a_dutch_message_and_saves_nothing(
    client_professional_a, family_a, overrides, message
):
    response = client_professional_a.post(family_url(family_a), form_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Observation.objects.exists()


def test_date_before_birth_is_refused(client_professional_a, family_a, child_a):
    before = (child_a.birth_date - datetime.timedelta(days=1)).isoformat()
    response = client_professional_a.post(
        family_url(family_a), form_data(child=str(child_a.public_id), observed_on=before)
    )
    assert "geboortedatum" in response.content.decode()
    assert not Observation.objects.exists()


def test_switched_off_category_is_not_offered_nor_accepted(client_professional_a, org_a, family_a):
    category = risk()
    category.disabled_by.add(org_a)
    page = client_professional_a.get(family_url(family_a)).content.decode()
    assert f'value="{category.code}"' not in page
    response = client_professional_a.post(family_url(family_a), form_data())
    assert response.status_code == 200
    assert not Observation.objects.exists()


def test_protective_factor_cannot_be_acute(client_professional_a, family_a):
    response = client_professional_a.post(
        family_url(family_a), form_data(category=protective().code, acute="on")
    )
    assert "beschermende factor" in response.content.decode()
    assert not Observation.objects.exists()


def test_script_in_text_is_shown_as_text(client_professional_a, family_a):
    response = client_professional_a.post(
        family_url(family_a), form_data(description="<script>alert(1)</script>", severity="9")
    )
    page = response.content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)" in page


def test_acute_observation_shows_the_guidance_after_saving(client_professional_a, family_a):
    response = client_professional_a.post(family_url(family_a), form_data(acute="on"), follow=False)
    assert response.status_code == 302
    assert Observation.objects.get().acute is True
    from django.contrib.messages import get_messages

    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("0800-2000" in t and "112" in t for t in texts)
