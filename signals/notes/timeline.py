from django.utils.translation import gettext as _

from families.extensions import Panel, TimelineEntry, per_request
from organisations.scoping import reads_whole_file, scoped_within_file
from signals.notes import selectors
from signals.notes.forms import LookRequestForm, NoteForm
from signals.notes.models import ColleagueNote
from signals.observations import selectors as observation_selectors
from signals.observations.timeline import confidential_entry


def _readable_notes(request, family):
    """The pks of the family's notes the user reads, once per request (need-to-know); no
    query when they read them all (a lead on the family's page)."""

    def compute():
        if reads_whole_file(request, ColleagueNote, family):
            return {note.pk for note in selectors.family_notes_once(request, family)}
        readable = scoped_within_file(request, ColleagueNote.objects.all(), family)
        return set(readable.order_by().values_list("pk", flat=True))

    return per_request(request, ("readable_notes", family.pk), compute)


def note_entries(family, request):
    """The family's notes; a confidential one the user may not read shows that it exists."""
    readable = _readable_notes(request, family)
    readable_chains = observation_selectors.readable_chains_once(request, family)
    entries = []
    answers = {look.answer_id for look in selectors.family_look_requests_once(request, family)}
    notes = [n for n in selectors.family_notes_once(request, family) if n.pk not in answers]
    for note in notes:
        if note.pk not in readable:
            entries.append(
                confidential_entry(
                    at=note.created_at,
                    what=_("Vertrouwelijke notitie"),
                    date=note.created_at,
                    author=note.author,
                )
            )
            continue
        about = note.observation
        if about is not None and about.chain not in readable_chains:
            about = None  # the observation it is about is confidential to the user
        entries.append(
            TimelineEntry(
                at=note.created_at,
                template="signals/_note_entry.html",
                context={
                    "note": note,
                    "about": about,
                },
                css_class=f"note note-{note.kind}",
            )
        )
    return entries


def look_request_entries(family, request):
    """Each "kijk je mee?" question with its answer under it, placed at its latest moment
    (the answer, or the question while it waits), so that a new answer is not buried. A
    confidential answer, or a confidential observation asked about, shows only that it exists
    to whoever may not read it."""
    readable = _readable_notes(request, family)
    readable_chains = observation_selectors.readable_chains_once(request, family)
    return [
        TimelineEntry(
            at=look.answered_at or look.created_at,
            template="signals/_look_request_entry.html",
            context={
                "look": look,
                "answer_readable": look.answer_id in readable,
                "about": (
                    look.observation
                    if look.observation is not None and look.observation.chain in readable_chains
                    else None
                ),
            },
            css_class="note note-look",
        )
        for look in selectors.family_look_requests_once(request, family)
    ]


def family_panels(family, request):
    observations = observation_selectors.readable_family_observations_once(request, family)
    colleagues = selectors.colleagues_to_ask(family.organisation, request.user)
    return [
        Panel(
            template="signals/_together_panel.html",
            context={
                "family": family,
                "figures": selectors.together_figures(
                    family,
                    observations=observation_selectors.family_observations_once(request, family),
                    notes=selectors.family_notes_once(request, family),
                ),
            },
            order=20,
        ),
        Panel(
            template="signals/_notes_panel.html",
            context={
                "family": family,
                "note_form": NoteForm(observations=observations, auto_id="note_%s"),
                "look_form": LookRequestForm(
                    colleagues=colleagues, observations=observations, auto_id="look_%s"
                ),
            },
            order=30,
        ),
    ]
