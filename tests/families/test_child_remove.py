"""Removing a child about whom nothing was recorded, after a confirmation page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from families import services
from families.models import Child
from organisations.models import AccessLogEntry
from signals import services as signal_services
from signals.models import SignalCategory


def _url(family, child):
    return reverse("families:child_remove", args=[family.public_id, child.public_id])


@pytest.fixture
def child_a(family_a):
    return family_a.children.get()


def test_the_confirmation_page_then_the_removal(client_professional_a, family_a, child_a):
    page = client_professional_a.get(_url(family_a, child_a))
    assert page.status_code == 200
    assert "Wil je Noor uit dit gezin verwijderen?" in page.content.decode()
    assert Child.objects.filter(pk=child_a.pk).exists()  # a GET changes nothing

    response = client_professional_a.post(_url(family_a, child_a))
    assert response.status_code == 302 and response["Location"] == family_a.get_absolute_url()
    assert not Child.objects.filter(pk=child_a.pk).exists()
    entry = AccessLogEntry.objects.get(action="delete", object_type="child")
    assert entry.family_public_id == family_a.public_id
    assert entry.object_id == str(child_a.public_id)


def test_the_family_page_links_to_it(client_professional_a, family_a, child_a):
    page = client_professional_a.get(family_a.get_absolute_url()).content.decode()
    assert _url(family_a, child_a) in page


def test_a_child_with_observations_stays(client_professional_a, professional_a, family_a, child_a):
    signal_services.observation_record(
        family=family_a,
        child=child_a,
        category=SignalCategory.objects.get(code="hunger"),
        severity=1,
        observed_on=timezone.localdate(),
        observer=professional_a,
        description="Gezien.",
    )
    page = client_professional_a.get(_url(family_a, child_a)).content.decode()
    assert "blijft daarom bij dit gezin staan" in page
    assert "Ja, verwijderen" not in page
    response = client_professional_a.post(_url(family_a, child_a), follow=True)
    assert "Over dit kind is al iets vastgelegd" in response.content.decode()
    assert Child.objects.filter(pk=child_a.pk).exists()
    with pytest.raises(ValidationError):
        services.child_remove(child=child_a)


def test_stranger_gets_404_and_the_beheerder_403(
    client_professional_b, client_admin_a, family_a, child_a
):
    assert client_professional_b.get(_url(family_a, child_a)).status_code == 404
    assert client_professional_b.post(_url(family_a, child_a)).status_code == 404
    assert client_admin_a.post(_url(family_a, child_a)).status_code == 403
    assert Child.objects.filter(pk=child_a.pk).exists()


def test_wrong_method_and_a_child_of_another_family(
    client_professional_a, family_a, child_a, org_a, professional_a
):
    assert client_professional_a.put(_url(family_a, child_a)).status_code == 405
    other = services.family_create(organisation=org_a, name="Gezin Ander", created_by=None)
    url = reverse("families:child_remove", args=[other.public_id, child_a.public_id])
    assert client_professional_a.post(url).status_code == 404
    assert Child.objects.filter(pk=child_a.pk).exists()
