"""The one home for writes about notifications and digest choices.

The floors above call `notify()` where an event happens (an answer, a decision, an acute
signal), and from a `hooks.due_events` provider for what a date makes due. One event is
one notification per person: the event key is unique per recipient, in the database.
"""

import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from families.scoping import reads_file
from organisations.models import Membership
from organisations.scoping import CASE_ROLES

from .models import DigestFrequency, DigestPreference, Notification, NotificationKind

logger = logging.getLogger(__name__)

DETAIL_MAX = 300


def _allowed_recipients(organisation, family, user_ids):
    """Of `user_ids`, who may open what the notification links to: active professionals and
    leads of the organisation (never anyone of another one).

    The family's need-to-know rule (its team and the leads) belongs here as well, through
    the families floor's scoping, once families have teams.
    """
    return set(
        Membership.objects.active()
        .filter(organisation=organisation, role__in=CASE_ROLES, user_id__in=user_ids)
        .values_list("user_id", flat=True)
    )


def _check(kind, event_key, url, family, organisation, detail):
    errors = {}
    if kind not in NotificationKind.values:
        errors["kind"] = _("Onbekende soort bericht.")
    if not event_key or len(event_key) > 200:
        errors["event_key"] = _(
            "Een bericht hoort bij één gebeurtenis (een sleutel van 1 tot 200 tekens)."
        )
    if not url or not url.startswith("/") or url.startswith("//") or len(url) > 300:
        errors["url"] = _("Een bericht verwijst naar een pagina binnen stap0.")
    if organisation is None:
        errors["organisation"] = _("Een bericht hoort bij een organisatie.")
    elif family is not None and family.organisation_id != organisation.pk:
        errors["family"] = _("Dit gezin hoort niet bij deze organisatie.")
    if "\x00" in detail:
        errors["detail"] = _("Tekst bevat ongeldige tekens.")
    if errors:
        raise ValidationError(errors)


def notify(
    *,
    kind,
    event_key,
    url,
    recipient=None,
    recipients=(),
    family=None,
    organisation=None,
    actor=None,
    due_on=None,
    detail="",
) -> int:
    """One notification per recipient for the event `event_key`; returns how many are new.

    `recipients` (users; or one `recipient`) who are not an active professional or lead of
    the organisation are left out, and so is the `actor` (no one is told what they did
    themselves). A second call with the same key adds nothing for whoever has it already,
    also when two transactions race: the database keeps one row per (recipient, key).
    Call it inside the transaction of the event, so that a rolled-back event tells no one.
    """
    organisation = organisation or (family.organisation if family is not None else None)
    detail = (detail or "").strip()
    _check(kind, event_key, url, family, organisation, detail)
    detail = detail if len(detail) <= DETAIL_MAX else detail[: DETAIL_MAX - 1] + "…"
    people = list(recipients)
    if recipient is not None:
        people.append(recipient)
    user_ids = {getattr(p, "pk", p) for p in people if p is not None}
    user_ids.discard(getattr(actor, "pk", None))
    if not user_ids:
        return 0
    user_ids &= _allowed_recipients(organisation, family, user_ids)
    have = set(
        Notification.objects.filter(recipient_id__in=user_ids, event_key=event_key).values_list(
            "recipient_id", flat=True
        )
    )
    new = [
        Notification(
            recipient_id=user_id,
            organisation=organisation,
            family=family,
            kind=kind,
            event_key=event_key,
            url=url,
            actor=actor,
            due_on=due_on,
            detail=detail,
        )
        for user_id in sorted(user_ids - have)
    ]
    # A concurrent call may have inserted the same (recipient, key) since the read above:
    # the unique constraint refuses it, and the refusal is ignored (ON CONFLICT DO NOTHING).
    Notification.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


AGREEMENT_EVENTS = {
    "assigned": NotificationKind.AGREEMENT_ASSIGNED,
    "due_soon": NotificationKind.AGREEMENT_DUE_SOON,
    "overdue": NotificationKind.AGREEMENT_OVERDUE,
}


def agreement_event_key(event, agreement_id, due_on=None):
    """The key of one agreement event: it holds the due date of the date-driven ones, so
    that a new date is a new event."""
    key = f"agreement:{agreement_id}:{event}"
    if event != "assigned":
        key = f"{key}:{due_on.isoformat() if due_on else '-'}"
    return key


def notify_agreement(
    *, event, agreement_id, recipient, family, url, due_on=None, detail="", actor=None
) -> int:
    """For the agreements that reviews end in (what, who, by when): tell the one who has to
    do it (signals.followup.agreements).

    - event "assigned": from the service that records the agreement, in its transaction,
      with `actor` the lead who recorded it (who is not told themselves);
    - event "due_soon" (from 2 days before `due_on`) and "overdue" (from the day after):
      from the `notifications.hooks.due_events` provider that `send_digests` runs.

    `agreement_id` is the agreement's public id; `detail` a short "what" (shown in the
    app only, never in an e-mail); `url` where to act. Need-to-know: someone who does not
    (or no longer) read the family's file is not told (`families.scoping.reads_file`).
    """
    if event not in AGREEMENT_EVENTS:
        raise ValidationError({"event": _("Onbekende gebeurtenis bij een afspraak.")})
    user = recipient if hasattr(recipient, "is_authenticated") else None
    if user is None and recipient is not None:
        user = get_user_model().objects.filter(pk=recipient).first()
    if family is not None and not reads_file(user, family):
        return 0
    return notify(
        kind=AGREEMENT_EVENTS[event],
        event_key=agreement_event_key(event, agreement_id, due_on),
        url=url,
        recipient=user,
        family=family,
        actor=actor,
        due_on=due_on,
        detail=detail,
    )


def mark_read(*, recipient, organisation, notifications=None, kinds=None) -> int:
    """The person saw them: in the list, or on the page they link to."""
    qs = Notification.objects.unread().for_member(recipient, organisation)
    if notifications is not None:
        if hasattr(notifications, "values"):  # a queryset: one UPDATE with a subquery
            qs = qs.filter(pk__in=notifications.values("pk"))
        else:
            qs = qs.filter(pk__in=[n.pk for n in notifications])
    if kinds is not None:
        qs = qs.filter(kind__in=kinds)
    return qs.update(read_at=timezone.now())


def mark_seen(*, recipient, organisation, kinds) -> int:
    """`mark_read` from a page that only reads (a GET: "Mijn vragen", "Mijn signalen"): in
    a savepoint of its own, so that a database that stays locked too long leaves them
    unread and the page is still shown, never a 500 (the access log's write after the page
    decides whether it is served, or the Dutch 503: organisations.middleware)."""
    try:
        with transaction.atomic():
            return mark_read(recipient=recipient, organisation=organisation, kinds=kinds)
    except DatabaseError:
        logger.warning("Berichten niet als gelezen gemarkeerd (database bezet)", exc_info=True)
        return 0


def resolve(*, family, kinds, except_key=None) -> int:
    """What they asked for was done (a review recorded, a note logged), or a newer event of
    the same kind replaces it (`except_key`): read for everyone."""
    done = Notification.objects.unread().filter(family=family, kind__in=kinds)
    if except_key is not None:
        done = done.exclude(event_key=except_key)
    return done.update(read_at=timezone.now())


def resolve_agreement(*, agreement_id) -> int:
    """The agreement was finished (done or not): what told anyone of it, its assignment and
    its reminders, is read for everyone; a closed agreement waits on nobody."""
    prefix = agreement_event_key("assigned", agreement_id).rsplit(":", 1)[0] + ":"
    return (
        Notification.objects.unread()
        .filter(kind__in=AGREEMENT_EVENTS.values(), event_key__startswith=prefix)
        .update(read_at=timezone.now())
    )


def resolve_all_but(*, kind, keep_keys) -> int:
    """Unread notifications of a date-driven `kind` whose event is no longer due (the review
    was recorded, the check date moved): read. `keep_keys`: the keys still due."""
    keep = set(keep_keys)
    unread = Notification.objects.unread().filter(kind=kind)
    stale = [pk for pk, key in unread.values_list("pk", "event_key") if key not in keep]
    now, done = timezone.now(), 0
    for start in range(0, len(stale), 500):  # SQLite takes a limited number of parameters
        done += Notification.objects.filter(pk__in=stale[start : start + 500]).update(read_at=now)
    return done


@transaction.atomic
def digest_preference_set(*, membership, frequency) -> DigestPreference:
    """A person's choice of digest (daily, weekly, off) for one organisation they work in."""
    if frequency not in DigestFrequency.values:
        raise ValidationError({"frequency": _("Kies dagelijks, wekelijks of nooit.")})
    if not membership.sees_cases:
        raise ValidationError(
            {"frequency": _("Alleen professionals en aandachtsfunctionarissen krijgen berichten.")}
        )
    preference, _created = DigestPreference.objects.update_or_create(
        membership=membership, defaults={"frequency": frequency}
    )
    return preference
