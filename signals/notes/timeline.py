from families.extensions import Panel, TimelineEntry
from signals.notes import selectors
from signals.notes.forms import LookRequestForm, NoteForm
from signals.observations import selectors as observation_selectors


def note_entries(family, request):
    return [
        TimelineEntry(
            at=note.created_at,
            template="signals/_note_entry.html",
            context={"note": note},
            css_class=f"note note-{note.kind}",
        )
        for note in selectors.family_notes(family, answers=False)
    ]


def look_request_entries(family, request):
    """Each "kijk je mee?" question with its answer under it, placed at its latest moment
    (the answer, or the question while it waits), so that a new answer is not buried."""
    return [
        TimelineEntry(
            at=look.answered_at or look.created_at,
            template="signals/_look_request_entry.html",
            context={"look": look},
            css_class="note note-look",
        )
        for look in selectors.family_look_requests(family)
    ]


def family_panels(family, request):
    observations = list(observation_selectors.family_observations(family))
    colleagues = selectors.colleagues_to_ask(family.organisation, request.user)
    return [
        Panel(
            template="signals/_together_panel.html",
            context={"family": family, "figures": selectors.together_figures(family)},
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
