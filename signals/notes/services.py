from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from families.models import TeamReason
from families.scoping import reads_file
from families.services import family_touch, team_add
from notifications.models import NotificationKind
from notifications.services import notify, resolve
from organisations.shape import raise_errors, shape_errors
from signals.notes.models import ColleagueNote, LookRequest
from signals.observations.services import join_team_if_reading
from signals.validation import is_case_member


def _check_observation(observation, family, errors):
    if observation is not None and observation.family_id != family.pk:
        errors["observation"] = _("Deze observatie hoort niet bij dit gezin.")


@transaction.atomic
def note_add(*, family, author, kind, text, observation=None, confidential=False) -> ColleagueNote:
    """A colleague's note on a family (or on one of its observations).

    `confidential`: only the author and the leads read it (need-to-know).
    """
    note = ColleagueNote(
        family=family,
        observation=observation,
        kind=kind,
        text=text,
        author=author,
        confidential=bool(confidential),
    )
    errors = shape_errors(note)
    _check_observation(observation, family, errors)
    if "author" not in errors and not is_case_member(author, family.organisation):
        errors["author"] = _(
            "Alleen een actieve professional of aandachtsfunctionaris van deze organisatie "
            "kan een notitie schrijven."
        )
    raise_errors(errors)
    note.save()
    family_touch(family=family)
    # Something was logged: the family is no longer quiet for its contact person.
    resolve(family=family, kinds=[NotificationKind.QUIET])
    join_team_if_reading(family=family, user=author, reason=TeamReason.ANSWERED)
    return note


def _check_asked(look, errors):
    """The one asked is an active case member of the organisation, and not the asker."""
    if "requested_from" in errors:
        return
    if not is_case_member(look.requested_from, look.family.organisation):
        errors["requested_from"] = _(
            "Kies een actieve collega of aandachtsfunctionaris van deze organisatie."
        )
    elif look.requested_from_id == look.requested_by_id:
        errors["requested_from"] = _("Je kunt het niet aan jezelf vragen.")


@transaction.atomic
def look_request_create(
    *, family, requested_by, requested_from, message="", observation=None
) -> LookRequest:
    """Ask a named colleague (or the lead) of the same organisation to look at a family."""
    look = LookRequest(
        family=family,
        observation=observation,
        requested_by=requested_by,
        requested_from=requested_from,
        message=message,
    )
    errors = shape_errors(look)
    _check_observation(observation, family, errors)
    if "requested_by" not in errors and not is_case_member(requested_by, family.organisation):
        errors["requested_by"] = _("Je werkt niet (meer) voor deze organisatie.")
    _check_asked(look, errors)
    raise_errors(errors)
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
    # The one who asked hears of it: "Mijn vragen" shows the answer under the question.
    notify(
        kind=NotificationKind.ANSWER,
        event_key=f"answer:{look.public_id}",
        url=f"{reverse('signals:my_questions')}#vraag-{look.public_id}",
        recipient=look.requested_by,
        family=look.family,
        actor=author,
    )
    return note
