from django.urls import reverse

from tests.factories import FamilyFactory


def url(family, child):
    return reverse(
        "families:child_edit", kwargs={"public_id": family.public_id, "child_id": child.public_id}
    )


def test_professional_corrects_a_child(client_professional_a, family_a):
    child = family_a.children.get()
    response = client_professional_a.post(
        url(family_a, child),
        {"first_name": "Noor", "birth_date": child.birth_date.isoformat(), "group_name": "groep 6"},
    )
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.group_name == "groep 6"


def test_child_of_another_family_is_404(client_professional_a, family_a, org_a):
    other = FamilyFactory(organisation=org_a)
    child = family_a.children.get()
    assert client_professional_a.get(url(other, child)).status_code == 404


def test_stranger_gets_404(client_professional_b, family_a):
    assert client_professional_b.get(url(family_a, family_a.children.get())).status_code == 404


def test_anonymous_goes_to_login(client, family_a):
    response = client.get(url(family_a, family_a.children.get()))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_beheerder_gets_403(client_admin_a, family_a):
    assert client_admin_a.get(url(family_a, family_a.children.get())).status_code == 403


def test_patch_is_405(client_professional_a, family_a):
    assert client_professional_a.patch(url(family_a, family_a.children.get())).status_code == 405


def test_bad_input_saves_nothing(client_professional_a, family_a):
    child = family_a.children.get()
    response = client_professional_a.post(
        url(family_a, child), {"first_name": "Noor", "birth_date": "2999-12-31"}
    )
    assert response.status_code == 200
    assert "toekomst" in response.content.decode()
    child.refresh_from_db()
    assert child.birth_date.year < 2999
