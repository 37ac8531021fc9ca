"""Retention: a family's file is kept for its organisation's retention period after
its last activity (Organisation.retention_years, default 5), then purged."""

import datetime

from django.utils import timezone

from families.models import Family
from organisations import audit
from organisations.models import AccessAction, Organisation
from signals.observations.immutability import purge_allowed

PURGE_ACTOR = "purge_expired"


def years_before(moment, years):
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February in a year that has none
        return moment.replace(year=moment.year - years, day=28)


def expired_families(*, now=None):
    """Families whose last activity is older than their organisation's retention period."""
    now = now or timezone.now()
    expired = Family.objects.none()
    for organisation in Organisation.objects.all():
        cutoff = years_before(now, organisation.retention_years)
        expired = expired | Family.objects.filter(
            organisation=organisation, last_activity_at__lt=cutoff
        )
    return expired.select_related("organisation").order_by("last_activity_at", "pk")


def purge_family(family) -> datetime.datetime:
    """Delete the family with everything under it and log the deletion, without content.

    One transaction: the database's observation guard opens for it alone
    (signals.observations.immutability.purge_allowed), and the log entry commits with the deletion.
    """
    with purge_allowed():
        audit.log_access(
            None,
            AccessAction.DELETE,
            family_public_id=family.public_id,
            organisation=family.organisation,
            user=None,
            username=PURGE_ACTOR,
            object_type="family",
            object_id=str(family.public_id),
        )
        last_activity = family.last_activity_at
        family.delete()
    return last_activity
