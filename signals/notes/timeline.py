from families.extensions import Panel, TimelineEntry
from signals.notes import selectors
from signals.notes.forms import LookRequestForm, NoteForm
from signals.observations.selectors import family_observations_on_page


def note_entries(family, request):
    return [
        TimelineEntry(
            at=note.created_at,
            template="signals/_note_entry.html",
            context={"note": note},
            css_class=f"note note-{note.kind}",
        )
        for note in selectors.family_notes_on_page(request, family)
    ]


def family_panels(family, request):
    observations = family_observations_on_page(request, family)
    notes = selectors.family_notes_on_page(request, family)
    colleagues = selectors.colleagues_to_ask(family.organisation, request.user)
    figures = selectors.together_figures(family, observations=observations, notes=notes)
    return [
        Panel(
            template="signals/_together_panel.html",
            context={"family": family, "figures": figures},
            order=20,
        ),
        Panel(
            template="signals/_notes_panel.html",
            context={
                "family": family,
                "note_form": NoteForm(observations=observations, auto_id="note_%s"),
                "look_form": LookRequestForm(colleagues=colleagues, auto_id="look_%s"),
            },
            order=30,
        ),
    ]
