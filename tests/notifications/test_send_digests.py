"""send_digests: content-free digests, each claimed before it is sent, never sent twice."""

import datetime
import io
import smtplib
import threading
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import CommandError, ManagementUtility, call_command
from django.db import connection
from django.utils import timezone

from families.models import TeamMember
from notifications import digests, services
from notifications.models import Digest, DigestPreference, Notification, NotificationKind
from organisations.models import Membership, Role
from signals import services as signal_services
from signals.models import SignalCategory
from tests.factories import (
    ChildFactory,
    FamilyFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

K = NotificationKind
SECRETS = ("Gezin Geheimnaam", "Kindgeheim", "Beschrijving-geheim", "Afspraak-geheim")


def run(*args):
    out = io.StringIO()
    call_command("send_digests", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def weekly_today(settings):
    """Weekly digests are due today, whatever day the tests run."""
    settings.STAP0_DIGEST_WEEKDAY = timezone.localdate().weekday()
    settings.STAP0_BASE_URL = "https://stap0.example.nl"


@pytest.fixture
def family(org_a):
    family = FamilyFactory(organisation=org_a, name="Gezin Geheimnaam")
    ChildFactory(family=family, first_name="Kindgeheim")
    return family


@pytest.fixture
def waiting(family, professional_a, colleague_a, lead_a):
    """Something waits for the lead (an acute signal), the professional (an answer and an
    agreement) and the colleague (an open "kijk je mee?" request)."""
    category = SignalCategory.objects.filter(kind="risk", organisation__isnull=True).first()
    signal_services.observation_record(
        family=family,
        category=category,
        severity=3,
        observed_on=timezone.localdate(),
        observer=professional_a,
        description="Beschrijving-geheim",
        acute=True,
    )
    look = signal_services.look_request_create(
        family=family, requested_by=professional_a, requested_from=lead_a, message="Kijk je mee?"
    )
    signal_services.look_request_answer(
        request=look, author=lead_a, kind="different_view", text="Ik zie het anders."
    )
    # The agreement's owner reads the family's file (need-to-know).
    TeamMember.objects.create(family=family, user=professional_a, reason="added")
    services.notify_agreement(
        event="assigned",
        agreement_id="a1",
        recipient=professional_a,
        family=family,
        url=family.get_absolute_url(),
        detail="Afspraak-geheim",
    )
    signal_services.look_request_create(
        family=family, requested_by=professional_a, requested_from=colleague_a
    )
    return category


def by_recipient():
    return {m.to[0]: m for m in mail.outbox}


def test_content_free_digest_with_counts_and_one_link(waiting, professional_a, colleague_a, lead_a):
    output = run("--skip-due")
    mails = by_recipient()
    assert set(mails) == {professional_a.email, colleague_a.email, lead_a.email}
    for message in mails.values():
        text = message.subject + message.body
        for secret in (*SECRETS, waiting.name, waiting.code):
            assert secret not in text
        assert text.count("http") == 1
        assert "https://stap0.example.nl/berichten/" in message.body
        assert "Basisschool A" in message.body
    assert "1 antwoord op je vraag" in mails[professional_a.email].body
    assert "1 afspraak die op je wacht" in mails[professional_a.email].body
    assert "1 acuut signaal" in mails[lead_a.email].body
    assert "1 verzoek om mee te kijken" in mails[colleague_a.email].body
    assert "3 verstuurd" in output
    assert Digest.objects.filter(sent_at__isnull=False).count() == 3


def test_a_rerun_sends_nothing_twice(waiting):
    run("--skip-due")
    assert len(mail.outbox) == 3
    output = run("--skip-due")
    assert len(mail.outbox) == 3
    assert "0 verstuurd" in output and "3 al eerder geclaimd" in output


def test_leads_daily_professionals_weekly_each_their_own_choice(
    settings, waiting, professional_a, colleague_a, lead_a
):
    settings.STAP0_DIGEST_WEEKDAY = (timezone.localdate().weekday() + 1) % 7
    if settings.STAP0_DIGEST_WEEKDAY == 0:
        pytest.skip("on a Sunday every weekly digest of the week is due")
    DigestPreference.objects.create(
        membership=Membership.objects.get(user=colleague_a), frequency="daily"
    )
    DigestPreference.objects.create(membership=Membership.objects.get(user=lead_a), frequency="off")
    run("--skip-due")
    # The professional's weekly digest waits for its weekday; the colleague chose daily.
    assert set(by_recipient()) == {colleague_a.email}


def test_no_digest_without_news_or_without_e_mail(family, professional_a, lead_a):
    lead_a.email = ""
    lead_a.save()
    services.notify(kind=K.ACUTE, event_key="acute:x", url="/", recipient=lead_a, family=family)
    output = run("--skip-due")
    assert mail.outbox == []
    assert "1 zonder nieuws" in output  # the professional: nothing waits
    assert not Digest.objects.exists()


def test_period_for():
    monday = datetime.date(2026, 11, 30)
    assert digests.period_for("daily", monday, weekday=0) == "2026-11-30"
    assert digests.period_for("weekly", monday, weekday=0) == "2026-W49"
    assert digests.period_for("weekly", monday, weekday=2) is None  # not yet this week
    wednesday = monday + datetime.timedelta(days=2)
    assert digests.period_for("weekly", wednesday, weekday=0) == "2026-W49"  # made good
    assert digests.period_for("off", monday, weekday=0) is None


class Crash(BaseException):
    """The process dies: after the mail server took the message, before it is marked sent."""


def test_a_crash_halfway_leaves_one_claimed_unsent_that_only_retry_unsent_sends(waiting):
    original = LocmemBackend.send_messages
    calls = []

    def send_then_die(self, messages):
        calls.append(1)
        sent = original(self, messages)
        if len(calls) == 2:
            raise Crash
        return sent

    with mock.patch.object(LocmemBackend, "send_messages", send_then_die), pytest.raises(Crash):
        run("--skip-due")
    assert len(mail.outbox) == 2
    unsent = Digest.objects.get(sent_at__isnull=True)

    output = run("--skip-due")
    assert len(mail.outbox) == 3  # the third, never claimed before; not the unsent one
    assert "Geclaimd maar niet verzonden" in output and "--retry-unsent" in output
    assert unsent.period in output

    output = run("--skip-due", "--retry-unsent")
    assert len(mail.outbox) == 4
    assert "1 opnieuw verstuurd" in output
    unsent.refresh_from_db()
    assert unsent.sent_at is not None and unsent.attempts == 2
    run("--skip-due", "--retry-unsent")
    assert len(mail.outbox) == 4


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_a_refusing_mail_server_stops_the_run_and_exits_non_zero(settings, waiting):
    settings.EMAIL_BACKEND = "tests.notifications.test_send_digests.RefusingBackend"
    with pytest.raises(CommandError, match="weigerde"):
        run("--skip-due")
    digest = Digest.objects.get()  # the run stopped after the first refusal
    assert digest.sent_at is None and digest.error == "SMTPServerDisconnected"
    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(["manage.py", "send_digests", "--skip-due"]).execute()
    assert exit_.value.code == 1


class OneBadAddressBackend(LocmemBackend):
    def send_messages(self, messages):
        if any("annet" in address for m in messages for address in m.to):
            raise smtplib.SMTPRecipientsRefused({"annet@example.invalid": (550, b"no")})
        return super().send_messages(messages)


def test_one_refused_address_does_not_stop_the_others(settings, waiting, colleague_a):
    settings.EMAIL_BACKEND = "tests.notifications.test_send_digests.OneBadAddressBackend"
    with pytest.raises(CommandError):
        run("--skip-due")
    assert len(mail.outbox) == 2
    assert Digest.objects.get(sent_at__isnull=True).membership.user == colleague_a


def test_progress_for_long_runs(waiting):
    output = run("--skip-due", "--progress-every", "1")
    assert "3 samenvatting(en) te bekijken" in output
    assert "… 1/3 bekeken" in output and "… 2/3 bekeken" in output


def test_it_runs_the_due_step_first(family, lead_a, professional_a):
    """A review whose next date has come is a notification before the digest counts it."""
    from signals.models import Review

    Review.objects.create(
        family=family,
        lead=lead_a,
        decision="monitor",
        rationale="r",
        next_review_on=timezone.localdate(),
    )
    output = run()
    assert "Nieuwe herinneringen: beoordeling aan de beurt 1." in output
    assert Notification.objects.filter(kind=K.REVIEW_DUE, recipient=lead_a).exists()
    assert "1 beoordeling die aan de beurt is" in by_recipient()[lead_a.email].body


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_send_each_digest_once(settings):
    """Two runs at the same moment, each in its own connection: every digest once."""
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent transactions: run with DATABASE_URL=postgres://…")
    settings.STAP0_DIGEST_WEEKDAY = timezone.localdate().weekday()
    organisation = OrganisationFactory(name="Gelijktijdig")
    people = []
    for n in range(6):
        user = UserFactory(username=f"tegelijk{n}")
        MembershipFactory(
            user=user, organisation=organisation, role=Role.LEAD if n % 2 else Role.PROFESSIONAL
        )
        people.append(user)
    # Everyone reads the family's file: the digest counts what their list shows.
    family = FamilyFactory(organisation=organisation, team=people)
    for n, user in enumerate(people):
        services.notify(
            kind=K.ANSWER, event_key=f"answer:{n}", url="/", recipient=user, family=family
        )
    barrier = threading.Barrier(2)
    original = digests.unread_counts
    errors = []

    def counts_then_wait(memberships):
        found = original(memberships)
        barrier.wait(timeout=20)  # both runs have decided what to send before either claims
        return found

    def one_run():
        try:
            run("--skip-due")
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    with mock.patch.object(digests, "unread_counts", counts_then_wait):
        threads = [threading.Thread(target=one_run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert not errors
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in people)
    assert Digest.objects.filter(sent_at__isnull=False).count() == 6


def test_retry_unsent_sends_nobody_who_left_and_no_second_digest(waiting, professional_a):
    run("--skip-due")
    assert len(mail.outbox) == 3
    # Two unsent claims of earlier days: one of someone who left, one of the professional.
    Digest.objects.update(sent_at=None, period="2000-01-01")
    Membership.objects.filter(user=professional_a).update(is_active=False)
    output = run("--skip-due", "--retry-unsent")
    assert "2 opnieuw verstuurd" in output
    assert len(mail.outbox) == 5  # the two who are still there, once each
    assert not Digest.objects.filter(membership__user=professional_a).exists()


def test_the_digest_counts_only_what_the_list_shows(org_a, professional_a):
    """Need-to-know: a notification about a family whose file she no longer reads is not
    in her list, so not in her digest's counts either."""
    inside = FamilyFactory(organisation=org_a, name="Gezin Binnen", team=[professional_a])
    outside = FamilyFactory(organisation=org_a, name="Gezin Buiten")
    for family, key in ((inside, "in"), (outside, "out")):
        services.notify(
            kind=NotificationKind.ANSWER,
            event_key=key,
            url="/",
            recipient=professional_a,
            family=family,
        )
    membership = Membership.objects.get(user=professional_a, organisation=org_a)
    counts = digests.unread_counts([membership])
    assert counts[membership.pk] == {NotificationKind.ANSWER: 1}
