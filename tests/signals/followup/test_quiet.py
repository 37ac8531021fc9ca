"""Quiet families on the start page and the family page, with one click "gaat goed"."""

import pytest
from django.urls import reverse

from families.services import family_update, team_add
from notifications.models import Notification
from organisations.models import AccessLogEntry, Membership
from signals.followup.due import notify_due
from signals.models import ColleagueNote
from tests.signals.followup.conftest import record
from tests.signals.followup.test_due import backdate


@pytest.fixture
def quiet(family, risk, professional_a, contact):
    record(family, professional_a, next(c for c in risk if c.weight == 2), severity=2)
    backdate(family, 50)
    return family


def going_well_url(family):
    return reverse("signals:going_well", args=[family.public_id])


def test_the_contact_person_sees_it_on_the_start_page(quiet, client_professional_a):
    page = client_professional_a.get(reverse("families:list"))
    body = page.content.decode()
    assert 'data-testid="quiet-families"' in body
    assert "Al 6 weken stil: 1 gezin waarvan jij contactpersoon bent" in body
    assert going_well_url(quiet) in body


def test_others_do_not_see_it_on_their_start_page(quiet, client_colleague_a, client_lead_a):
    assert 'data-testid="quiet-families"' not in (
        client_colleague_a.get(reverse("families:list")).content.decode()
    )
    assert 'data-testid="quiet-families"' not in (
        client_lead_a.get(reverse("signals:dashboard")).content.decode()
    )


def test_a_lead_who_is_contact_person_sees_it_on_the_dashboard(quiet, lead_a, client_lead_a):
    family_update(family=quiet, contact_person=Membership.objects.get(user=lead_a))
    body = client_lead_a.get(reverse("signals:dashboard")).content.decode()
    assert 'data-testid="quiet-families"' in body


def test_the_family_page_says_so_too(quiet, contact, colleague_a, client_colleague_a):
    # A colleague in the family's team reads its page (the contact person added her).
    team_add(family=quiet, user=colleague_a, added_by=contact, note="Gymdocent van Mila.")
    body = client_colleague_a.get(quiet.get_absolute_url()).content.decode()
    assert 'data-testid="quiet-family"' in body


def test_one_click_logs_going_well_and_the_silence_ends(
    quiet, professional_a, client_professional_a, today
):
    notify_due(today=today)
    assert Notification.objects.unread().filter(kind="quiet").exists()
    start = reverse("families:list")
    response = client_professional_a.post(going_well_url(quiet), {"next": start})
    assert response.status_code == 302 and response["Location"] == start
    note = ColleagueNote.objects.get(kind="going_well")
    assert (note.text, note.author, note.family) == (
        "Niets nieuws, gaat goed.",
        professional_a,
        quiet,
    )
    assert not Notification.objects.unread().filter(kind="quiet").exists()
    assert AccessLogEntry.objects.filter(action="create", object_id=str(note.public_id)).exists()
    page = client_professional_a.get(start)
    assert 'data-testid="quiet-families"' not in page.content.decode()
    assert "niets nieuws, gaat goed" in page.content.decode()


def test_going_well_refuses_an_outside_next_and_the_wrong_people(
    quiet, client_professional_a, client_professional_b, client_admin_a, client
):
    response = client_professional_a.post(going_well_url(quiet), {"next": "https://kwaad.example/"})
    assert response["Location"] == quiet.get_absolute_url()
    assert client_professional_a.get(going_well_url(quiet)).status_code == 405
    assert client_professional_b.post(going_well_url(quiet)).status_code == 404
    assert client_admin_a.post(going_well_url(quiet)).status_code == 403
    assert reverse("login") in client.post(going_well_url(quiet))["Location"]
    assert ColleagueNote.objects.count() == 1
