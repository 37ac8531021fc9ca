"""Django's admin for the installation's administrator: regions and their organisations,
never case content; only a superuser reaches it."""

import pytest
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, reverse

from collaboration import services
from collaboration.admin import site
from collaboration.models import Handover, InvolvementSignal, Match, Region, RegionMember
from organisations.models import AccessLogEntry
from tests.collaboration.test_no_content_crosses import A_CONTENT, matched_world  # noqa: F401
from tests.factories import UserFactory

# Besides A's content: what a region's organisations hold about children, by name.
CASE_WORDS = (
    "Gezin B",
    "betrokkenheid",
    "toestemming",
    "overdracht",
    "observatie",
    "notitie",
    "beoordeling",
    "gezinnen",
)


@pytest.fixture
def superuser(db):
    return UserFactory(username="installatie", is_superuser=True, is_staff=True)


@pytest.fixture
def admin_client(superuser):
    http = Client()
    http.force_login(superuser)
    return http


@pytest.fixture
def shared_world(matched_world, lead_a, professional_b, org_b, today):  # noqa: F811
    """A match with consent on both sides and a handover sent: everything a region holds."""
    world, family_b, child_b = matched_world
    match = Match.objects.get()
    for child, user in ((world.child, lead_a), (child_b, professional_b)):
        services.consent_record(
            child=child,
            match=str(match.public_id),
            recorded_by=user,
            given_on=today,
            scope="domains",
        )
    services.handover_create(
        child=world.child,
        created_by=lead_a,
        to_organisation=org_b,
        consent_on=today,
        going_well="Gaatgoed-A",
    )
    return world


def _model_urls(region):
    """Every page of every model registered on the site, for `region`'s row."""
    urls = []
    for model_admin in site._registry.values():
        for pattern in model_admin.get_urls():
            if not isinstance(pattern, URLPattern) or not pattern.name:
                continue
            params = pattern.pattern.converters
            kwargs = {"object_id": region.pk} if "object_id" in params else {}
            urls.append(reverse(f"admin:{pattern.name}", kwargs=kwargs))
    return urls


def _no_case_content(body, secrets):
    lowered = body.lower()
    return [s for s in secrets if s.lower() in lowered]


def test_only_regions_are_registered():
    assert set(site._registry) == {Region}


def test_no_page_of_the_admin_shows_case_content(shared_world, admin_client, region):
    signal = InvolvementSignal.objects.first()
    secrets = A_CONTENT + CASE_WORDS + ("Gaatgoed-A", "Kijk-A", "Correctie-A", signal.token)
    assert Handover.objects.exists() and signal.token
    pages = [
        reverse("admin:index"),
        reverse("admin:app_list", kwargs={"app_label": "collaboration"}),
        reverse("admin:collaboration_region_changelist") + "?q=Zeldzaamnaam",
        reverse("admin:password_change"),
        reverse("admin:jsi18n"),
        *_model_urls(region),
    ]
    assert len(pages) >= 9  # index, app, search, password, jsi18n; list, add, change, history
    for url in pages:
        response = admin_client.get(url)
        if url.endswith("/delete/"):
            assert response.status_code == 403, url  # a region is not deleted, see below
            continue
        assert response.status_code == 200, url
        assert _no_case_content(response.content.decode(), secrets) == [], url
    change = admin_client.get(reverse("admin:collaboration_region_change", args=[region.pk]))
    body = change.content.decode()
    # What it is for: the region and its organisations, and who takes part since when.
    assert "Gemeente Zuidstad" in body
    assert "Basisschool A" in body and "Kinderopvang B" in body


def test_the_contenttypes_shortcut_is_not_served(shared_world, admin_client):
    with pytest.raises(NoReverseMatch):
        reverse("admin:view_on_site", args=[1, 1])
    family = shared_world.family
    response = admin_client.get(f"/admin/r/1/{family.pk}/")
    assert response.status_code == 404
    assert str(family.public_id) not in response.get("Location", "")


@pytest.mark.parametrize(
    "persona", ["client_lead_a", "client_professional_a", "client_admin_a", "client_lead_b"]
)
def test_leads_professionals_and_beheerders_cannot_reach_the_admin(request, persona, region):
    http = request.getfixturevalue(persona)
    for url in (
        reverse("admin:index"),
        reverse("admin:login"),
        reverse("admin:collaboration_region_changelist"),
        reverse("admin:collaboration_region_change", args=[region.pk]),
    ):
        assert http.get(url).status_code == 403, url
    assert http.post(reverse("admin:collaboration_region_add"), {"name": "X"}).status_code == 403
    assert not Region.objects.filter(name="X").exists()


def test_staff_without_superuser_is_refused(db):
    staff = UserFactory(username="staf", is_staff=True)
    http = Client()
    http.force_login(staff)
    assert http.get(reverse("admin:index")).status_code == 403


def test_anonymous_goes_to_the_apps_own_login(client):
    response = client.get(reverse("admin:collaboration_region_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=/admin/")
    response = client.get(reverse("admin:login") + "?next=/admin/")
    assert response["Location"] == reverse("login") + "?next=/admin/"


def test_the_administrator_starts_in_the_admin(admin_client):
    response = admin_client.get(reverse("home"))
    assert response["Location"] == reverse("admin:index")
    assert admin_client.get(reverse("admin:login"))["Location"] == reverse("admin:index")


def _region_form(name, organisations, *, existing=()):
    data = {
        "name": name,
        "members-TOTAL_FORMS": str(len(existing) + len(organisations)),
        "members-INITIAL_FORMS": str(len(existing)),
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
    }
    for i, member in enumerate(existing):
        data[f"members-{i}-id"] = str(member.pk)
        data[f"members-{i}-region"] = str(member.region_id)
        data[f"members-{i}-organisation"] = str(member.organisation_id)
    for i, organisation in enumerate(organisations, start=len(existing)):
        data[f"members-{i}-organisation"] = str(organisation.pk)
    return data


def test_the_administrator_sets_up_a_region_and_its_organisations_log_it(
    admin_client, org_a, org_b, lead_a
):
    response = admin_client.post(
        reverse("admin:collaboration_region_add"), _region_form("Gemeente Noordstad", [org_a])
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    region = Region.objects.get(name="Gemeente Noordstad")
    member = RegionMember.objects.get(region=region)
    assert member.organisation == org_a
    assert not member.takes_part  # the lead opts in, not the administrator
    joined = AccessLogEntry.objects.get(organisation=org_a, object_type="region_join")
    assert joined.username == "installatie" and joined.object_id == str(region.public_id)
    # Then the other organisation; the lead's opt-in stays the lead's.
    services.region_opt_in(organisation=org_a, lead=lead_a, take_part=True)
    response = admin_client.post(
        reverse("admin:collaboration_region_change", args=[region.pk]),
        _region_form("Gemeente Noordstad", [org_b], existing=[member]),
    )
    assert response.status_code == 302
    assert set(region.members.values_list("organisation", flat=True)) == {org_a.pk, org_b.pk}
    assert RegionMember.objects.get(organisation=org_a).takes_part


def test_an_organisation_in_another_region_is_refused_in_dutch(admin_client, region, org_a):
    response = admin_client.post(
        reverse("admin:collaboration_region_add"), _region_form("Gemeente Oost", [org_a])
    )
    assert response.status_code == 200
    assert "Deze organisatie hoort al bij een andere regio." in response.content.decode()
    assert not Region.objects.filter(name="Gemeente Oost").exists()
    assert RegionMember.objects.get(organisation=org_a).region == region


def test_a_row_keeps_its_organisation(admin_client, org_a, org_b, lead_a):
    region = services.region_create(name="Gemeente West")
    member = services.region_add(region=region, organisation=org_a)
    services.region_opt_in(organisation=org_a, lead=lead_a, take_part=True)
    data = _region_form("Gemeente West", [], existing=[member])
    data["members-0-organisation"] = str(org_b.pk)
    response = admin_client.post(
        reverse("admin:collaboration_region_change", args=[region.pk]), data
    )
    assert response.status_code == 200
    assert "verwijder de rij" in response.content.decode()
    assert RegionMember.objects.get(pk=member.pk).organisation == org_a


def test_a_region_is_not_deleted_in_the_admin(admin_client, region):
    url = reverse("admin:collaboration_region_delete", args=[region.pk])
    assert admin_client.get(url).status_code == 403
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert Region.objects.filter(pk=region.pk).exists()
