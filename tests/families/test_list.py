import pytest
from django.urls import reverse

from families import services
from families.models import Family
from organisations.models import AccessLogEntry
from tests.factories import FamilyFactory

URL = reverse("families:list")


def test_professional_sees_own_families_only(client_professional_a, family_a, family_b, lead_a):
    services.family_update(
        family=family_a, contact_person=lead_a.memberships.get(), long_term_support=True
    )
    page = client_professional_a.get(URL).content.decode()
    assert "Familie Jansen" in page
    assert "Noor" in page  # the children's names
    assert "Lena" in page  # the contact person
    assert "langdurig" in page
    assert "Familie Bakker" not in page


def test_list_is_paginated_by_25(client_professional_a, org_a):
    FamilyFactory.create_batch(30, organisation=org_a)
    first = client_professional_a.get(URL)
    assert len(first.context["page"].object_list) == 25
    second = client_professional_a.get(URL, {"page": 2})
    assert len(second.context["page"].object_list) == 5


def test_list_queries_do_not_grow_with_families(
    client_professional_a, org_a, django_assert_max_num_queries
):
    for family in FamilyFactory.create_batch(25, organisation=org_a):
        services.child_add(family=family, first_name="Kind", birth_date=family.created_at.date())
    # 15, plus the menu's "Berichten" count, the quiet families of the start page, the
    # menu's count of open access requests (need-to-know) and the start page's "Mijn
    # afspraken".
    with django_assert_max_num_queries(19):
        client_professional_a.get(URL)


def test_search_by_family_name_or_child_name(client_professional_a, family_a, org_a):
    other = services.family_create(organisation=org_a, name="Familie De Boer", created_by=None)
    services.child_add(
        family=other, first_name="Finn", birth_date=family_a.children.get().birth_date
    )
    by_family = client_professional_a.post(URL, {"q": "jansen"})
    assert by_family.status_code == 200
    assert list(by_family.context["page"].object_list) == [family_a]
    by_child = client_professional_a.post(URL, {"q": "finn"})
    assert list(by_child.context["page"].object_list) == [other]


def test_search_never_shows_other_organisations(client_professional_a, family_a, family_b):
    response = client_professional_a.post(URL, {"q": "Bakker"})
    assert list(response.context["page"].object_list) == []
    assert "Familie Bakker" not in response.content.decode()


def test_search_is_logged_without_the_query(client_professional_a, family_a):
    client_professional_a.post(URL, {"q": "Jansen"})
    entry = AccessLogEntry.objects.get(action="search")
    assert entry.username == "alice"
    assert "Jansen" not in entry.path
    for field in ("path", "object_type", "object_id"):
        assert "jansen" not in getattr(entry, field).lower()


def test_search_query_never_appears_in_a_url(client_professional_a, org_a):
    FamilyFactory.create_batch(30, organisation=org_a, name="Familie Geheimnaam")
    response = client_professional_a.post(URL, {"q": "Geheimnaam", "page": "2"})
    assert response.status_code == 200  # rendered directly: no redirect with a query string
    assert response.context["page"].number == 2
    page = response.content.decode()
    import re

    for link in re.findall(r'(?:href|action|src)="([^"]*)"', page):
        assert "geheimnaam" not in link.lower()
    assert AccessLogEntry.objects.filter(path__icontains="geheimnaam").count() == 0


def test_stranger_list_is_their_own(client_professional_b, family_a):
    page = client_professional_b.get(URL).content.decode()
    assert "Familie Jansen" not in page


def test_anonymous_goes_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_beheerder_gets_403(client_admin_a, family_a):
    assert client_admin_a.get(URL).status_code == 403
    assert client_admin_a.post(URL, {"q": "Jansen"}).status_code == 403


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_405(client_professional_a, method):
    assert getattr(client_professional_a, method)(URL).status_code == 405


def test_too_long_search_shows_an_error(client_professional_a, family_a):
    response = client_professional_a.post(URL, {"q": "x" * 500})
    assert response.status_code == 200
    assert response.context["form"].errors["q"]
    assert not AccessLogEntry.objects.filter(action="search").exists()
    assert Family.objects.count() == 1
