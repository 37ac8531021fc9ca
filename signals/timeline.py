"""The signals app's part of a family's page: observations and notes in the timeline, two panels.

Each provider is `(family, request) -> list` (families/extensions.py).
"""

from families.extensions import Panel, TimelineEntry
from signals import selectors
from signals.forms import LookRequestForm, NoteForm
from signals.models import Kind


def observation_entries(family, request):
    """The latest version of each observation; an amended one says so and links its history."""
    entries = []
    for obs in selectors.family_observations(family):
        css = ""
        if obs.acute:
            css = "acute"
        elif obs.category.kind == Kind.PROTECTIVE:
            css = "protective"
        entries.append(
            TimelineEntry(
                at=obs.created_at,
                template="signals/_observation_entry.html",
                context={
                    "observation": obs,
                    "family": family,
                    "amended": obs.amends_id is not None,
                },
                css_class=css,
            )
        )
    return entries


def note_entries(family, request):
    return [
        TimelineEntry(
            at=note.created_at,
            template="signals/_note_entry.html",
            context={"note": note},
            css_class=f"note note-{note.kind}",
        )
        for note in selectors.family_notes(family)
    ]


def family_panels(family, request):
    observations = list(selectors.family_observations(family))
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
                "look_form": LookRequestForm(colleagues=colleagues, auto_id="look_%s"),
            },
            order=30,
        ),
    ]
