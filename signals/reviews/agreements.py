"""Agreements that reviews end in: what, who (a member of the organisation), by when; and
later done or not done, with a note (design.md, "Follow-up: nothing sinks away").

The writes of this module; `review_record` adds a review's agreements through
`agreement_add`, inside its own transaction.
"""

import copy

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from families.models import TeamReason
from families.services import family_touch, team_add
from notifications.services import resolve_agreement
from organisations.hooks import Hook
from organisations.models import Membership, Role
from organisations.scoping import CASE_ROLES
from organisations.shape import raise_errors, shape_errors
from signals.reviews.models import Agreement, AgreementStatus

# Listeners to "an agreement was assigned": each is called as listener(agreement=…) once per
# agreement, inside the transaction that stores it (use transaction.on_commit for anything
# that leaves the database, such as an e-mail). The notifications register theirs here.
assigned = Hook("agreement_assigned")


def agreement_assigned(*, agreement):
    """Tell whoever listens that `agreement` was assigned to its owner."""
    for listener in assigned:
        listener(agreement=agreement)


def owner_ok(owner, family):
    """An active professional or lead of the family's own organisation."""
    return (
        isinstance(owner, Membership)
        and owner.organisation_id == family.organisation_id
        and owner.role in CASE_ROLES
        and Membership.objects.active().filter(pk=owner.pk).exists()
    )


def agreement_errors(agreement):
    """The shape of one new agreement and the rules that span objects, by field."""
    errors = shape_errors(agreement, exclude=["review", "family", "closed_by"])
    if "owner" not in errors and not owner_ok(agreement.owner, agreement.family):
        errors["owner"] = [
            _(
                "Kies als uitvoerder een actieve professional of aandachtsfunctionaris van je "
                "organisatie."
            )
        ]
    if "due_on" not in errors and agreement.due_on < timezone.localdate():
        errors["due_on"] = [_("Een afspraak kan niet al in het verleden klaar moeten zijn.")]
    return errors


def agreement_add(*, review, what, owner, due_on) -> Agreement:
    """One agreement of `review`; its owner hears of it (`agreement_assigned`)."""
    agreement = Agreement(
        review=review, family=review.family, what=what, owner=owner, due_on=due_on
    )
    raise_errors(agreement_errors(agreement))
    agreement.save()
    # Need-to-know: whoever carries out an agreement reads the family's file (joins its team).
    team_add(
        family=review.family,
        user=owner.user,
        added_by=review.lead,
        reason=TeamReason.ADDED,
        # Not what was agreed: the team list is read by the whole team, and an agreement
        # of a confidential review is its owner's and the leads' only.
        note=_("Voert een afspraak uit de beoordeling uit."),
    )
    agreement_assigned(agreement=agreement)
    return agreement


def may_close(user, agreement):
    """Its owner, or a lead of its organisation (for an owner who left, say)."""
    if user is None or not user.is_authenticated:
        return False
    if agreement.owner.user_id == user.pk and agreement.owner.is_active:
        return True
    return (
        Membership.objects.active()
        .filter(user=user, organisation=agreement.family.organisation_id, role=Role.LEAD)
        .exists()
    )


@transaction.atomic
def agreement_close(*, agreement, by, done, note="") -> Agreement:
    """Mark an open agreement done or not done, with a note (a note is required when not)."""
    if not agreement.is_open:
        raise ValidationError(_("Deze afspraak is al afgerond."))
    if not may_close(by, agreement):
        raise ValidationError(
            _("Alleen wie de afspraak uitvoert of een aandachtsfunctionaris kan haar afronden.")
        )
    outcome = copy.copy(agreement)  # the agreement stays as it was if this is refused
    outcome.status = AgreementStatus.DONE if done else AgreementStatus.NOT_DONE
    outcome.outcome_note = note
    errors = shape_errors(
        outcome, exclude=[f.name for f in Agreement._meta.fields if f.name != "outcome_note"]
    )
    if not done and not outcome.outcome_note and "outcome_note" not in errors:
        errors["outcome_note"] = [_("Schrijf kort waarom het niet gelukt is.")]
    raise_errors(errors)
    agreement.status, agreement.outcome_note = outcome.status, outcome.outcome_note
    agreement.closed_at = timezone.now()
    agreement.closed_by = by
    agreement.save(update_fields=["status", "outcome_note", "closed_at", "closed_by"])
    resolve_agreement(agreement_id=agreement.public_id)
    family_touch(family=agreement.family)
    return agreement
