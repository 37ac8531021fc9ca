"""The one home for writes about families, children and the people around them.

Every function takes keyword-only arguments, validates with `full_clean` and
raises `ValidationError` (Dutch messages, keyed by field) before anything is
saved. Every write moves `Family.last_activity_at` forward: retention counts
from it, so other apps call `family_touch` when they write about a family.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisations.models import Membership
from organisations.scoping import CASE_ROLES
from organisations.shape import raise_errors, shape_errors

from .models import ChainPartner, Child, Family, NetworkMember, SupportCheck

CONTACT_PERSON_MESSAGE = gettext_lazy(
    "Kies als contactpersoon een actieve professional of aandachtsfunctionaris van je organisatie."
)

FAMILY_FIELDS = (
    "name",
    "contact_person",
    "long_term_support",
    "monitoring_interval_weeks",
    "next_check_on",
    "support_notes",
)
NETWORK_FIELDS = ("name", "relationship", "relationship_detail", "how_they_help", "contact")
PARTNER_FIELDS = (
    "organisation_name",
    "contact_person",
    "contact_details",
    "responsibility",
    "expectations",
    "consent_basis",
)


def _validate(obj, *, exclude=None):
    """The model's own shape rules (full_clean); raises them with their Dutch messages."""
    raise_errors(shape_errors(obj, exclude=exclude))


# Families ------------------------------------------------------------------


def _contact_person_ok(family):
    """The contact person is an active case member of the family's own organisation."""
    person = family.contact_person
    return person is None or (
        person.organisation_id == family.organisation_id
        and person.role in CASE_ROLES
        and Membership.objects.active().filter(pk=person.pk).exists()
    )


def _validate_family(family):
    # created_by is who pressed the button (or None for an import), never user input.
    errors = shape_errors(family, exclude=["created_by"])
    if "contact_person" not in errors and not _contact_person_ok(family):
        errors["contact_person"] = [CONTACT_PERSON_MESSAGE]
    raise_errors(errors)
    weeks = family.monitoring_interval_weeks
    if family.long_term_support and weeks and family.next_check_on is None:
        family.next_check_on = timezone.localdate() + datetime.timedelta(weeks=weeks)


@transaction.atomic
def family_create(
    *,
    organisation,
    name,
    created_by,
    contact_person=None,
    long_term_support=False,
    monitoring_interval_weeks=None,
    next_check_on=None,
    support_notes="",
) -> Family:
    family = Family(
        organisation=organisation,
        name=name,
        created_by=created_by,
        contact_person=contact_person,
        long_term_support=bool(long_term_support),
        monitoring_interval_weeks=monitoring_interval_weeks,
        next_check_on=next_check_on,
        support_notes=support_notes or "",
    )
    _validate_family(family)
    family.save()
    return family


def _apply_changes(obj, changes, *, allowed):
    """Set `changes` on `obj`, refusing any field that is not in `allowed`."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValidationError(_("Onbekend veld: %(names)s") % {"names": ", ".join(sorted(unknown))})
    for field, value in changes.items():
        setattr(obj, field, value)


@transaction.atomic
def family_update(*, family, **changes) -> Family:
    """Changes the family's name, contact person, support plan or notes."""
    _apply_changes(family, changes, allowed=FAMILY_FIELDS)
    _validate_family(family)
    family.last_activity_at = timezone.now()
    family.save()
    return family


def support_plan_update(
    *, family, long_term_support, monitoring_interval_weeks=None, next_check_on=None
) -> Family:
    """Long-term support: with an interval but no date, the next check is today + interval."""
    return family_update(
        family=family,
        long_term_support=bool(long_term_support),
        monitoring_interval_weeks=monitoring_interval_weeks,
        next_check_on=next_check_on,
    )


def family_touch(*, family) -> None:
    """Moves the family's last activity to now; call it on every write about the family."""
    now = timezone.now()
    Family.objects.filter(pk=family.pk).update(last_activity_at=now)
    family.last_activity_at = now


# Long-term support: the check ------------------------------------------------

NO_LONG_TERM_SUPPORT = gettext_lazy(
    "Dit gezin heeft geen langdurige ondersteuning, dus ook geen controles. Zet langdurige "
    "ondersteuning aan bij 'Gezin wijzigen'."
)


def next_check_after(family, checked_on):
    """The next check: the day of this one plus the monitoring interval (none without one)."""
    weeks = family.monitoring_interval_weeks
    return checked_on + datetime.timedelta(weeks=weeks) if weeks else None


@transaction.atomic
def support_check_record(*, family, checked_on, outcome, findings, recorded_by) -> SupportCheck:
    """Record a check of long-term support ("controle vastleggen"): what was found, in words.

    The family's next check follows from its latest check and the interval, which clears
    "controle te laat".
    """
    check = SupportCheck(
        family=family,
        checked_on=checked_on,
        outcome=outcome,
        findings=findings,
        recorded_by=recorded_by,
    )
    errors = shape_errors(check, exclude=["recorded_by", "next_check_on"])
    if not family.long_term_support:
        errors.setdefault("__all__", []).append(NO_LONG_TERM_SUPPORT)
    if (
        not Membership.objects.active()
        .filter(user=recorded_by, organisation=family.organisation_id, role__in=CASE_ROLES)
        .exists()
    ):
        errors["recorded_by"] = [
            _("Alleen een professional of aandachtsfunctionaris van deze organisatie kan dit.")
        ]
    raise_errors(errors)
    check.next_check_on = next_check_after(family, check.checked_on)
    check.save()
    latest = family.checks.order_by("-checked_on", "-pk").first()
    family.next_check_on = latest.next_check_on
    family.last_activity_at = timezone.now()
    Family.objects.filter(pk=family.pk).update(
        next_check_on=family.next_check_on, last_activity_at=family.last_activity_at
    )
    return check


# Children ------------------------------------------------------------------


@transaction.atomic
def child_add(*, family, first_name, birth_date, group_name="") -> Child:
    child = Child(
        family=family, first_name=first_name, birth_date=birth_date, group_name=group_name
    )
    _validate(child)
    child.save()
    family_touch(family=family)
    return child


@transaction.atomic
def child_update(*, child, first_name, birth_date, group_name="") -> Child:
    child.first_name, child.birth_date, child.group_name = first_name, birth_date, group_name
    _validate(child)
    child.save()
    family_touch(family=child.family)
    return child


def child_has_entries(child) -> bool:
    """Whether something recorded points at this child (an observation, say): such a child
    stays. Read from the relations that refuse deletion, so that this floor names no app
    above it."""
    for relation in child._meta.related_objects:
        if relation.on_delete not in (models.PROTECT, models.RESTRICT):
            continue
        manager = relation.related_model._default_manager
        if manager.filter(**{relation.field.name: child}).exists():
            return True
    return False


CHILD_HAS_ENTRIES = gettext_lazy(
    "Over dit kind is al iets vastgelegd. Het blijft daarom staan; wat er over het kind "
    "is vastgelegd, wordt nooit verwijderd."
)


@transaction.atomic
def child_remove(*, child) -> None:
    """Removes a child about whom nothing was recorded (for instance one who left school)."""
    if child_has_entries(child):
        raise ValidationError(CHILD_HAS_ENTRIES)
    family = child.family
    try:
        with transaction.atomic():
            child.delete()
    except (ProtectedError, RestrictedError):
        # Something was recorded about the child meanwhile.
        raise ValidationError(CHILD_HAS_ENTRIES) from None
    family_touch(family=family)


# The informal network --------------------------------------------------------


@transaction.atomic
def network_member_add(
    *, family, name, relationship, relationship_detail="", how_they_help="", contact=""
) -> NetworkMember:
    member = NetworkMember(
        family=family,
        name=name,
        relationship=relationship,
        relationship_detail=relationship_detail,
        how_they_help=how_they_help,
        contact=contact,
    )
    _validate(member)
    member.save()
    family_touch(family=family)
    return member


@transaction.atomic
def network_member_update(*, member, **changes) -> NetworkMember:
    _apply_changes(member, changes, allowed=NETWORK_FIELDS)
    _validate(member)
    member.save()
    family_touch(family=member.family)
    return member


@transaction.atomic
def network_member_remove(*, member) -> None:
    family = member.family
    member.delete()
    family_touch(family=family)


# Chain partners --------------------------------------------------------------


@transaction.atomic
def chain_partner_add(
    *,
    family,
    organisation_name,
    responsibility,
    contact_person="",
    contact_details="",
    expectations="",
    consent_basis="",
) -> ChainPartner:
    partner = ChainPartner(
        family=family,
        organisation_name=organisation_name,
        responsibility=responsibility,
        contact_person=contact_person,
        contact_details=contact_details,
        expectations=expectations,
        consent_basis=consent_basis,
    )
    _validate(partner)
    partner.save()
    family_touch(family=family)
    return partner


@transaction.atomic
def chain_partner_update(*, partner, **changes) -> ChainPartner:
    _apply_changes(partner, changes, allowed=PARTNER_FIELDS)
    _validate(partner)
    partner.save()
    family_touch(family=partner.family)
    return partner


@transaction.atomic
def chain_partner_remove(*, partner) -> None:
    family = partner.family
    partner.delete()
    family_touch(family=family)
