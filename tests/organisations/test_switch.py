import uuid

import pytest
from django.urls import reverse

from organisations.middleware import SESSION_KEY
from organisations.models import Role
from tests.factories import MembershipFactory, OrganisationFactory


@pytest.fixture
def two_org_user(professional_a, org_b):
    MembershipFactory(user=professional_a, organisation=org_b, role=Role.LEAD)
    return professional_a


def test_single_membership_is_picked_for_you(client_professional_a):
    page = client_professional_a.get(reverse("organisations:switch")).content.decode()
    assert "Basisschool A" in page
    assert client_professional_a.session[SESSION_KEY]


def test_switcher_offers_only_own_organisations(client, two_org_user):
    OrganisationFactory(name="Vreemde School")
    client.force_login(two_org_user)
    page = client.get(reverse("organisations:switch")).content.decode()
    assert "Basisschool A" in page and "Kinderopvang B" in page
    assert "Vreemde School" not in page


def test_switching_changes_the_role_shown(client, two_org_user, org_b):
    client.force_login(two_org_user)
    membership = two_org_user.memberships.get(organisation=org_b)
    response = client.post(
        reverse("organisations:switch"), {"membership": str(membership.public_id)}, follow=True
    )
    assert response.status_code == 200
    assert client.session[SESSION_KEY] == str(membership.public_id)
    page = client.get(reverse("organisations:switch")).content.decode()
    assert "Kinderopvang B</span> · aandachtsfunctionaris" in page


def test_another_organisations_membership_is_404(client, two_org_user, professional_b):
    client.force_login(two_org_user)
    foreign = professional_b.memberships.get()
    response = client.post(reverse("organisations:switch"), {"membership": str(foreign.public_id)})
    assert response.status_code == 404
    response = client.post(reverse("organisations:switch"), {"membership": str(uuid.uuid4())})
    assert response.status_code == 404
    response = client.post(reverse("organisations:switch"), {"membership": "not-a-uuid"})
    assert response.status_code == 404


def test_user_with_two_memberships_must_choose(client, two_org_user):
    client.force_login(two_org_user)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("organisations:switch")


def test_deactivated_membership_stops_counting(client_professional_a, professional_a):
    professional_a.memberships.update(is_active=False)
    response = client_professional_a.get(reverse("home"))
    assert response["Location"] == reverse("organisations:switch")


def test_wrong_method_is_405(client_professional_a):
    assert client_professional_a.put(reverse("organisations:switch")).status_code == 405
