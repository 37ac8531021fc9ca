"""The agreements that reviews end in, told to whoever carries them out (design.md,
"Follow-up: nothing sinks away"): when one is assigned (from the review's transaction,
`signals.reviews.agreements.assigned`), two days before its date and once it is past
(`notify_due`, which send_digests runs).

One notification per person per event: the key names the agreement, the event and, for the
date-driven ones, the date (notifications.services.agreement_event_key); the database keeps
one row per (recipient, key), also when two runs race. Need-to-know: only its owner hears of
it, and only while they read the family's file (notify_agreement checks).
"""

import datetime

from django.urls import reverse

from notifications.models import NotificationKind
from notifications.services import agreement_event_key, notify_agreement, resolve_all_but
from signals.reviews.models import Agreement

# "Due in 2 days": from this many days before its date until the date itself.
DUE_SOON_DAYS = 2


def _url(agreement):
    return reverse("signals:agreement_close", kwargs={"public_id": agreement.public_id})


def tell_assigned(*, agreement):
    """Listener of `signals.reviews.agreements.assigned`: the owner hears of it, not the lead
    who recorded it (they know)."""
    notify_agreement(
        event="assigned",
        agreement_id=agreement.public_id,
        recipient=agreement.owner.user,
        family=agreement.family,
        url=_url(agreement),
        due_on=agreement.due_on,
        detail=agreement.what,
        actor=_actor(agreement),
    )


def _actor(agreement):
    """Who made the agreement: the review's lead; for one of a conversation with the parents
    (no review) a parent's agreement is followed up by whoever recorded it, its owner."""
    if agreement.review_id:
        return agreement.review.lead
    return agreement.owner.user if agreement.parent_role else None


def event_for(agreement, today):
    """ "overdue" once its date has passed, "due_soon" from two days before it, else None."""
    if agreement.due_on < today:
        return "overdue"
    if agreement.due_on <= today + datetime.timedelta(days=DUE_SOON_DAYS):
        return "due_soon"
    return None


def tell_due(today):
    """The open agreements due within two days or past their date: each owner hears once per
    event. A reminder whose agreement was finished (or got a later date) is marked read."""
    created = 0
    keep = {"due_soon": set(), "overdue": set()}
    due = (
        Agreement.objects.open()
        .filter(due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS))
        .select_related("family__organisation", "owner__user")
        .order_by("pk")
    )
    for agreement in due:
        event = event_for(agreement, today)
        keep[event].add(agreement_event_key(event, agreement.public_id, agreement.due_on))
        created += notify_agreement(
            event=event,
            agreement_id=agreement.public_id,
            recipient=agreement.owner.user,
            family=agreement.family,
            url=_url(agreement),
            due_on=agreement.due_on,
            detail=agreement.what,
        )
    resolve_all_but(kind=NotificationKind.AGREEMENT_DUE_SOON, keep_keys=keep["due_soon"])
    resolve_all_but(kind=NotificationKind.AGREEMENT_OVERDUE, keep_keys=keep["overdue"])
    return created
