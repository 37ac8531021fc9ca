"""Rules of the signals services that span objects; the shape of each value is the models'
(organisations.shape)."""

from organisations.models import Membership
from organisations.scoping import CASE_ROLES


def is_case_member(user, organisation):
    """An active professional or lead of `organisation`."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return (
        Membership.objects.active()
        .filter(user=user, organisation=organisation, role__in=CASE_ROLES)
        .exists()
    )
