"""Every URL of the families app x every persona, generated from the URL conf,
so that a new view cannot escape access control."""

import pytest
from django.urls import reverse

from families import services, urls
from organisations.models import AccessLogEntry

PERSONAS = {
    # persona: expected status on a GET of another family page of org A
    "client": 302,  # anonymous: to the login page
    "client_admin_a": 403,  # beheerder: no case content
    "client_professional_b": 404,  # another organisation: as if it did not exist
    "client_lead_b": 404,
    "client_professional_a": 200,  # in the family's team: created the file
    "client_colleague_a": 404,  # outside the team (need-to-know): as if it did not exist
    "client_lead_a": 200,
}


@pytest.fixture
def objects(family_a):
    return {
        "public_id": family_a.public_id,
        "child_id": family_a.children.get().public_id,
        "member_id": services.network_member_add(
            family=family_a, name="Oma", relationship="relative"
        ).public_id,
        "partner_id": services.chain_partner_add(
            family=family_a, organisation_name="GGD", responsibility="Jeugdarts"
        ).public_id,
    }


# Lead-only views in families/urls.py test their own matrix (test_access_log.py), and so do
# the ways into a file and its team (test_need_to_know.py); tests/security covers them all.
LEAD_ONLY = {"access_log"}
NEED_TO_KNOW = {"team_add", "team_remove", "access_request", "break_glass", "access_request_decide"}


def family_patterns():
    return [
        p
        for p in urls.urlpatterns
        if "public_id" in p.pattern.converters and p.name not in LEAD_ONLY | NEED_TO_KNOW
    ]


@pytest.mark.parametrize("pattern", family_patterns(), ids=lambda p: p.name)
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_family_url_for_every_persona(request, objects, pattern, persona):
    client = request.getfixturevalue(persona)
    kwargs = {key: objects[key] for key in pattern.pattern.converters}
    response = client.get(reverse(f"families:{pattern.name}", kwargs=kwargs))
    assert response.status_code == PERSONAS[persona]
    if PERSONAS[persona] == 404:
        # The refusal is recorded, without revealing anything to the stranger.
        assert AccessLogEntry.objects.filter(
            family_public_id=objects["public_id"], outcome="not_found"
        ).exists()


@pytest.mark.parametrize("name", ["list", "create"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_organisation_pages_for_every_persona(request, db, name, persona):
    client = request.getfixturevalue(persona)
    expected = {404: 200}.get(PERSONAS[persona], PERSONAS[persona])
    assert client.get(reverse(f"families:{name}")).status_code == expected
