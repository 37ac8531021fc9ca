import datetime

import pytest
from django.urls import reverse

from families.models import Child
from families.selectors import birthday_in
from organisations.models import AccessLogEntry


def url(family):
    return reverse("families:child_add", kwargs={"public_id": family.public_id})


def test_professional_adds_two_children(client_professional_a, family_a, today):
    for name, years in (("Sem", 4), ("Lieke", 11)):
        response = client_professional_a.post(
            url(family_a),
            {
                "first_name": name,
                "birth_date": birthday_in(today, today.year - years).isoformat(),
                "group_name": "groep 1",
            },
        )
        assert response.status_code == 302
        assert response["Location"] == family_a.get_absolute_url()
    assert set(family_a.children.values_list("first_name", flat=True)) == {"Noor", "Sem", "Lieke"}
    assert AccessLogEntry.objects.filter(action="change", object_type="child").count() == 2
    page = client_professional_a.get(family_a.get_absolute_url()).content.decode()
    assert "Sem" in page and "Lieke" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"first_name": "Sem", "birth_date": "2999-01-01"}, "toekomst"),
        ({"first_name": "Sem", "birth_date": "1990-01-01"}, "ouder zijn dan 23"),
        ({"first_name": "", "birth_date": "2020-01-01"}, "Dit veld is verplicht"),
        ({"first_name": "x" * 500, "birth_date": "2020-01-01"}, "100"),
        ({"first_name": "Sem", "birth_date": "gisteren"}, "geldige datum"),
        ({"first_name": "Sem", "birth_date": ""}, "Dit veld is verplicht"),
    ],
)
def test_bad_input_shows_a_dutch_message_and_saves_nothing(
    client_professional_a, family_a, data, message
):
    response = client_professional_a.post(url(family_a), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Child.objects.count() == 1


def test_stranger_gets_404(client_professional_b, family_a, today):
    response = client_professional_b.post(
        url(family_a), {"first_name": "Sem", "birth_date": (today - datetime.timedelta(days=900))}
    )
    assert response.status_code == 404
    assert Child.objects.count() == 1


def test_anonymous_goes_to_login(client, family_a):
    response = client.get(url(family_a))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_beheerder_gets_403(client_admin_a, family_a):
    assert client_admin_a.get(url(family_a)).status_code == 403


def test_put_is_405(client_professional_a, family_a):
    assert client_professional_a.put(url(family_a)).status_code == 405
