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

from .models import ChainPartner, Child, Family, NetworkMember, Relationship
from .selectors import age_on

# A child in this app is someone's child in care of a school, childcare or youth
# health care; beyond 23 it is almost certainly a typing error in the year.
MAX_CHILD_AGE = 23
# A monitoring interval longer than two years is not monitoring.
MAX_INTERVAL_WEEKS = 104

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
CHILD_FIELDS = ("first_name", "birth_date", "group_name")
NETWORK_FIELDS = ("name", "relationship", "relationship_detail", "how_they_help", "contact")
PARTNER_FIELDS = (
    "organisation_name",
    "contact_person",
    "contact_details",
    "responsibility",
    "expectations",
    "consent_basis",
)


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _required_text(errors, field, value, max_length, empty_message):
    """Adds a clear Dutch message for an empty or too long text; returns it stripped."""
    value = _strip(value) or ""
    if not value:
        errors.setdefault(field, []).append(empty_message)
    elif len(value) > max_length:
        errors.setdefault(field, []).append(
            _("Dit is te lang: hoogstens %(max)d tekens (nu %(n)d).")
            % {"max": max_length, "n": len(value)}
        )
    return value


def _max_length(model, field):
    return model._meta.get_field(field).max_length


def _raise_if(errors):
    if errors:
        raise ValidationError(errors)


def _today():
    return timezone.localdate()


# Families ------------------------------------------------------------------


def _check_contact_person(errors, family, contact_person):
    if contact_person is None:
        return
    ok = (
        isinstance(contact_person, Membership)
        and contact_person.organisation_id == family.organisation_id
        and contact_person.role in CASE_ROLES
        and Membership.objects.active().filter(pk=contact_person.pk).exists()
    )
    if not ok:
        errors.setdefault("contact_person", []).append(CONTACT_PERSON_MESSAGE)


def _apply_support_plan(errors, family):
    """Checks the support plan and fills in the next check when it can be derived."""
    weeks = family.monitoring_interval_weeks
    if weeks is not None:
        if not isinstance(weeks, int) or weeks < 1 or weeks > MAX_INTERVAL_WEEKS:
            errors.setdefault("monitoring_interval_weeks", []).append(
                _("Kies een interval van 1 tot en met %(max)d weken.") % {"max": MAX_INTERVAL_WEEKS}
            )
            return
    if family.long_term_support and weeks and family.next_check_on is None:
        family.next_check_on = _today() + datetime.timedelta(weeks=weeks)


def _validate_family(family, errors):
    family.name = _required_text(
        errors,
        "name",
        family.name,
        _max_length(Family, "name"),
        _("Vul een naam of kenmerk voor het gezin in (geen BSN)."),
    )
    family.support_notes = _strip(family.support_notes) or ""
    _check_contact_person(errors, family, family.contact_person)
    _apply_support_plan(errors, family)
    _raise_if(errors)
    # created_by is who pressed the button (or None for an import), never user input.
    family.full_clean(exclude=["created_by"])


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
    _validate_family(family, {})
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
    _validate_family(family, {})
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


# Children ------------------------------------------------------------------


def _validate_child(child):
    errors = {}
    child.first_name = _required_text(
        errors,
        "first_name",
        child.first_name,
        _max_length(Child, "first_name"),
        _("Vul een voornaam of initialen van het kind in."),
    )
    child.group_name = _strip(child.group_name) or ""
    if len(child.group_name) > _max_length(Child, "group_name"):
        errors["group_name"] = [
            _("Dit is te lang: hoogstens %(max)d tekens.")
            % {"max": _max_length(Child, "group_name")}
        ]
    birth_date = child.birth_date
    today = _today()
    if not isinstance(birth_date, datetime.date) or isinstance(birth_date, datetime.datetime):
        errors["birth_date"] = [_("Vul een geboortedatum in (dag-maand-jaar).")]
    elif birth_date > today:
        errors["birth_date"] = [_("De geboortedatum ligt in de toekomst. Controleer de datum.")]
    elif age_on(birth_date, today) > MAX_CHILD_AGE:
        errors["birth_date"] = [
            _("Dit kind zou ouder zijn dan %(max)d jaar. Controleer het geboortejaar.")
            % {"max": MAX_CHILD_AGE}
        ]
    _raise_if(errors)
    child.full_clean()


@transaction.atomic
def child_add(*, family, first_name, birth_date, group_name="") -> Child:
    child = Child(
        family=family, first_name=first_name, birth_date=birth_date, group_name=group_name
    )
    _validate_child(child)
    child.save()
    family_touch(family=family)
    return child


@transaction.atomic
def child_update(*, child, first_name, birth_date, group_name="") -> Child:
    child.first_name, child.birth_date, child.group_name = first_name, birth_date, group_name
    _validate_child(child)
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


def _validate_network_member(member):
    errors = {}
    member.name = _required_text(
        errors,
        "name",
        member.name,
        _max_length(NetworkMember, "name"),
        _("Vul de naam in van wie helpt."),
    )
    if member.relationship not in Relationship.values:
        errors["relationship"] = [_("Kies de relatie: familielid, buur, vriend(in) of anders.")]
    for field in ("relationship_detail", "how_they_help", "contact"):
        setattr(member, field, _strip(getattr(member, field)) or "")
    _raise_if(errors)
    member.full_clean()


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
    _validate_network_member(member)
    member.save()
    family_touch(family=family)
    return member


@transaction.atomic
def network_member_update(*, member, **changes) -> NetworkMember:
    _apply_changes(member, changes, allowed=NETWORK_FIELDS)
    _validate_network_member(member)
    member.save()
    family_touch(family=member.family)
    return member


@transaction.atomic
def network_member_remove(*, member) -> None:
    family = member.family
    member.delete()
    family_touch(family=family)


# Chain partners --------------------------------------------------------------


def _validate_partner(partner):
    errors = {}
    partner.organisation_name = _required_text(
        errors,
        "organisation_name",
        partner.organisation_name,
        _max_length(ChainPartner, "organisation_name"),
        _("Vul de naam van de organisatie in."),
    )
    partner.responsibility = _required_text(
        errors,
        "responsibility",
        partner.responsibility,
        5000,
        _("Beschrijf wat er met deze partner is afgesproken: wie doet wat."),
    )
    for field in ("contact_person", "contact_details", "expectations", "consent_basis"):
        setattr(partner, field, _strip(getattr(partner, field)) or "")
    _raise_if(errors)
    partner.full_clean()


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
    _validate_partner(partner)
    partner.save()
    family_touch(family=family)
    return partner


@transaction.atomic
def chain_partner_update(*, partner, **changes) -> ChainPartner:
    _apply_changes(partner, changes, allowed=PARTNER_FIELDS)
    _validate_partner(partner)
    partner.save()
    family_touch(family=partner.family)
    return partner


@transaction.atomic
def chain_partner_remove(*, partner) -> None:
    family = partner.family
    partner.delete()
    family_touch(family=family)
