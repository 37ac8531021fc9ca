import pytest
from django.urls import reverse

from families import services
from families.models import NetworkMember
from organisations.models import AccessLogEntry


@pytest.fixture
def neighbour(family_a):
    return services.network_member_add(
        family=family_a, name="Buurvrouw Ans", relationship="neighbour", how_they_help="Haalt op"
    )


def add_url(family):
    return reverse("families:network_add", kwargs={"public_id": family.public_id})


def edit_url(family, member):
    return reverse(
        "families:network_edit",
        kwargs={"public_id": family.public_id, "member_id": member.public_id},
    )


def remove_url(family, member):
    return reverse(
        "families:network_remove",
        kwargs={"public_id": family.public_id, "member_id": member.public_id},
    )


def test_professional_adds_a_neighbour_who_helps(client_professional_a, family_a):
    response = client_professional_a.post(
        add_url(family_a),
        {
            "name": "Buurvrouw Ans",
            "relationship": "neighbour",
            "relationship_detail": "nummer 12",
            "how_they_help": "Haalt de kinderen op dinsdag uit school.",
            "contact": "06-12345678",
        },
    )
    assert response.status_code == 302
    member = NetworkMember.objects.get()
    assert member.family == family_a
    page = client_professional_a.get(family_a.get_absolute_url()).content.decode()
    assert "Buurvrouw Ans" in page and "Haalt de kinderen op dinsdag uit school." in page
    assert "06-12345678" in page


def test_professional_edits_a_member(client_professional_a, family_a, neighbour):
    response = client_professional_a.post(
        edit_url(family_a, neighbour),
        {"name": "Buurvrouw Ans", "relationship": "friend", "how_they_help": "Kookt op vrijdag"},
    )
    assert response.status_code == 302
    neighbour.refresh_from_db()
    assert neighbour.relationship == "friend"
    assert neighbour.how_they_help == "Kookt op vrijdag"


def test_remove_asks_first_and_removes_on_post(client_professional_a, family_a, neighbour):
    confirm = client_professional_a.get(remove_url(family_a, neighbour))
    assert confirm.status_code == 200
    assert "Buurvrouw Ans" in confirm.content.decode()
    assert NetworkMember.objects.exists()
    response = client_professional_a.post(remove_url(family_a, neighbour))
    assert response.status_code == 302
    assert not NetworkMember.objects.exists()
    assert AccessLogEntry.objects.filter(action="delete", object_type="networkmember").count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"name": "", "relationship": "neighbour"},
        {"name": "x" * 500, "relationship": "neighbour"},
        {"name": "Ans", "relationship": "vijand"},
    ],
)
def test_bad_input_shows_errors_and_saves_nothing(client_professional_a, family_a, data):
    response = client_professional_a.post(add_url(family_a), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not NetworkMember.objects.exists()


def test_stranger_gets_404_everywhere(client_professional_b, family_a, neighbour):
    assert client_professional_b.get(add_url(family_a)).status_code == 404
    assert client_professional_b.get(edit_url(family_a, neighbour)).status_code == 404
    assert client_professional_b.post(remove_url(family_a, neighbour)).status_code == 404
    assert NetworkMember.objects.exists()


def test_member_of_another_family_is_404(client_professional_a, org_a, neighbour, professional_a):
    other = services.family_create(
        organisation=org_a, name="Familie Anders", created_by=professional_a
    )
    assert client_professional_a.post(remove_url(other, neighbour)).status_code == 404
    assert NetworkMember.objects.exists()


def test_anonymous_goes_to_login(client, family_a, neighbour):
    for target in (
        add_url(family_a),
        edit_url(family_a, neighbour),
        remove_url(family_a, neighbour),
    ):
        response = client.post(target)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert NetworkMember.objects.exists()


def test_beheerder_gets_403(client_admin_a, family_a, neighbour):
    assert client_admin_a.get(add_url(family_a)).status_code == 403
    assert client_admin_a.post(remove_url(family_a, neighbour)).status_code == 403
    assert NetworkMember.objects.exists()


def test_wrong_methods_are_405(client_professional_a, family_a, neighbour):
    assert client_professional_a.put(add_url(family_a)).status_code == 405
    assert client_professional_a.delete(remove_url(family_a, neighbour)).status_code == 405
    assert NetworkMember.objects.exists()
