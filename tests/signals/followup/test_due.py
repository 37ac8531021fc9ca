"""notify_due: what a date makes due, told once to whom it concerns, and resolved."""

import datetime

import pytest
from django.utils import timezone

from families.models import Family
from families.services import support_plan_update
from notifications.models import Notification, NotificationKind
from organisations.models import Membership
from organisations.services import thresholds_update
from signals import services
from signals.followup.due import notify_due
from signals.models import ColleagueNote, Observation, Review
from signals.observations.immutability import purge_allowed
from tests.factories import ChildFactory
from tests.signals.followup.conftest import record

K = NotificationKind


def of_kind(kind):
    return Notification.objects.filter(kind=kind)


def backdate(family, days):
    """Everything about `family` was logged `days` ago (the demo's trick: only the purge's
    door lets an observation row change on PostgreSQL)."""
    moment = timezone.now() - datetime.timedelta(days=days)
    Family.objects.filter(pk=family.pk).update(created_at=moment)
    with purge_allowed():
        Observation.objects.filter(family=family).update(created_at=moment)
    ColleagueNote.objects.filter(family=family).update(created_at=moment)
    family.refresh_from_db()  # a later save() of this object must not undo it


def test_review_due_tells_every_lead_and_the_contact_person_once(family, contact, lead_a, today):
    review = Review.objects.create(
        family=family, lead=lead_a, decision="monitor", rationale="r", next_review_on=today
    )
    notify_due(today=today)
    told = of_kind(K.REVIEW_DUE)
    assert sorted(told.values_list("recipient__username", flat=True)) == ["alice", "lena"]
    assert told.get(recipient=lead_a).url.endswith(f"/dashboard/gezin/{family.public_id}/")
    assert told.get(recipient=contact).url == family.get_absolute_url()
    assert told.first().event_key == f"review_due:{review.public_id}"
    notify_due(today=today)
    assert told.count() == 2
    # Not yet due tomorrow's review: nothing. A new review resolves the old reminder.
    services.review_record(
        family=family,
        lead=lead_a,
        decision="monitor",
        rationale="Nog eens.",
        next_review_on=today + datetime.timedelta(days=1),
    )
    notify_due(today=today)
    assert told.count() == 2 and not told.unread().exists()


def test_check_due_tells_the_contact_person(family, contact, today):
    support_plan_update(
        family=family,
        long_term_support=True,
        monitoring_interval_weeks=4,
        next_check_on=today + datetime.timedelta(days=1),
    )
    notify_due(today=today)
    assert not of_kind(K.CHECK_DUE).exists()
    notify_due(today=today + datetime.timedelta(days=1))
    notification = of_kind(K.CHECK_DUE).get()
    assert notification.recipient == contact
    assert "langdurige ondersteuning" in notification.message()


def test_a_life_phase_within_60_days_tells_the_contact_person(family, contact, today):
    turns_12 = today + datetime.timedelta(days=30)
    if (turns_12.month, turns_12.day) == (2, 29):
        turns_12 += datetime.timedelta(days=1)
    ChildFactory(
        family=family, first_name="Bram", birth_date=turns_12.replace(year=turns_12.year - 12)
    )
    notify_due(today=today)
    notification = of_kind(K.LIFE_PHASE).get()
    assert notification.recipient == contact
    assert "Bram: naar de middelbare school (12 jaar)" in notification.message()
    notify_due(today=today)
    assert of_kind(K.LIFE_PHASE).count() == 1


def test_no_contact_person_no_life_phase_or_quiet_news(family, today, risk, professional_a):
    ChildFactory(family=family, birth_date=today.replace(year=today.year - 4, day=1))
    record(family, professional_a, risk[0], severity=3)
    backdate(family, 60)
    notify_due(today=today)
    assert not of_kind(K.LIFE_PHASE).exists() and not of_kind(K.QUIET).exists()


@pytest.fixture
def attention_family(family, risk, professional_a):
    weight_two = next(c for c in risk if c.weight == 2)
    record(family, professional_a, weight_two, severity=2)
    return family


def test_a_quiet_family_tells_its_contact_person_until_something_is_logged(
    attention_family, contact, today, colleague_a
):
    family = attention_family
    backdate(family, 7 * 6 - 1)
    notify_due(today=today)
    assert not of_kind(K.QUIET).exists()  # 41 days: not yet quiet
    backdate(family, 7 * 6 + 1)
    notify_due(today=today)
    notification = of_kind(K.QUIET).get()
    assert notification.recipient == contact
    assert "Gaat het goed?" in notification.message()
    notify_due(today=today)
    assert of_kind(K.QUIET).count() == 1
    services.note_add(family=family, author=colleague_a, kind="advice", text="Even bellen?")
    assert not of_kind(K.QUIET).unread().exists()
    notify_due(today=today)
    assert of_kind(K.QUIET).count() == 1


def test_long_term_support_without_risks_can_be_quiet(family, contact, today):
    support_plan_update(family=family, long_term_support=True, monitoring_interval_weeks=8)
    backdate(family, 50)
    notify_due(today=today)
    assert of_kind(K.QUIET).get().recipient == contact


def test_a_family_without_worries_is_never_quiet(family, contact, today):
    backdate(family, 400)
    notify_due(today=today)
    assert not of_kind(K.QUIET).exists()


def test_the_quiet_weeks_are_a_setting(attention_family, contact, today, settings):
    settings.STAP0_QUIET_WEEKS = 2
    backdate(attention_family, 15)
    notify_due(today=today)
    assert of_kind(K.QUIET).exists()


def test_a_status_that_rose_by_new_thresholds_is_told_by_the_run(
    attention_family, org_a, lead_a, today
):
    Notification.objects.all().delete()
    thresholds_update(organisation=org_a, attention_threshold=2, accumulation_threshold=4)
    notify_due(today=today)
    assert list(of_kind(K.STATUS_UP).values_list("detail", flat=True)) == ["stapeling"]
    notify_due(today=today)
    assert of_kind(K.STATUS_UP).count() == 1


def test_a_contact_person_who_left_hears_nothing(family, contact, lead_a, today):
    Review.objects.create(
        family=family, lead=lead_a, decision="monitor", rationale="r", next_review_on=today
    )
    Membership.objects.filter(user=contact).update(is_active=False)
    notify_due(today=today)
    assert list(of_kind(K.REVIEW_DUE).values_list("recipient", flat=True)) == [lead_a.pk]
