import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from organisations.models import Membership


def test_admin_sees_people_of_own_organisation_only(client_admin_a, professional_a, professional_b):
    page = client_admin_a.get(reverse("organisations:people")).content.decode()
    assert "alice" in page
    assert "bob" not in page


@pytest.mark.parametrize("who", ["client_professional_a", "client_lead_a"])
def test_non_admins_get_403(request, who):
    client = request.getfixturevalue(who)
    assert client.get(reverse("organisations:people")).status_code == 403


def test_admin_adds_a_person(client_admin_a, org_a):
    response = client_admin_a.post(
        reverse("organisations:person_add"),
        {
            "username": "nieuw",
            "first_name": "Nieuwe",
            "last_name": "Collega",
            "email": "",
            "job_title": "Leerkracht",
            "role": "professional",
            "password": "een-lang-genoeg-wachtwoord",
        },
    )
    assert response.status_code == 302
    assert Membership.objects.get(user__username="nieuw").organisation == org_a


def test_admin_add_person_bad_input_saves_nothing(client_admin_a):
    response = client_admin_a.post(
        reverse("organisations:person_add"),
        {"username": "a b<script>", "first_name": "", "role": "king", "password": "123"},
    )
    assert response.status_code == 200
    assert "Alleen letters" in response.content.decode()
    assert (
        not get_user_model()
        .objects.filter(first_name="")
        .exclude(username__in=["adam"])
        .filter(username__startswith="a b")
        .exists()
    )


def test_admin_cannot_edit_other_organisations_membership(client_admin_a, professional_b):
    membership = professional_b.memberships.get()
    url = reverse("organisations:membership_edit", kwargs={"public_id": membership.public_id})
    assert client_admin_a.get(url).status_code == 404


def test_deactivating_ends_the_persons_sessions(
    client_admin_a, client_professional_a, professional_a
):
    membership = professional_a.memberships.get()
    url = reverse("organisations:membership_edit", kwargs={"public_id": membership.public_id})
    response = client_admin_a.post(url, {"role": "professional", "job_title": "", "is_active": ""})
    assert response.status_code == 302
    response = client_professional_a.get(reverse("families:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
