from families.extensions import TimelineEntry
from signals.catalogue.models import Kind
from signals.observations.selectors import family_observations_on_page


def observation_entries(family, request):
    """The latest version of each observation; an amended one says so and links its history."""
    entries = []
    for obs in family_observations_on_page(request, family):
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
