import pytest
from django.urls import reverse

from families.models import Family
from organisations.models import AccessLogEntry


def url(family):
    return reverse("families:edit", kwargs={"public_id": family.public_id})


def test_professional_edits_support_plan(client_professional_a, family_a, colleague_a, today):
    response = client_professional_a.post(
        url(family_a),
        {
            "name": "Familie Jansen (groep 3)",
            "contact_person": colleague_a.memberships.get().pk,
            "long_term_support": "on",
            "monitoring_interval_weeks": "8",
            "support_notes": "Elke acht weken een gesprek.",
        },
    )
    assert response.status_code == 302
    family_a.refresh_from_db()
    assert family_a.name == "Familie Jansen (groep 3)"
    assert family_a.long_term_support
    assert (family_a.next_check_on - today).days == 56
    assert (
        AccessLogEntry.objects.filter(action="change", family_public_id=family_a.public_id).count()
        == 1
    )


def test_form_shows_current_values(client_lead_a, family_a):
    page = client_lead_a.get(url(family_a)).content.decode()
    assert 'value="Familie Jansen"' in page


def test_stranger_gets_404(client_professional_b, family_a):
    assert client_professional_b.get(url(family_a)).status_code == 404
    assert client_professional_b.post(url(family_a), {"name": "Gekaapt"}).status_code == 404
    family_a.refresh_from_db()
    assert family_a.name == "Familie Jansen"


def test_anonymous_goes_to_login(client, family_a):
    response = client.get(url(family_a))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_beheerder_gets_403(client_admin_a, family_a):
    assert client_admin_a.post(url(family_a), {"name": "Gewijzigd"}).status_code == 403
    family_a.refresh_from_db()
    assert family_a.name == "Familie Jansen"


def test_delete_is_405(client_professional_a, family_a):
    assert client_professional_a.delete(url(family_a)).status_code == 405


@pytest.mark.parametrize(
    "data", [{"name": ""}, {"name": "x" * 500}, {"name": "X", "monitoring_interval_weeks": "-3"}]
)
def test_bad_input_shows_errors_and_saves_nothing(client_professional_a, family_a, data):
    response = client_professional_a.post(url(family_a), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    page = response.content.decode()
    assert "Familie Jansen" in page  # the breadcrumb keeps the saved name
    assert Family.objects.get().name == "Familie Jansen"
    assert not AccessLogEntry.objects.filter(action="change").exists()
