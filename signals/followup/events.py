"""Telling people: who hears of which follow-up event, with which key and link.

Every key is stable, so that telling twice (a rerun, two requests at once) tells once.
"""

from collections import defaultdict

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from notifications.models import NotificationKind
from notifications.services import notify, resolve
from organisations.models import Membership
from signals.accumulation import STATUS_LABELS
from signals.followup import selectors


def leads_by_organisation(organisation_ids=None):
    """{organisation id: [user id of each active lead]}."""
    leads = Membership.objects.leads()
    if organisation_ids is not None:
        leads = leads.filter(organisation_id__in=organisation_ids)
    found = defaultdict(list)
    for organisation_id, user_id in leads.values_list("organisation_id", "user_id"):
        found[organisation_id].append(user_id)
    return found


def contact_user(family):
    """The user behind the family's fixed contact person, or None."""
    return family.contact_person.user_id if family.contact_person_id else None


def explanation_url(family):
    return reverse("signals:explanation", kwargs={"family_id": family.public_id})


def tell_status_rises(families, *, leads):
    """Leads hear that a family rose to attention or accumulation since its last review:
    once per status per review period (rows of `selectors.status_rises`)."""
    created = 0
    for family in families:
        with override(settings.LANGUAGE_CODE):
            label = str(STATUS_LABELS[family.status])
        key = f"status_up:{family.public_id}:{family.status}:{family.last_review_public_id or '-'}"
        new = notify(
            kind=NotificationKind.STATUS_UP,
            event_key=key,
            url=explanation_url(family),
            recipients=leads.get(family.organisation_id, ()),
            family=family,
            detail=label,
        )
        if new:  # "now accumulation" replaces "now attention"
            resolve(family=family, kinds=[NotificationKind.STATUS_UP], except_key=key)
        created += new
    return created


def after_observation(observation):
    """signals.observations.services.saved: a new version may lift the family's status."""
    family = observation.family
    rows = selectors.family_status_rises(family, today=timezone.localdate())
    if rows:
        tell_status_rises(rows, leads=leads_by_organisation([family.organisation_id]))
