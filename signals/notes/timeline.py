from families.extensions import Panel, TimelineEntry
from signals import family_file
from signals.notes import selectors
from signals.notes.forms import LookRequestForm, NoteForm


def note_entries(family, request):
    return [
        TimelineEntry(
            at=note.created_at,
            template="signals/_note_entry.html",
            context={"note": note},
            css_class=f"note note-{note.kind}",
        )
        for note in family_file.for_request(request, family).notes
    ]


def family_panels(family, request):
    file = family_file.for_request(request, family)
    observations = file.observations
    colleagues = selectors.colleagues_to_ask(family.organisation, request.user)
    figures = selectors.together_figures(family, observations=observations, notes=file.notes)
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
