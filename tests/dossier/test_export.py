"""A lead exports one family's complete file: a print page and JSON, both logged."""

import json
import uuid

import pytest
from django.urls import reverse

from organisations.models import AccessLogEntry
from tests.security.world import FAMILY_NAME, build_world


@pytest.fixture
def world(org_a, professional_a, lead_a):
    return build_world(org_a, professional_a, lead_a)


def test_json_export_holds_the_complete_file(client_lead_a, world):
    response = client_lead_a.get(reverse("dossier:export_json", args=[world.family.public_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["family"]["name"] == FAMILY_NAME
    assert [c["first_name"] for c in data["children"]] == ["Kindnaam-A"]
    assert data["network"][0]["name"] == "Oma-A"
    assert data["partners"][0]["organisation"] == "Partner-A"
    # Every version of the observation, the correction with its reason.
    # The lead reads the confidential entries too; the export marks them.
    assert [(o["description"], o["confidential"]) for o in data["observations"]] == [
        ("Observatietekst-A", False),
        ("Observatietekst-A gecorrigeerd", False),
        ("Onthulling-A", True),
    ]
    assert data["observations"][1]["amends"] == str(world.observation.public_id)
    assert [(n["text"], n["confidential"]) for n in data["notes"]] == [
        ("Notitie-A", False),
        ("Geheimenotitie-A", True),
    ]
    assert [(r["rationale"], r["confidential"]) for r in data["reviews"]] == [
        ("Onderbouwing-A", False),
        ("Melding-A", True),
    ]
    assert "support_plan" in data and data["look_requests"]
    assert [a["what"] for a in data["agreements"]] == ["Afspraak-A", "Geheimeafspraak-A"]
    assert data["support_plan"]["checks"] == [] and data["reviews"][0]["veilig_thuis"] is None
    entry = AccessLogEntry.objects.get(action="export")
    assert entry.family_public_id == world.family.public_id


def test_print_view_is_logged_and_escapes_text(client_lead_a, world):
    world.note.__class__.objects.filter(pk=world.note.pk).update(text="<script>x()</script>")
    response = client_lead_a.get(reverse("dossier:export", args=[world.family.public_id]))
    page = response.content.decode()
    assert response.status_code == 200
    assert FAMILY_NAME in page and "Observatietekst-A gecorrigeerd" in page
    assert "<script>x()" not in page and "&lt;script&gt;x()" in page
    assert AccessLogEntry.objects.filter(action="print").count() == 1


@pytest.mark.parametrize("name", ["dossier:export", "dossier:export_json"])
def test_professional_may_not_export(client_professional_a, world, name):
    response = client_professional_a.get(reverse(name, args=[world.family.public_id]))
    assert response.status_code == 403
    assert not AccessLogEntry.objects.filter(action__in=["export", "print"]).exists()


@pytest.mark.parametrize("name", ["dossier:export", "dossier:export_json"])
def test_stranger_gets_404(client_lead_b, world, name):
    assert client_lead_b.get(reverse(name, args=[world.family.public_id])).status_code == 404
    assert client_lead_b.get(reverse(name, args=[uuid.uuid4()])).status_code == 404


def test_anonymous_goes_to_login(client, world):
    response = client.get(reverse("dossier:export", args=[world.family.public_id]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_wrong_method(client_lead_a, world):
    url = reverse("dossier:export_json", args=[world.family.public_id])
    assert client_lead_a.post(url).status_code == 405


def _reader(user, organisation):
    from django.test import RequestFactory

    from organisations.models import Membership

    request = RequestFactory().get("/")
    request.user = user
    request.membership = Membership.objects.select_related("organisation").get(
        user=user, organisation=organisation
    )
    request.organisation = organisation
    return request


def test_an_export_follows_need_to_know_for_its_reader(world, org_a, professional_a):
    """The export applies the pages' rule: a team member who is not the author gets that a
    confidential entry exists, its date and author, never its content."""
    from dossier.export import WITHHELD, family_file

    data = family_file(world.family, _reader(professional_a, org_a))
    secret = next(o for o in data["observations"] if o["confidential"])
    assert secret["description"] == WITHHELD
    assert secret["category"] == WITHHELD and secret["observed_on"]
    assert secret["observer"]
    assert "Onthulling-A" not in json.dumps(data)
    assert "Geheimenotitie-A" not in json.dumps(data)
    assert "Melding-A" not in json.dumps(data)
    assert "Observatietekst-A" in json.dumps(data)
    # The author reads their own confidential entries, not the lead's confidential review.
    mine = json.dumps(family_file(world.family, _reader(world.author, org_a)))
    assert "Onthulling-A" in mine and "Geheimenotitie-A" in mine
    assert "Melding-A" not in mine
