"""What a date makes due, told once: notifications.hooks.due_events (send_digests runs it).

- review due (its last review's next date has come): every lead, and the contact person;
- long-term check due: the contact person;
- a child's life-phase transition (4, 12, 18) within 60 days: the contact person;
- a quiet family (nothing logged for STAP0_QUIET_WEEKS weeks): the contact person;
- a family that rose in status since its last review (also when thresholds changed): leads;
- an agreement due within 2 days, or past its date: whoever carries it out
  (signals.followup.agreements).

A reminder whose reason went away (a review recorded, the check date moved, something
logged) is marked read.
"""

from django.conf import settings
from django.utils.translation import override

from families.models import Child, Family
from families.selectors import children_with_transition_within, upcoming_transitions
from notifications.models import NotificationKind
from notifications.services import notify, resolve_all_but
from signals.followup import agreements, selectors
from signals.followup.events import (
    contact_user,
    explanation_url,
    leads_by_organisation,
    tell_status_rises,
)

TRANSITION_DAYS = 60


def _review_due(today, leads):
    created, keys = 0, set()
    for family in selectors.reviews_due(Family.objects.all(), today=today):
        key = f"review_due:{family.due_review_public_id}"
        keys.add(key)
        common = {
            "kind": NotificationKind.REVIEW_DUE,
            "event_key": key,
            "family": family,
            "due_on": family.due_review_on,
        }
        lead_ids = leads.get(family.organisation_id, [])
        created += notify(url=explanation_url(family), recipients=lead_ids, **common)
        contact = contact_user(family)
        if contact is not None and contact not in lead_ids:
            created += notify(url=family.get_absolute_url(), recipient=contact, **common)
    resolve_all_but(kind=NotificationKind.REVIEW_DUE, keep_keys=keys)
    return created


def _check_due(today):
    created, keys = 0, set()
    families = Family.objects.filter(contact_person__isnull=False)
    for family in selectors.checks_due(families, today=today):
        key = f"check_due:{family.public_id}:{family.next_check_on.isoformat()}"
        keys.add(key)
        created += notify(
            kind=NotificationKind.CHECK_DUE,
            event_key=key,
            url=family.get_absolute_url(),
            recipient=contact_user(family),
            family=family,
            due_on=family.next_check_on,
        )
    resolve_all_but(kind=NotificationKind.CHECK_DUE, keep_keys=keys)
    return created


def _life_phases(today):
    created, keys = 0, set()
    children = children_with_transition_within(
        Child.objects.filter(family__contact_person__isnull=False).select_related(
            "family__contact_person"
        ),
        today=today,
        days=TRANSITION_DAYS,
    )
    for child in children.order_by("pk"):
        family = child.family
        for transition in upcoming_transitions([child], today=today, within_days=TRANSITION_DAYS):
            key = f"life_phase:{child.public_id}:{transition.age}"
            keys.add(key)
            with override(settings.LANGUAGE_CODE):
                detail = f"{child.first_name}: {transition.label}"
            created += notify(
                kind=NotificationKind.LIFE_PHASE,
                event_key=key,
                url=family.get_absolute_url(),
                recipient=contact_user(family),
                family=family,
                due_on=transition.date,
                detail=detail,
            )
    resolve_all_but(kind=NotificationKind.LIFE_PHASE, keep_keys=keys)
    return created


def _quiet(today):
    created, keys = 0, set()
    families = selectors.quiet_families(
        Family.objects.filter(contact_person__isnull=False), today=today
    )
    for family in families:
        since = selectors.last_logged_at(family)
        key = f"quiet:{family.public_id}:{since.date().isoformat()}"
        keys.add(key)
        created += notify(
            kind=NotificationKind.QUIET,
            event_key=key,
            url=family.get_absolute_url(),
            recipient=contact_user(family),
            family=family,
            due_on=since.date(),
        )
    resolve_all_but(kind=NotificationKind.QUIET, keep_keys=keys)
    return created


def notify_due(*, today):
    """Every due event, each told once; returns {what: new notifications}."""
    leads = leads_by_organisation()
    rises = selectors.status_rises(Family.objects.all(), today=today)
    return {
        "beoordeling aan de beurt": _review_due(today, leads),
        "controle aan de beurt": _check_due(today),
        "levensfase": _life_phases(today),
        "stil gezin": _quiet(today),
        "hogere status": tell_status_rises(rises, leads=leads),
        "afspraak bijna of over de datum": agreements.tell_due(today),
    }
