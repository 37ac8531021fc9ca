"""One family's access history: the lead's page on the family (families/views/access_log.py)."""

import uuid

import pytest
from django.urls import reverse

from organisations.models import AccessLogEntry
from tests.security.world import FAMILY_NAME, build_world


@pytest.fixture
def world(org_a, professional_a, lead_a):
    return build_world(org_a, professional_a, lead_a)


def test_lead_reads_a_familys_history_and_reading_is_logged(client_lead_a, world, lead_a):
    client_lead_a.get(reverse("families:detail", args=[world.family.public_id]))
    url = reverse("families:access_log", args=[world.family.public_id])
    response = client_lead_a.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Toegangsgeschiedenis" in page and FAMILY_NAME in page
    assert "bekeken" in page and "127.0.0.1" in page
    assert "Observatietekst" not in page
    reading = AccessLogEntry.objects.filter(object_type="accesslog").get()
    assert reading.user == lead_a and reading.family_public_id == world.family.public_id


def test_family_page_links_to_the_history_for_leads_only(
    client_lead_a, client_professional_a, world
):
    link = reverse("families:access_log", args=[world.family.public_id])
    url = reverse("families:detail", args=[world.family.public_id])
    assert link in client_lead_a.get(url).content.decode()
    assert link not in client_professional_a.get(url).content.decode()


def test_professional_may_not_read_the_history(client_professional_a, world):
    url = reverse("families:access_log", args=[world.family.public_id])
    assert client_professional_a.get(url).status_code == 403


def test_stranger_gets_404_for_a_familys_history(client_lead_b, world):
    url = reverse("families:access_log", args=[world.family.public_id])
    assert client_lead_b.get(url).status_code == 404
    assert client_lead_b.get(reverse("families:access_log", args=[uuid.uuid4()])).status_code == 404
