"""Digest e-mails: counts and one link, never a name, a description or a category.

A digest is claimed in the database (a `Digest` row, unique per membership and period)
before it is handed to the mail server, and marked sent after. So a rerun, a second run
at the same time, or a run after a crash never sends one twice; a crash between the claim
and the mark leaves a claimed-but-unsent row, which every run reports and only
`--retry-unsent` sends again (it may have gone out just before the crash).
"""

import contextlib
import smtplib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from organisations.models import Membership
from organisations.scoping import CASE_ROLES

from . import hooks
from .models import Digest, DigestFrequency, Notification, NotificationKind
from .selectors import about_files_they_read, frequency_for

K = NotificationKind


def _lines():
    """(kinds, line) in the digest's order; a line takes the count `n` (and `weeks`)."""
    return (
        ((K.ACUTE,), lambda n: ngettext("%(n)d acuut signaal", "%(n)d acute signalen", n)),
        (
            (K.STATUS_UP,),
            lambda n: ngettext(
                "%(n)d gezin dat op een hogere status kwam (aandacht of stapeling)",
                "%(n)d gezinnen die op een hogere status kwamen (aandacht of stapeling)",
                n,
            ),
        ),
        (
            (K.ANSWER,),
            lambda n: ngettext("%(n)d antwoord op je vraag", "%(n)d antwoorden op je vragen", n),
        ),
        (
            (K.DECISION,),
            lambda n: ngettext(
                "%(n)d besluit over een gezin waarover je iets vastlegde",
                "%(n)d besluiten over gezinnen waarover je iets vastlegde",
                n,
            ),
        ),
        (
            (K.AGREEMENT_ASSIGNED, K.AGREEMENT_DUE_SOON, K.AGREEMENT_OVERDUE),
            lambda n: ngettext(
                "%(n)d afspraak die op je wacht", "%(n)d afspraken die op je wachten", n
            ),
        ),
        (
            (K.REVIEW_DUE,),
            lambda n: ngettext(
                "%(n)d beoordeling die aan de beurt is",
                "%(n)d beoordelingen die aan de beurt zijn",
                n,
            ),
        ),
        (
            (K.CHECK_DUE,),
            lambda n: ngettext(
                "%(n)d controle van langdurige ondersteuning",
                "%(n)d controles van langdurige ondersteuning",
                n,
            ),
        ),
        (
            (K.LIFE_PHASE,),
            lambda n: ngettext(
                "%(n)d kind dat binnenkort een nieuwe levensfase ingaat",
                "%(n)d kinderen die binnenkort een nieuwe levensfase ingaan",
                n,
            ),
        ),
        (
            (K.QUIET,),
            lambda n: ngettext(
                "%(n)d gezin waarover al %(weeks)d weken niets is vastgelegd",
                "%(n)d gezinnen waarover al %(weeks)d weken niets is vastgelegd",
                n,
            ),
        ),
        (
            (K.MATCH, K.CONSENT),
            lambda n: ngettext(
                "%(n)d bericht over samenwerken met een andere organisatie",
                "%(n)d berichten over samenwerken met andere organisaties",
                n,
            ),
        ),
        (
            (K.HANDOVER,),
            lambda n: ngettext(
                "%(n)d warme overdracht die op je wacht",
                "%(n)d warme overdrachten die op je wachten",
                n,
            ),
        ),
        (
            (K.WHAT_WORKED,),
            lambda n: ngettext(
                "%(n)d gezin waarmee het beter gaat: wat werkte?",
                "%(n)d gezinnen waarmee het beter gaat: wat werkte?",
                n,
            ),
        ),
    )


def period_for(frequency, day, *, weekday=None):
    """The period a digest of `frequency` sent on `day` belongs to, or None (none due).

    Daily: the date. Weekly: the ISO week, from its `weekday` (0 = Monday) on, so that a
    run missed on that day is made good later in the same week.
    """
    weekday = settings.STAP0_DIGEST_WEEKDAY if weekday is None else weekday
    if frequency == DigestFrequency.DAILY:
        return day.isoformat()
    if frequency == DigestFrequency.WEEKLY and day.weekday() >= weekday:
        year, week, _day = day.isocalendar()
        return f"{year}-W{week:02d}"
    return None


def candidates():
    """Memberships that may get a digest: active professionals and leads with an e-mail."""
    return (
        Membership.objects.active()
        .filter(role__in=CASE_ROLES)
        .exclude(user__email="")
        .select_related("user", "organisation", "digest_preference")
        .order_by("pk")
    )


def unread_counts(memberships):
    """{membership.pk: Counter(kind: n)} of unread notifications, counted as each person's
    list shows them (need-to-know: none about a family whose file they do not read, the
    same rule as `selectors.visible_notifications`): one query per membership."""
    counts = defaultdict(Counter)
    for membership in memberships:
        unread = about_files_they_read(
            Notification.objects.unread().for_member(
                membership.user_id, membership.organisation_id
            ),
            membership,
        )
        rows = unread.values_list("kind").order_by().annotate(n=Count("pk"))
        for kind, n in rows:
            counts[membership.pk][kind] += n
    return counts


def lines_for(kind_counts, extra=()):
    """The digest's lines: [(text)], counts only, in a fixed order."""
    lines = []
    for kinds, line in _lines():
        n = sum(kind_counts.get(k, 0) for k in kinds)
        if n:
            lines.append(line(n) % {"n": n, "weeks": settings.STAP0_QUIET_WEEKS})
    lines.extend(text for text, n in extra if n)
    return lines


def compose(membership, lines, frequency):
    """(subject, body) of one digest, in the site's language."""
    link = settings.STAP0_BASE_URL.rstrip("/") + reverse("notifications:list")
    first_name = membership.user.first_name
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("stap0: er wacht iets op je")
        how_often = {
            DigestFrequency.DAILY: _("dagelijks"),
            DigestFrequency.WEEKLY: _("wekelijks"),
        }.get(frequency, "")
        body = "\n".join(
            [
                _("Hallo %(name)s,") % {"name": first_name} if first_name else _("Hallo,"),
                "",
                _("In stap0 wacht er iets op je bij %(organisation)s:")
                % {"organisation": membership.organisation.name},
                "",
                *[f"  - {line}" for line in lines],
                "",
                _("Log in om te zien wat het is:"),
                link,
                "",
                _(
                    "Deze e-mail bevat bewust geen namen en geen inhoud. Je krijgt deze "
                    "samenvatting %(how_often)s; hoe vaak, kies je in stap0 onder Instellingen."
                )
                % {"how_often": how_often},
            ]
        )
    return subject, body


@dataclass
class Result:
    sent: int = 0
    already: int = 0  # claimed earlier (sent, or by another run)
    nothing: int = 0  # nothing waits for them
    not_due: int = 0  # off, or not their day
    failed: int = 0
    unsent: list = field(default_factory=list)  # claimed but never marked sent
    retried: int = 0


class MailRefused(Exception):
    """The mail server did not take a digest; the run stops (except for one bad address)."""


class DigestRun:
    """One run of `send_digests`. `out(line)` prints progress."""

    def __init__(self, *, today=None, retry_unsent=False, out=print, progress_every=100):
        self.today = today or timezone.localdate()
        self.retry_unsent = retry_unsent
        self.out = out
        self.progress_every = progress_every
        self.result = Result()
        self.connection = None
        self.stopped = None
        self.retried_members = set()

    def run(self):
        self.connection = get_connection(fail_silently=False)
        try:
            self._report_unsent()
            if self.retry_unsent and self.stopped is None:
                self._retry()
            if self.stopped is None:
                self._send_due()
        finally:
            with contextlib.suppress(Exception):  # a broken connection must not hide why
                self.connection.close()
        return self.result

    # -- claimed but unsent ------------------------------------------------------------

    def _report_unsent(self):
        unsent = list(
            Digest.objects.filter(sent_at__isnull=True)
            .select_related("membership__user")
            .order_by("claimed_at", "pk")
        )
        self.result.unsent = unsent
        for digest in unsent:
            self.out(
                _(
                    "Geclaimd maar niet verzonden: samenvatting %(period)s voor %(user)s "
                    "(geclaimd %(at)s, poging %(attempts)d%(error)s)."
                )
                % {
                    "period": digest.period,
                    "user": digest.membership.user.get_username(),
                    "at": timezone.localtime(digest.claimed_at).strftime("%Y-%m-%d %H:%M"),
                    "attempts": digest.attempts,
                    "error": f", {digest.error}" if digest.error else "",
                }
            )
        if unsent and not self.retry_unsent:
            self.out(
                _(
                    "%(n)d samenvatting(en) geclaimd maar niet verzonden: misschien toch al "
                    "verstuurd vlak voor een storing. Verstuur ze opnieuw met --retry-unsent."
                )
                % {"n": len(unsent)}
            )

    def _retry(self):
        for digest in self.result.unsent:
            # Compare-and-set: of two runs retrying at once, one takes it.
            taken = Digest.objects.filter(
                pk=digest.pk, sent_at__isnull=True, attempts=digest.attempts
            ).update(attempts=digest.attempts + 1, claimed_at=timezone.now(), error="")
            if not taken:
                continue
            # Still someone who may get one (active, professional or lead, with an e-mail)?
            membership = candidates().filter(pk=digest.membership_id).first()
            lines = self._lines_for([membership])[membership.pk] if membership else []
            if not lines:
                # Nobody to send it to, or nothing waits any more: the claim goes.
                Digest.objects.filter(pk=digest.pk).delete()
                continue
            digest.attempts += 1
            self.retried_members.add(membership.pk)  # not a second digest in this run
            if self._send(digest, membership, lines):
                self.result.retried += 1
            if self.stopped is not None:
                return

    # -- what is due now --------------------------------------------------------------

    def _lines_for(self, memberships):
        counts = unread_counts(memberships)
        extra = defaultdict(list)
        for provider in hooks.digest_counts:
            for membership_id, found in provider(memberships).items():
                extra[membership_id].extend(found)
        with translation.override(settings.LANGUAGE_CODE):
            return {m.pk: lines_for(counts.get(m.pk, {}), extra.get(m.pk, ())) for m in memberships}

    def _send_due(self):
        due = []
        for membership in candidates():
            frequency = frequency_for(membership)
            period = period_for(frequency, self.today)
            if period is None:
                self.result.not_due += 1
            else:
                due.append((membership, frequency, period))
        claimed = set(
            Digest.objects.filter(
                membership_id__in=[m.pk for m, _f, _p in due],
                period__in={p for _m, _f, p in due},
            ).values_list("membership_id", "period")
        )
        todo = []
        for membership, frequency, period in due:
            if (membership.pk, period) in claimed or membership.pk in self.retried_members:
                self.result.already += 1
            else:
                todo.append((membership, frequency, period))
        total = len(todo)
        self.out(
            _("%(n)d samenvatting(en) te bekijken (%(date)s).")
            % {"n": total, "date": self.today.isoformat()}
        )
        lines = self._lines_for([m for m, _f, _p in todo])
        for done, (membership, frequency, period) in enumerate(todo, start=1):
            self._one(membership, frequency, period, lines[membership.pk])
            if self.stopped is not None:
                return
            if done % self.progress_every == 0 and done < total:
                self.out(
                    _("… %(done)d/%(total)d bekeken, %(sent)d verstuurd")
                    % {"done": done, "total": total, "sent": self.result.sent}
                )

    def _one(self, membership, frequency, period, lines):
        if not lines:
            self.result.nothing += 1
            return
        digest = self._claim(membership, frequency, period, len(lines))
        if digest is None:
            self.result.already += 1
            return
        if self._send(digest, membership, lines):
            self.result.sent += 1

    def _claim(self, membership, frequency, period, items):
        """The claim, committed before the mail goes out; None when another run has it."""
        try:
            with transaction.atomic():
                return Digest.objects.create(
                    membership=membership,
                    period=period,
                    frequency=frequency,
                    claimed_at=timezone.now(),
                    items=items,
                )
        except IntegrityError:
            return None

    def _send(self, digest, membership, lines):
        subject, body = compose(membership, lines, digest.frequency)
        message = EmailMessage(
            subject,
            body,
            settings.DEFAULT_FROM_EMAIL,
            [membership.user.email],
            connection=self.connection,
        )
        try:
            delivered = self.connection.send_messages([message])
            if not delivered:
                raise MailRefused("send_messages: 0")
        except (smtplib.SMTPException, OSError, MailRefused) as exc:
            Digest.objects.filter(pk=digest.pk).update(error=type(exc).__name__[:200])
            self.result.failed += 1
            self.out(
                _("De mailserver weigerde de samenvatting voor %(user)s: %(error)s.")
                % {"user": membership.user.get_username(), "error": type(exc).__name__}
            )
            if not isinstance(exc, smtplib.SMTPRecipientsRefused):
                self.stopped = exc  # the server itself: the others would fail too
            return False
        Digest.objects.filter(pk=digest.pk).update(sent_at=timezone.now(), error="")
        return True


def summary(result):
    return _(
        "Klaar: %(sent)d verstuurd, %(retried)d opnieuw verstuurd, %(already)d al eerder "
        "geclaimd, %(nothing)d zonder nieuws, %(not_due)d niet aan de beurt, %(failed)d "
        "geweigerd, %(unsent)d geclaimd maar niet verzonden gevonden."
    ) % {
        "sent": result.sent,
        "retried": result.retried,
        "already": result.already,
        "nothing": result.nothing,
        "not_due": result.not_due,
        "failed": result.failed,
        "unsent": len(result.unsent),
    }
