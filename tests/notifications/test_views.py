"""Berichten: the count on every page, the list (new and read), a link to act, settings."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

from families.models import TeamMember
from notifications import services
from notifications.models import DigestPreference, Notification, NotificationKind
from organisations.models import Role
from tests.factories import FamilyFactory, MembershipFactory

LIST = reverse("notifications:list")
SETTINGS = reverse("notifications:settings")
ALL_READ = reverse("notifications:mark_all_read")


@pytest.fixture
def family_a(org_a, professional_a):
    """Alice is in the family's team: she reads its file, and so its notifications."""
    return FamilyFactory(organisation=org_a, name="Gezin Berichtje", team=[professional_a])


@pytest.fixture
def note_for_alice(family_a, professional_a, lead_a):
    services.notify(
        kind=NotificationKind.DECISION,
        event_key="decision:1",
        url="/signalen/mijn-signalen/#gezin-1",
        recipient=professional_a,
        family=family_a,
        actor=lead_a,
        detail="blijven volgen",
    )
    return Notification.objects.get()


def test_the_count_is_on_every_page_and_the_list_shows_it(client_professional_a, note_for_alice):
    page = client_professional_a.get(reverse("families:list"))
    assert page.context["notification_count"] == 1
    assert 'aria-label="1 nieuw bericht"' in page.content.decode()
    response = client_professional_a.get(LIST)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Besluit over Gezin Berichtje, waarover jij iets vastlegde: blijven volgen." in body
    assert note_for_alice.get_absolute_url() in body
    assert "1 nieuw bericht" in body


def test_opening_marks_it_read_and_goes_where_to_act(client_professional_a, note_for_alice):
    # Opening writes (it marks read): a button that posts, never a GET.
    assert client_professional_a.get(note_for_alice.get_absolute_url()).status_code == 405
    note_for_alice.refresh_from_db()
    assert note_for_alice.read_at is None
    response = client_professional_a.post(note_for_alice.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == "/signalen/mijn-signalen/#gezin-1"
    note_for_alice.refresh_from_db()
    assert note_for_alice.read_at is not None
    page = client_professional_a.get(LIST)
    assert page.context["notification_count"] == 0
    assert list(page.context["read_page"].object_list) == [note_for_alice]
    assert "Niets nieuws. Fijn!" in page.content.decode()


def test_someone_elses_notification_is_not_found(
    client_lead_a, client_professional_b, client_admin_a, client, note_for_alice
):
    url = note_for_alice.get_absolute_url()
    assert client_lead_a.post(url).status_code == 404
    assert client_professional_b.post(url).status_code == 404
    assert client_admin_a.post(url).status_code == 403
    assert reverse("login") in client.post(url)["Location"]
    note_for_alice.refresh_from_db()
    assert note_for_alice.read_at is None
    assert "Berichtje" not in client_professional_b.get(LIST).content.decode()


def test_wrong_methods(client_professional_a, note_for_alice):
    assert client_professional_a.post(LIST).status_code == 405
    assert client_professional_a.get(note_for_alice.get_absolute_url()).status_code == 405
    assert client_professional_a.get(ALL_READ).status_code == 405


def test_mark_all_read(client_professional_a, note_for_alice, family_a, professional_a):
    services.notify(
        kind=NotificationKind.ANSWER,
        event_key="answer:9",
        url="/",
        recipient=professional_a,
        family=family_a,
    )
    response = client_professional_a.post(ALL_READ)
    assert response.status_code == 302
    assert not Notification.objects.unread().exists()


def test_one_organisation_at_a_time_with_counts_of_the_others(
    org_a, org_b, family_a, professional_a, client_professional_a
):
    """A jeugdarts in two organisations sees each one's notifications only there."""
    MembershipFactory(user=professional_a, organisation=org_b, role=Role.PROFESSIONAL)
    family_b = FamilyFactory(organisation=org_b, name="Gezin Elders", team=[professional_a])
    for family, key in ((family_a, "a"), (family_b, "b")):
        services.notify(
            kind=NotificationKind.ANSWER,
            event_key=key,
            url="/",
            recipient=professional_a,
            family=family,
        )
    client_professional_a.post(
        reverse("organisations:switch"),
        {"membership": str(professional_a.memberships.get(organisation=org_a).public_id)},
    )
    page = client_professional_a.get(LIST)
    body = page.content.decode()
    assert page.context["notification_count"] == 1
    assert "Gezin Berichtje" in body and "Gezin Elders" not in body
    assert page.context["elsewhere"] == [(org_b.name, 1)]
    other = Notification.objects.get(family=family_b)
    assert client_professional_a.post(other.get_absolute_url()).status_code == 404


def test_outside_the_team_only_a_decision_shows(org_a, professional_a, client_professional_a):
    """Need-to-know: a notification about a family whose file Alice does not read is not
    shown, counted or opened; a decision is, as it points to "Mijn signalen"."""
    outside = FamilyFactory(organisation=org_a, name="Gezin Buiten")
    for kind in (NotificationKind.DECISION, NotificationKind.ANSWER, NotificationKind.QUIET):
        services.notify(
            kind=kind, event_key=kind, url="/", recipient=professional_a, family=outside
        )
    page = client_professional_a.get(LIST)
    assert page.context["notification_count"] == 1
    assert [n.kind for n in page.context["unread"]] == [NotificationKind.DECISION]
    hidden = Notification.objects.exclude(kind=NotificationKind.DECISION)
    for notification in hidden:
        assert client_professional_a.post(notification.get_absolute_url()).status_code == 404
    client_professional_a.post(ALL_READ)
    assert Notification.objects.unread().count() == 2  # the hidden ones stay as they were
    TeamMember.objects.create(family=outside, user=professional_a, reason="added")
    assert client_professional_a.get(LIST).context["notification_count"] == 2


def test_elsewhere_counts_what_the_list_there_would_show(
    org_a, org_b, professional_a, client_professional_a
):
    MembershipFactory(user=professional_a, organisation=org_b, role=Role.PROFESSIONAL)
    outside = FamilyFactory(organisation=org_b, name="Gezin Buiten")
    services.notify(
        kind=NotificationKind.ANSWER,
        event_key="b",
        url="/",
        recipient=professional_a,
        family=outside,
    )
    client_professional_a.post(
        reverse("organisations:switch"),
        {"membership": str(professional_a.memberships.get(organisation=org_a).public_id)},
    )
    assert client_professional_a.get(LIST).context["elsewhere"] == []
    TeamMember.objects.create(family=outside, user=professional_a, reason="added")
    assert client_professional_a.get(LIST).context["elsewhere"] == [(org_b.name, 1)]


def test_beheerder_and_anonymous(client_admin_a, client):
    assert client_admin_a.get(LIST).status_code == 403
    assert client_admin_a.get(SETTINGS).status_code == 403
    assert reverse("login") in client.get(LIST)["Location"]
    people = client_admin_a.get(reverse("organisations:people"))
    assert people.status_code == 200 and "notification_count" not in people.context


def test_settings_default_by_role_and_own_choice(
    client_professional_a, client_lead_a, professional_a
):
    assert client_lead_a.get(SETTINGS).context["form"]["frequency"].value() == "daily"
    page = client_professional_a.get(SETTINGS)
    assert page.context["form"]["frequency"].value() == "weekly"
    assert "wekelijks" in page.content.decode()
    response = client_professional_a.post(SETTINGS, {"frequency": "off"})
    assert response.status_code == 302
    assert DigestPreference.objects.get(membership__user=professional_a).frequency == "off"
    assert client_professional_a.get(SETTINGS).context["form"]["frequency"].value() == "off"


@pytest.mark.parametrize("value", ["", "hourly", "\x00"])
def test_settings_bad_input(client_professional_a, value):
    response = client_professional_a.post(SETTINGS, {"frequency": value})
    assert response.status_code == 200
    assert "Kies dagelijks, wekelijks of nooit." in response.content.decode()
    assert not DigestPreference.objects.exists()


def test_a_locked_database_while_opening_gives_the_dutch_503_not_a_500(
    client_professional_a, note_for_alice
):
    """SQLite busy past its timeout (another writer holds the lock): opening is a change, so
    it runs in the request's transaction (BEGIN IMMEDIATE waits for the lock there); when
    that fails the user reads, in Dutch, that it did not work, and nothing is marked read."""
    from django.db.transaction import Atomic

    locked = OperationalError("database is locked")
    with mock.patch.object(Atomic, "__enter__", side_effect=locked):
        response = client_professional_a.post(note_for_alice.get_absolute_url())
    assert response.status_code == 503
    assert "Even niet beschikbaar" in response.content.decode()
    note_for_alice.refresh_from_db()
    assert note_for_alice.read_at is None


@pytest.mark.parametrize("page", ["signals:my_questions", "signals:my_signals"])
def test_a_locked_database_while_a_page_marks_read_still_shows_the_page(
    client_professional_a, note_for_alice, page
):
    """Pages that mark their notifications read as they are seen (a GET) do so in a
    savepoint of their own: a lock there leaves them unread and the page is shown."""
    locked = OperationalError("database is locked")
    with mock.patch("notifications.models.NotificationQuerySet.update", side_effect=locked):
        response = client_professional_a.get(reverse(page))
    assert response.status_code == 200
