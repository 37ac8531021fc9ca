"""The one home for writes about families, children and the people around them.

Every function takes keyword-only arguments, validates with `full_clean` and
raises `ValidationError` (Dutch messages, keyed by field) before anything is
saved. Every write moves `Family.last_activity_at` forward: retention counts
from it, so other apps call `family_touch` when they write about a family.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisations.hooks import Hook
from organisations.models import Membership, Role
from organisations.scoping import CASE_ROLES
from organisations.shape import raise_errors, shape_errors

from . import notify
from .models import (
    AccessRequest,
    AccessRequestStatus,
    ChainPartner,
    Child,
    Family,
    GlassBreak,
    NetworkMember,
    SupportCheck,
    TeamMember,
    TeamReason,
)

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
    # Who created the file and its contact person are its first team.
    _join(family, created_by, TeamReason.CREATED)
    if family.contact_person is not None:
        _join(family, family.contact_person.user, TeamReason.CONTACT)
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
    if family.contact_person is not None:
        _join(family, family.contact_person.user, TeamReason.CONTACT)
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
def child_add(*, family, first_name, birth_date, group_name="", last_name="") -> Child:
    child = Child(
        family=family,
        first_name=first_name,
        last_name=last_name or "",
        birth_date=birth_date,
        group_name=group_name,
    )
    _validate(child)
    child.save()
    family_touch(family=family)
    return child


# Listeners to "a child's name or birth date changed": each is called as listener(child=…)
# inside child_update's transaction, after the save; a ValidationError it raises refuses the
# change (collaboration fills it: a match rests on exactly these data).
child_identity_changed = Hook("child_identity_changed")


@transaction.atomic
def child_update(*, child, first_name, birth_date, group_name="", last_name=None) -> Child:
    # As stored: a ModelForm has already put the new values on the instance it was given.
    identity = ("first_name", "last_name", "birth_date")
    before = Child.objects.filter(pk=child.pk).values_list(*identity).first()
    child.first_name, child.birth_date, child.group_name = first_name, birth_date, group_name
    if last_name is not None:
        child.last_name = last_name
    _validate(child)
    child.save()
    if tuple(getattr(child, field) for field in identity) != before:
        for listener in child_identity_changed:
            listener(child=child)
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


# The team, access requests and "nu openen" (need-to-know, design.md) -----------------

ALREADY_ASKED = gettext_lazy(
    "Je hebt al toegang gevraagd. De contactpersoon of de aandachtsfunctionaris beslist."
)
# How long a file opened with "nu openen" stays open.
GLASS_BREAK_HOURS = 24
REASON_MAX = 1000


def _case_membership(user, organisation):
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return (
        Membership.objects.active()
        .filter(user=user, organisation=organisation, role__in=CASE_ROLES)
        .first()
    )


def _reason_text(errors, field, value, *, required, empty_message):
    value = "" if value is None else str(value)
    if "\x00" in value:
        errors.setdefault(field, []).append(_("Tekst bevat ongeldige tekens."))
        return value
    value = value.strip()
    if required and not value:
        errors.setdefault(field, []).append(empty_message)
    elif len(value) > REASON_MAX:
        errors.setdefault(field, []).append(
            _("Dit is te lang: hoogstens %(max)d tekens (nu %(n)d).")
            % {"max": REASON_MAX, "n": len(value)}
        )
    return value


def may_manage_team(user, family, *, membership=None):
    """The contact person and the leads add people to a family's team. `membership`: the
    user's active membership of the family's organisation when the caller has it (the
    request's, which the middleware checked), else it is read here."""
    if membership is None or membership.organisation_id != family.organisation_id:
        membership = _case_membership(user, family.organisation)
    if membership is None:
        return False
    return membership.role == Role.LEAD or family.contact_person_id == membership.pk


def _join(family, user, reason, *, added_by=None, note=""):
    """Puts a case member in the team (once); anyone else is left out quietly."""
    if _case_membership(user, family.organisation) is None:
        return None
    current = TeamMember.objects.current().filter(family=family, user=user).first()
    if current is not None:
        return current
    member = TeamMember(family=family, user=user, reason=reason, added_by=added_by, note=note)
    member.full_clean(validate_constraints=False)
    try:
        # Two requests may add the same person at once: the database keeps one.
        with transaction.atomic():
            member.save()
    except IntegrityError:
        return TeamMember.objects.current().get(family=family, user=user)
    return member


@transaction.atomic
def team_add(*, family, user, added_by, reason=TeamReason.ADDED, note="") -> TeamMember:
    """Puts `user` in the family's team: from then on they read its file.

    `reason` says why (TeamReason). A member added by hand (ADDED) is added by the contact
    person or a lead, with `note` saying why; the other reasons come from what people do
    (the app adds who logged or answered from within the file, who was asked to look).
    Adding someone who is already in the team returns their current membership.
    """
    errors = {}
    if reason not in TeamReason.values:
        errors["reason"] = [_("Onbekende reden.")]
    note = _reason_text(errors, "note", note, required=False, empty_message="")
    if _case_membership(user, family.organisation) is None:
        errors.setdefault("user", []).append(
            _("Kies een actieve professional of aandachtsfunctionaris van deze organisatie.")
        )
    if (
        reason == TeamReason.ADDED
        and added_by is not None
        and not may_manage_team(added_by, family)
    ):
        errors.setdefault("added_by", []).append(
            _("Alleen de vaste contactpersoon of een aandachtsfunctionaris voegt iemand toe.")
        )
    raise_errors(errors)
    return _join(family, user, reason, added_by=added_by, note=note)


@transaction.atomic
def team_remove(*, member, removed_by, reason) -> TeamMember:
    """A lead takes someone out of the team; the row stays, with who, when and why."""
    family = member.family
    errors = {}
    reason = _reason_text(
        errors,
        "reason",
        reason,
        required=True,
        empty_message=_("Schrijf waarom je deze persoon uit het team haalt."),
    )
    remover = _case_membership(removed_by, family.organisation)
    if remover is None or remover.role != Role.LEAD:
        errors.setdefault("removed_by", []).append(
            _("Alleen een aandachtsfunctionaris haalt iemand uit het team.")
        )
    if member.removed_at is not None:
        errors.setdefault("member", []).append(_("Deze persoon is al uit het team gehaald."))
    elif family.contact_person is not None and family.contact_person.user_id == member.user_id:
        errors.setdefault("member", []).append(
            _("De vaste contactpersoon hoort bij het team. Kies eerst een andere contactpersoon.")
        )
    raise_errors(errors)
    member.removed_at = timezone.now()
    member.removed_by = removed_by
    member.removal_reason = reason
    member.save(update_fields=["removed_at", "removed_by", "removal_reason"])
    return member


@transaction.atomic
def access_request_create(*, family, requested_by, reason) -> AccessRequest:
    """ "Toegang vragen": asks the contact person and the leads for the family's file."""
    errors = {}
    reason = _reason_text(
        errors,
        "reason",
        reason,
        required=True,
        empty_message=_("Schrijf waarom je het dossier nodig hebt."),
    )
    if _case_membership(requested_by, family.organisation) is None:
        errors.setdefault("requested_by", []).append(
            _("Alleen een professional van deze organisatie kan toegang vragen.")
        )
    elif AccessRequest.objects.filter(
        family=family, requested_by=requested_by, status=AccessRequestStatus.PENDING
    ).exists():
        errors.setdefault("reason", []).append(ALREADY_ASKED)
    raise_errors(errors)
    access_request = AccessRequest(family=family, requested_by=requested_by, reason=reason)
    access_request.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            access_request.save()
    except IntegrityError:  # the same request twice at once: one open request
        raise ValidationError({"reason": [ALREADY_ASKED]}) from None
    return access_request


def may_decide(user, access_request):
    """The family's contact person and the leads grant or refuse a request."""
    return may_manage_team(user, access_request.family)


@transaction.atomic
def access_request_decide(*, access_request, decided_by, grant, note="") -> AccessRequest:
    """Grants (the requester joins the team) or refuses an open access request."""
    # Lock the row: two deciders at once decide once. Only this row: PostgreSQL refuses to
    # lock the nullable side of a join.
    locked = (
        AccessRequest.objects.select_for_update(of=("self",))
        .select_related("family")
        .get(pk=access_request.pk)
    )
    errors = {}
    note = _reason_text(errors, "note", note, required=False, empty_message="")
    if not may_decide(decided_by, locked):
        errors.setdefault("decided_by", []).append(
            _("Alleen de vaste contactpersoon of een aandachtsfunctionaris beslist hierover.")
        )
    if locked.status != AccessRequestStatus.PENDING:
        errors.setdefault("status", []).append(_("Over dit verzoek is al beslist."))
    raise_errors(errors)
    locked.status = AccessRequestStatus.GRANTED if grant else AccessRequestStatus.REFUSED
    locked.decided_by = decided_by
    locked.decided_at = timezone.now()
    locked.decision_note = note
    locked.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    if grant:
        _join(
            locked.family,
            locked.requested_by,
            TeamReason.ACCESS_GRANTED,
            added_by=decided_by,
            note=locked.reason,
        )
    access_request.status, access_request.decided_at = locked.status, locked.decided_at
    return locked


@transaction.atomic
def glass_break_open(*, family, user, reason) -> GlassBreak:
    """ "Nu openen": opens the family's file to `user` for GLASS_BREAK_HOURS, at once.

    The reason is required; the leads get a content-free e-mail once this is committed
    (the view writes the break-the-glass entry of the access log in the same transaction).
    """
    errors = {}
    reason = _reason_text(
        errors,
        "reason",
        reason,
        required=True,
        empty_message=_("Schrijf waarom je het dossier nu moet openen."),
    )
    if _case_membership(user, family.organisation) is None:
        errors.setdefault("user", []).append(
            _("Alleen een professional van deze organisatie kan een dossier openen.")
        )
    raise_errors(errors)
    opening = GlassBreak(
        family=family,
        user=user,
        reason=reason,
        expires_at=timezone.now() + datetime.timedelta(hours=GLASS_BREAK_HOURS),
    )
    opening.full_clean()
    opening.save()
    pk = opening.pk
    transaction.on_commit(lambda: notify.send_glass_break_alert(glass_break_id=pk))
    return opening
