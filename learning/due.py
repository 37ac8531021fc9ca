"""When the contact person is invited to write what worked (notifications.hooks.due_events,
run by send_digests and by load_demo):

- the family's status fell from attention or accumulation to quiet ("geen") and stayed
  there for three months: quiet today and 30, 60 and 90 days ago, and in attention or
  accumulation at some point 120 to 180 days ago (monthly points);
- or a review decided "afgesloten" after an earlier review that decided "hulp
  georganiseerd".

Idempotent: one invitation per family and reason (WhatWorked's constraint)."""

import datetime

from django.db.models import Exists, OuterRef

from families.models import Family
from organisations.models import Organisation
from signals.accumulation import ACCUMULATION, ATTENTION, NONE, assess_families
from signals.reviews.models import Decision, Review

from .models import WhatWorkedReason
from .services import what_worked_invite

QUIET_DAYS = (0, 30, 60, 90)
BEFORE_DAYS = (120, 150, 180)


def _statuses(families, organisation, as_of):
    return dict(
        assess_families(families, as_of=as_of, organisations=[organisation]).values_list(
            "pk", "status"
        )
    )


def improved_families(organisation, *, today):
    """The organisation's families (with a contact person) that fell to quiet and stayed."""
    families = Family.objects.filter(
        organisation=organisation, contact_person__isnull=False
    ).exclude(what_worked__reason=WhatWorkedReason.IMPROVED)
    quiet = None
    for days in QUIET_DAYS:
        statuses = _statuses(families, organisation, today - datetime.timedelta(days=days))
        now_quiet = {pk for pk, status in statuses.items() if status == NONE}
        quiet = now_quiet if quiet is None else quiet & now_quiet
        if not quiet:
            return []
    worried = set()
    for days in BEFORE_DAYS:
        statuses = _statuses(
            families.filter(pk__in=quiet), organisation, today - datetime.timedelta(days=days)
        )
        worried |= {pk for pk, status in statuses.items() if status in (ATTENTION, ACCUMULATION)}
    return list(families.filter(pk__in=worried).select_related("contact_person__user"))


def closed_after_help(organisation):
    """Families whose review closed them after an earlier "hulp georganiseerd"."""
    helped = Review.objects.filter(
        family=OuterRef("family"),
        decision=Decision.HELP_ARRANGED,
        created_at__lt=OuterRef("created_at"),
    )
    closing = Review.objects.filter(decision=Decision.CLOSED).filter(Exists(helped))
    return list(
        Family.objects.filter(organisation=organisation, contact_person__isnull=False)
        .filter(pk__in=closing.values("family_id"))
        .exclude(what_worked__reason=WhatWorkedReason.HELP_CLOSED)
        .select_related("contact_person__user")
    )


def invite_due(*, today):
    created = 0
    for organisation in Organisation.objects.all():
        for family in improved_families(organisation, today=today):
            created += _invite(family, WhatWorkedReason.IMPROVED)
        for family in closed_after_help(organisation):
            created += _invite(family, WhatWorkedReason.HELP_CLOSED)
    return {"what_worked": created}


def _invite(family, reason):
    # The candidates exclude families already invited for `reason`: no query per family.
    return int(what_worked_invite(family=family, reason=reason) is not None)
