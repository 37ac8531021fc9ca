import pytest
from django.urls import reverse

from families import services
from families.models import ChainPartner
from organisations.models import AccessLogEntry


@pytest.fixture
def wijkteam(family_a):
    return services.chain_partner_add(
        family=family_a, organisation_name="Wijkteam Noord", responsibility="Thuisbegeleiding"
    )


def add_url(family):
    return reverse("families:partner_add", kwargs={"public_id": family.public_id})


def edit_url(family, partner):
    return reverse(
        "families:partner_edit",
        kwargs={"public_id": family.public_id, "partner_id": partner.public_id},
    )


def remove_url(family, partner):
    return reverse(
        "families:partner_remove",
        kwargs={"public_id": family.public_id, "partner_id": partner.public_id},
    )


def test_professional_adds_a_chain_partner_with_its_responsibility(client_professional_a, family_a):
    response = client_professional_a.post(
        add_url(family_a),
        {
            "organisation_name": "Wijkteam Noord",
            "contact_person": "Esther Kramer",
            "contact_details": "esther@wijkteam.example",
            "responsibility": "Begeleidt moeder twee keer per week thuis.",
            "expectations": "Belt school bij veranderingen.",
            "consent_basis": "Toestemming moeder, schriftelijk.",
        },
    )
    assert response.status_code == 302
    partner = ChainPartner.objects.get()
    assert partner.family == family_a
    page = client_professional_a.get(family_a.get_absolute_url()).content.decode()
    assert "wie doet wat" in page
    assert "Begeleidt moeder twee keer per week thuis." in page
    assert "Toestemming moeder, schriftelijk." in page


def test_professional_edits_a_partner(client_lead_a, family_a, wijkteam):
    response = client_lead_a.post(
        edit_url(family_a, wijkteam),
        {"organisation_name": "Wijkteam Noord", "responsibility": "Regie gezinsplan"},
    )
    assert response.status_code == 302
    wijkteam.refresh_from_db()
    assert wijkteam.responsibility == "Regie gezinsplan"


def test_remove_asks_first_and_removes_on_post(client_professional_a, family_a, wijkteam):
    assert client_professional_a.get(remove_url(family_a, wijkteam)).status_code == 200
    assert ChainPartner.objects.exists()
    assert client_professional_a.post(remove_url(family_a, wijkteam)).status_code == 302
    assert not ChainPartner.objects.exists()
    assert AccessLogEntry.objects.filter(action="delete", object_type="chainpartner").count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"organisation_name": "", "responsibility": "Iets"}, "organisation_name"),
        ({"organisation_name": "x" * 500, "responsibility": "Iets"}, "organisation_name"),
        ({"organisation_name": "GGD", "responsibility": "   "}, "responsibility"),
    ],
)
def test_bad_input_shows_errors_and_saves_nothing(client_professional_a, family_a, data, field):
    response = client_professional_a.post(add_url(family_a), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not ChainPartner.objects.exists()


def test_stranger_gets_404_everywhere(client_lead_b, family_a, wijkteam):
    assert client_lead_b.get(add_url(family_a)).status_code == 404
    assert client_lead_b.post(edit_url(family_a, wijkteam), {}).status_code == 404
    assert client_lead_b.post(remove_url(family_a, wijkteam)).status_code == 404
    assert ChainPartner.objects.exists()


def test_anonymous_goes_to_login(client, family_a, wijkteam):
    response = client.post(remove_url(family_a, wijkteam))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert ChainPartner.objects.exists()


def test_beheerder_gets_403(client_admin_a, family_a, wijkteam):
    assert client_admin_a.post(remove_url(family_a, wijkteam)).status_code == 403
    assert ChainPartner.objects.exists()


def test_wrong_methods_are_405(client_professional_a, family_a, wijkteam):
    assert client_professional_a.put(edit_url(family_a, wijkteam)).status_code == 405
    assert client_professional_a.delete(remove_url(family_a, wijkteam)).status_code == 405
