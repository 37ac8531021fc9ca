from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from families.models import TeamReason
from families.scoping import reads_file
from families.services import team_add
from signals.notes.models import ColleagueNote, LookRequest, NoteKind
from signals.observations.services import _touch_family, join_team_if_reading
from signals.validation import check_text, is_case_member

NOTE_MAX = 5000


def _check_observation(observation, family, errors):
    if observation is not None and observation.family_id != family.pk:
        errors["observation"] = _("Deze observatie hoort niet bij dit gezin.")


@transaction.atomic
def note_add(*, family, author, kind, text, observation=None, confidential=False) -> ColleagueNote:
    """A colleague's note on a family (or on one of its observations).

    `confidential`: only the author and the leads read it (need-to-know).
    """
    errors = {}
    if kind not in NoteKind.values:
        errors["kind"] = _("Kies wat voor notitie dit is.")
    text = check_text(text, field="text", errors=errors, required=True, max_length=NOTE_MAX)
    _check_observation(observation, family, errors)
    if not is_case_member(author, family.organisation):
        errors["author"] = _(
            "Alleen een actieve professional of aandachtsfunctionaris van deze organisatie "
            "kan een notitie schrijven."
        )
    if errors:
        raise ValidationError(errors)
    note = ColleagueNote(
        family=family,
        observation=observation,
        kind=kind,
        text=text,
        author=author,
        confidential=bool(confidential),
    )
    note.full_clean()
    note.save()
    _touch_family(family)
    join_team_if_reading(family=family, user=author, reason=TeamReason.ANSWERED)
    return note


@transaction.atomic
def look_request_create(
    *, family, requested_by, requested_from, message="", observation=None
) -> LookRequest:
    """Ask a named colleague (or the lead) of the same organisation to look at a family."""
    errors = {}
    message = check_text(message, field="message", errors=errors, max_length=2000)
    _check_observation(observation, family, errors)
    if not is_case_member(requested_by, family.organisation):
        errors["requested_by"] = _("Je werkt niet (meer) voor deze organisatie.")
    if requested_from is None or not is_case_member(requested_from, family.organisation):
        errors["requested_from"] = _(
            "Kies een actieve collega of aandachtsfunctionaris van deze organisatie."
        )
    elif requested_from.pk == getattr(requested_by, "pk", None):
        errors["requested_from"] = _("Je kunt het niet aan jezelf vragen.")
    if errors:
        raise ValidationError(errors)
    look = LookRequest(
        family=family,
        observation=observation,
        requested_by=requested_by,
        requested_from=requested_from,
        message=message,
    )
    look.full_clean()
    look.save()
    # The colleague asked to look joins the team, when the one who asks reads the file.
    if reads_file(requested_by, family):
        team_add(
            family=family,
            user=requested_from,
            added_by=requested_by,
            reason=TeamReason.ASKED_TO_LOOK,
        )
    return look


@transaction.atomic
def look_request_answer(*, request, author, kind, text) -> ColleagueNote:
    """Answer a "kijk je mee?" request: the answer is a colleague note; the request is done."""
    # Lock the row so that a double submit cannot answer it twice.
    look = LookRequest.objects.select_for_update().select_related("family").get(pk=request.pk)
    if look.answered_at is not None:
        raise ValidationError(_("Dit verzoek is al beantwoord."))
    if author is None or look.requested_from_id != author.pk:
        raise ValidationError(_("Dit verzoek is aan iemand anders gericht."))
    note = note_add(
        family=look.family, author=author, kind=kind, text=text, observation=look.observation
    )
    look.answered_at = timezone.now()
    look.answer = note
    look.save(update_fields=["answered_at", "answer"])
    request.answered_at, request.answer = look.answered_at, note
    return note
