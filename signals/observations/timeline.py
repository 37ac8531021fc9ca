from django.urls import reverse
from django.utils.translation import gettext as _

from families.extensions import TimelineEntry
from signals.catalogue.models import Kind
from signals.observations import selectors


def _person(user):
    return user.get_full_name() or user.get_username()


def confidential_entry(*, at, what, date, author):
    """What the team sees of an entry it may not read: that it exists, its date, whom to ask."""
    return TimelineEntry(
        at=at,
        template="signals/_confidential_entry.html",
        context={"what": what, "date": date, "author": _person(author)},
        css_class="confidential",
    )


def observation_entries(family, request):
    """The latest version of each observation; an amended one says so and links its history.
    A confidential one the user may not read shows only that it exists (need-to-know)."""
    readable = selectors.readable_chains_once(request, family)
    observations = selectors.family_observations_once(request, family)
    authors = selectors.chain_authors({obs.chain for obs in observations} - readable)
    entries = []
    views = selectors.parents_views_by_chain(o.chain for o in observations if o.chain in readable)
    # The family's links, the same beside every observation: reversed once for the page.
    note_url = reverse("signals:note_create", args=[family.public_id])
    look_url = reverse("signals:look_request_create", args=[family.public_id])
    for obs in observations:
        if obs.chain not in readable:
            entries.append(
                confidential_entry(
                    at=obs.created_at,
                    what=_("Vertrouwelijke observatie"),
                    date=obs.observed_on,
                    author=authors.get(obs.chain, obs.observer),
                )
            )
            continue
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
                    "parents_view": views.get(obs.chain),
                    "history_url": obs.get_absolute_url(),
                    "note_url": note_url,
                    "look_url": look_url,
                },
                css_class=css,
            )
        )
    return entries
