"""Agreements reach whoever carries them out: when assigned (from the review), two days
before their date and once past it (send_digests' due events); one notification per person
per event, also when two runs race; only while they read the family's file; never across
organisations."""

import datetime
import threading

import pytest
from django.db import connection, transaction
from django.urls import reverse

from families.models import TeamMember
from families.services import team_remove
from notifications.models import Notification, NotificationKind
from organisations.models import Membership, Role
from signals import services
from signals.followup.agreements import tell_due
from signals.followup.due import notify_due
from signals.models import Agreement
from signals.reviews.agreements import agreement_close
from tests.factories import FamilyFactory, MembershipFactory, OrganisationFactory, UserFactory

K = NotificationKind


def of_kind(kind):
    return Notification.objects.filter(kind=kind)


def review_with_agreement(family, lead, owner, *, due_on, what="Gesprek met moeder plannen"):
    services.review_record(
        family=family,
        lead=lead,
        decision="monitor",
        rationale="Volgen, met een afspraak.",
        agreements=[
            {
                "what": what,
                "owner": Membership.objects.get(user=owner, organisation=family.organisation),
                "due_on": due_on,
            }
        ],
    )
    return Agreement.objects.get(what=what)


def test_the_owner_hears_of_a_new_agreement_once_the_lead_not(
    family, lead_a, colleague_a, today, client_colleague_a
):
    agreement = review_with_agreement(
        family, lead_a, colleague_a, due_on=today + datetime.timedelta(days=10)
    )
    (told,) = of_kind(K.AGREEMENT_ASSIGNED)
    assert told.recipient == colleague_a
    assert told.event_key == f"agreement:{agreement.public_id}:assigned"
    assert told.url == reverse("signals:agreement_close", args=[agreement.public_id])
    assert "Gesprek met moeder plannen" in told.message()
    assert not of_kind(K.AGREEMENT_ASSIGNED).filter(recipient=lead_a).exists()
    # In her list, with a button that takes her where to close it.
    page = client_colleague_a.get(reverse("notifications:list"))
    assert page.context["notification_count"] == 1
    response = client_colleague_a.post(told.get_absolute_url())
    assert response["Location"] == told.url
    assert client_colleague_a.get(told.url).status_code == 200


def test_due_in_two_days_then_overdue_each_told_once_and_resolved(
    family, lead_a, colleague_a, today
):
    agreement = review_with_agreement(
        family, lead_a, colleague_a, due_on=today + datetime.timedelta(days=3)
    )
    assert notify_due(today=today)["afspraak bijna of over de datum"] == 0  # 3 days: not yet
    soon = today + datetime.timedelta(days=1)  # now it is due in 2 days
    assert notify_due(today=soon)["afspraak bijna of over de datum"] == 1
    assert notify_due(today=soon)["afspraak bijna of over de datum"] == 0  # a rerun: nothing
    (due_soon,) = of_kind(K.AGREEMENT_DUE_SOON)
    assert due_soon.recipient == colleague_a and due_soon.due_on == agreement.due_on
    assert "over 2 dagen" in due_soon.message()
    late = agreement.due_on + datetime.timedelta(days=1)
    assert notify_due(today=late)["afspraak bijna of over de datum"] == 1
    (overdue,) = of_kind(K.AGREEMENT_OVERDUE)
    assert overdue.recipient == colleague_a and overdue.read_at is None
    due_soon.refresh_from_db()
    assert due_soon.read_at is not None  # "almost due" gave way to "past its date"
    assert (
        notify_due(today=late + datetime.timedelta(days=5))["afspraak bijna of over de datum"] == 0
    )
    # Done: the reminder is read at the next run, and nothing new comes.
    agreement_close(agreement=agreement, by=colleague_a, done=True, note="Gesprek gevoerd.")
    notify_due(today=late)
    overdue.refresh_from_db()
    assert overdue.read_at is not None
    assert of_kind(K.AGREEMENT_OVERDUE).count() == 1


def test_a_new_date_is_a_new_event(family, lead_a, colleague_a, today):
    agreement = review_with_agreement(family, lead_a, colleague_a, due_on=today)
    tell_due(today)
    Agreement.objects.filter(pk=agreement.pk).update(due_on=today + datetime.timedelta(days=1))
    tell_due(today)
    keys = sorted(of_kind(K.AGREEMENT_DUE_SOON).values_list("event_key", "read_at"))
    assert [key.rsplit(":", 1)[1] for key, _read in keys] == [
        today.isoformat(),
        (today + datetime.timedelta(days=1)).isoformat(),
    ]
    assert [read is None for _key, read in keys] == [False, True]


def test_need_to_know_whoever_left_the_team_is_not_reminded(
    family, lead_a, colleague_a, today, client_colleague_a
):
    agreement = review_with_agreement(family, lead_a, colleague_a, due_on=today)
    # Carrying out an agreement put her in the team; a lead takes her off it.
    member = TeamMember.objects.current().get(family=family, user=colleague_a)
    team_remove(member=member, removed_by=lead_a, reason="Gaat naar een andere school.")
    tell_due(today)
    assert not of_kind(K.AGREEMENT_DUE_SOON).exists()
    # The assignment she was told of no longer shows either, nor does its agreement.
    page = client_colleague_a.get(reverse("notifications:list"))
    assert page.context["notification_count"] == 0
    assert agreement.what not in page.content.decode()


def test_never_across_organisations(family, lead_a, colleague_a, today, org_b, lead_b):
    """A person in two organisations hears of the agreement only in its own one."""
    MembershipFactory(user=colleague_a, organisation=org_b, role=Role.PROFESSIONAL)
    review_with_agreement(family, lead_a, colleague_a, due_on=today)
    tell_due(today)
    told = Notification.objects.filter(recipient=colleague_a)
    assert set(told.values_list("organisation", flat=True)) == {family.organisation_id}
    assert not Notification.objects.filter(organisation=org_b).exists()
    assert not Notification.objects.filter(recipient=lead_b).exists()


def test_an_owner_who_left_the_organisation_is_not_told(family, lead_a, colleague_a, today):
    review_with_agreement(family, lead_a, colleague_a, due_on=today)
    Membership.objects.filter(user=colleague_a).update(is_active=False)
    tell_due(today)
    assert not of_kind(K.AGREEMENT_DUE_SOON).exists()


@pytest.mark.django_db(transaction=True)
def test_two_runs_racing_tell_each_event_once():
    """send_digests twice at once: each agreement's reminder is one row (PostgreSQL)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent transactions: run with DATABASE_URL=postgres://…")
    from django.utils import timezone

    organisation = OrganisationFactory()
    lead = UserFactory(username="racelead")
    owner = UserFactory(username="raceowner")
    MembershipFactory(user=lead, organisation=organisation, role=Role.LEAD)
    MembershipFactory(user=owner, organisation=organisation, role=Role.PROFESSIONAL)
    family = FamilyFactory(organisation=organisation)
    today = timezone.localdate()
    review_with_agreement(family, lead, owner, due_on=today)
    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            with transaction.atomic():
                Notification.objects.filter(kind=K.AGREEMENT_DUE_SOON).count()
                barrier.wait(timeout=10)
                tell_due(today)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert of_kind(K.AGREEMENT_DUE_SOON).count() == 1


def test_closing_an_agreement_clears_what_told_of_it_at_once(
    family, lead_a, colleague_a, today, client_colleague_a
):
    """The "for you" notice and a reminder stop waiting once it is finished, without waiting
    for the next digest run; another agreement's notice stays."""
    agreement = review_with_agreement(family, lead_a, colleague_a, due_on=today)
    other = review_with_agreement(
        family, lead_a, colleague_a, due_on=today + datetime.timedelta(days=30), what="Bellen"
    )
    tell_due(today)
    assert Notification.objects.unread().filter(recipient=colleague_a).count() == 3
    agreement_close(agreement=agreement, by=colleague_a, done=False, note="Moeder ziek.")
    unread = Notification.objects.unread().filter(recipient=colleague_a)
    assert list(unread.values_list("event_key", flat=True)) == [
        f"agreement:{other.public_id}:assigned"
    ]
    page = client_colleague_a.get(reverse("notifications:list"))
    assert page.context["notification_count"] == 1
