import datetime

import pytest
from django.urls import reverse

from families.models import Family
from organisations.models import AccessLogEntry

URL = reverse("families:create")


def test_professional_creates_a_family(client_professional_a, org_a, colleague_a):
    contact = colleague_a.memberships.get()
    response = client_professional_a.post(
        URL,
        {
            "name": "Familie Jansen (groep 3)",
            "contact_person": contact.pk,
            "long_term_support": "on",
            "monitoring_interval_weeks": "8",
            "next_check_on": "",
            "support_notes": "Moeder heeft een lichte verstandelijke beperking.",
        },
    )
    family = Family.objects.get()
    assert response.status_code == 302
    assert response["Location"] == family.get_absolute_url()
    assert family.organisation == org_a
    assert family.contact_person == contact
    assert family.created_by.username == "alice"
    assert family.next_check_on is not None
    entry = AccessLogEntry.objects.get(action="create")
    assert entry.family_public_id == family.public_id


def test_lead_creates_a_family(client_lead_a):
    response = client_lead_a.post(URL, {"name": "Gezin R."})
    assert response.status_code == 302
    assert Family.objects.get().name == "Gezin R."


def test_form_offers_only_case_members_of_this_organisation(
    client_professional_a, colleague_a, admin_a, professional_b
):
    page = client_professional_a.get(URL).content.decode()
    assert "Annet" in page
    assert "Adam" not in page  # a beheerder is no contact person
    assert "Bob" not in page  # another organisation


def test_contact_person_of_another_organisation_is_refused(client_professional_a, professional_b):
    response = client_professional_a.post(
        URL, {"name": "Familie X", "contact_person": professional_b.memberships.get().pk}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["contact_person"]
    assert not Family.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"name": ""},
        {"name": "   "},
        {"name": "x" * 500},
        {"name": "Familie X", "monitoring_interval_weeks": "0"},
        {"name": "Familie X", "monitoring_interval_weeks": "acht"},
        {"name": "Familie X", "next_check_on": "31-02-2026"},
    ],
)
def test_bad_input_shows_errors_and_saves_nothing(client_professional_a, data):
    response = client_professional_a.post(URL, data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "invalid-feedback" in response.content.decode()
    assert not Family.objects.exists()


def test_anonymous_goes_to_login(client, db):
    response = client.post(URL, {"name": "Familie X"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not Family.objects.exists()


def test_beheerder_gets_403(client_admin_a):
    assert client_admin_a.get(URL).status_code == 403
    assert client_admin_a.post(URL, {"name": "Familie X"}).status_code == 403
    assert not Family.objects.exists()


def test_stranger_creates_in_their_own_organisation(client_professional_b, org_b):
    client_professional_b.post(URL, {"name": "Familie X"})
    assert Family.objects.get().organisation == org_b


def test_put_is_405(client_professional_a):
    assert client_professional_a.put(URL).status_code == 405


def test_next_check_date_stays_when_given(client_professional_a):
    client_professional_a.post(
        URL,
        {
            "name": "Familie X",
            "long_term_support": "on",
            "monitoring_interval_weeks": "8",
            "next_check_on": "2030-01-15",
        },
    )
    assert Family.objects.get().next_check_on == datetime.date(2030, 1, 15)
