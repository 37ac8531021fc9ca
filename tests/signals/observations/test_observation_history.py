"""The history of an observation (all versions, oldest first) and the correction form."""

import pytest
from django.urls import reverse
from django.utils import timezone

from organisations.models import AccessLogEntry
from signals import services
from signals.models import Observation, SignalCategory
from tests.factories import FamilyFactory


@pytest.fixture
def family_a(org_a, professional_a, colleague_a):
    return FamilyFactory(organisation=org_a, team=[professional_a, colleague_a])


@pytest.fixture
def original(family_a, professional_a):
    return services.observation_record(
        family=family_a,
        category=SignalCategory.objects.get(code="hunger"),
        severity=1,
        observed_on=timezone.localdate(),
        observer=professional_a,
        description="Eerste tekst <b>vet</b>",
    )


def history_url(obs):
    return reverse("signals:observation_history", args=[obs.public_id])


def amend_url(obs):
    return reverse("signals:observation_amend", args=[obs.public_id])


def amend_data(obs, **overrides):
    data = {
        "reason": "Ernst bijgesteld na overleg",
        "category": obs.category.code,
        "severity": str(obs.severity),
        "observed_on": obs.observed_on.isoformat(),
        "description": obs.description,
        "parents_discussed": obs.parents_discussed,
        "parents_response": obs.parents_response,
    }
    data.update(overrides)
    return data


def test_amendment_keeps_the_original_and_both_show_in_the_history(
    client_colleague_a, colleague_a, original
):
    response = client_colleague_a.post(
        amend_url(original), amend_data(original, severity="3", description="Tweede tekst")
    )
    assert response.status_code == 302
    versions = list(Observation.objects.filter(chain=original.chain).order_by("pk"))
    assert len(versions) == 2
    original.refresh_from_db()
    assert original.severity == 1 and original.description == "Eerste tekst <b>vet</b>"
    amendment = versions[1]
    assert amendment.amends == original and amendment.observer == colleague_a
    assert amendment.severity == 3 and amendment.amend_reason == "Ernst bijgesteld na overleg"
    assert AccessLogEntry.objects.filter(action="amend", object_id=str(amendment.public_id))

    page = client_colleague_a.get(response["Location"]).content.decode()
    assert page.index("Eerste tekst") < page.index("Tweede tekst")  # oldest first
    assert "Ernst bijgesteld na overleg" in page
    assert "ernstige zorg" in page and "lichte zorg" in page  # what changed
    assert "&lt;b&gt;vet&lt;/b&gt;" in page
    assert colleague_a.first_name in page


def test_history_opens_from_any_version_and_logs_the_view(client_professional_a, original):
    response = client_professional_a.get(history_url(original))
    assert response.status_code == 200
    assert AccessLogEntry.objects.filter(action="view", object_id=str(original.public_id))


def test_amend_form_is_prefilled_with_the_latest_version(
    client_professional_a, professional_a, original
):
    services.observation_amend(
        original=original, observer=professional_a, reason="x", description="Nieuwste versie"
    )
    page = client_professional_a.get(amend_url(original)).content.decode()
    assert "Nieuwste versie" in page


def test_amend_needs_a_reason(client_professional_a, original):
    response = client_professional_a.post(amend_url(original), amend_data(original, reason=" "))
    assert response.status_code == 200
    assert "waarom je dit corrigeert" in response.content.decode()
    assert Observation.objects.count() == 1


def test_amend_bad_input_saves_nothing(client_professional_a, original):
    response = client_professional_a.post(
        amend_url(original), amend_data(original, observed_on="2999-12-31", severity="7")
    )
    assert response.status_code == 200
    assert Observation.objects.count() == 1


def test_stranger_gets_404(client_professional_b, original):
    assert client_professional_b.get(history_url(original)).status_code == 404
    assert client_professional_b.get(amend_url(original)).status_code == 404
    assert client_professional_b.post(amend_url(original), amend_data(original)).status_code == 404
    assert Observation.objects.count() == 1


def test_anonymous_is_sent_to_login(client, original):
    for url in (history_url(original), amend_url(original)):
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"]


def test_beheerder_gets_403(client_admin_a, original):
    assert client_admin_a.get(history_url(original)).status_code == 403
    assert client_admin_a.get(amend_url(original)).status_code == 403


def test_wrong_method_gets_405(client_professional_a, original):
    assert client_professional_a.post(history_url(original)).status_code == 405
    assert client_professional_a.delete(amend_url(original)).status_code == 405


def test_nothing_is_ever_deleted_through_the_app(client_professional_a, original):
    # No URL deletes or edits in place: the only write is a new version.
    client_professional_a.delete(history_url(original))
    client_professional_a.post(history_url(original), {"description": "weg"})
    original.refresh_from_db()
    assert original.description == "Eerste tekst <b>vet</b>"
