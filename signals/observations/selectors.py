from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from families.extensions import per_request
from families.models import Family
from organisations.scoping import reads_whole_file, scoped, scoped_within_file
from signals.observations.models import Observation, ParentsView

HISTORY_FIELDS = (
    ("category", gettext_lazy("categorie")),
    ("severity", gettext_lazy("ernst")),
    ("observed_on", gettext_lazy("waargenomen op")),
    ("child", gettext_lazy("kind")),
    ("description", gettext_lazy("beschrijving")),
    ("acute", gettext_lazy("acuut")),
    ("parents_discussed", gettext_lazy("besproken met ouders")),
    ("parents_response", gettext_lazy("reactie van de ouders")),
    ("ended_on", gettext_lazy("niet meer van toepassing sinds")),
)


def families_for_picker(organisation):
    return list(
        Family.objects.for_organisation(organisation).prefetch_related("children").order_by("name")
    )


def family_children_map(families):
    """family public id -> [[child public id, label]]: the global form narrows the child select."""
    from signals.observations.forms import child_label

    return {
        str(f.public_id): [[str(c.public_id), child_label(c)] for c in f.children.all()]
        for f in families
    }


def latest_version(observation):
    """The latest version of `observation`'s chain (any version of it may be given)."""
    return Observation.objects.latest_versions().get(chain=observation.chain)


def _display(observation, name):
    if name == "category":
        return observation.category.display_name
    if name == "severity":
        return observation.severity_words
    if name == "observed_on":
        return observation.observed_on.strftime("%d-%m-%Y")
    if name == "ended_on":
        return observation.ended_on.strftime("%d-%m-%Y") if observation.ended_on else "—"
    if name == "child":
        return observation.child.first_name if observation.child else "—"
    if name == "acute":
        return _("ja") if observation.acute else _("nee")
    if name == "parents_discussed":
        return observation.get_parents_discussed_display()
    return getattr(observation, name) or "—"


def observation_history(observation):
    """All versions of the chain, oldest first, each with what changed against the one before."""
    versions = list(
        Observation.objects.filter(chain=observation.chain)
        .select_related("category", "child", "observer", "amends")
        .order_by("pk")
    )
    previous = None
    for version in versions:
        version.changes = []
        if previous is not None:
            for name, label in HISTORY_FIELDS:
                before, after = _display(previous, name), _display(version, name)
                if before != after:
                    version.changes.append({"label": label, "before": before, "after": after})
        previous = version
    return versions


def family_observations(family):
    """Latest version of each chain, for the timeline and note forms."""
    return (
        Observation.objects.for_family(family)
        .latest_versions()
        # latest_of_chain: the assessment panel reads when each chain was first logged
        .select_related("category", "child", "observer", "latest_of_chain")
        .order_by("-observed_on", "-created_at")
    )


def readable_chains(request, family):
    """The chains of `family`'s observations whose content the user reads (need-to-know:
    organisations.scoping applies the rule; a confidential one is for its author and the
    leads)."""
    return set(
        scoped_within_file(request, Observation.objects.all(), family)
        .order_by()
        .values_list("chain", flat=True)
    )


def family_observations_once(request, family):
    """`family_observations` as a list, read once per request (the timeline, the note forms,
    the "Samen zien" figures and the assessment panel of the family page all use it)."""
    return per_request(
        request, ("family_observations", family.pk), lambda: list(family_observations(family))
    )


def readable_chains_once(request, family):
    """`readable_chains`, read once per request: the same user and family throughout. No
    query when the user reads every observation of the family's file (a lead on its page):
    then the chains of the rows `family_observations_once` read."""

    def compute():
        if reads_whole_file(request, Observation, family):
            return {obs.chain for obs in family_observations_once(request, family)}
        return readable_chains(request, family)

    return per_request(request, ("readable_chains", family.pk), compute)


def readable_family_observations_once(request, family):
    """`readable_family_observations` from the rows read once per request."""
    readable = readable_chains_once(request, family)
    return [obs for obs in family_observations_once(request, family) if obs.chain in readable]


def chain_authors(chains):
    """chain -> who logged its first version, for many chains in one query (`chain_author`)."""
    found = {}
    if chains:
        versions = Observation.objects.filter(chain__in=chains).select_related("observer")
        for obs in versions.order_by("pk"):
            found.setdefault(obs.chain, obs.observer)
    return found


def readable_family_observations(request, family):
    """`family_observations` without the confidential ones the user may not read."""
    readable = scoped(request, Observation.objects.filter(family=family)).values("chain")
    return family_observations(family).filter(chain__in=readable)


def chain_author(observation):
    """Who logged the chain's first version: whom to ask about a confidential observation."""
    first = (
        Observation.objects.filter(chain=observation.chain)
        .select_related("observer")
        .order_by("pk")
        .first()
    )
    return (first or observation).observer


def parents_views_by_chain(chains):
    """chain -> the newest parents' view on it (one query)."""
    views = {}
    for view in ParentsView.objects.filter(chain__in=list(chains)).order_by("created_at", "pk"):
        views[view.chain] = view
    return views


def attach_parents_views(observations):
    """Sets `parents_view` (the newest, or None) on each observation: shown beside it."""
    observations = list(observations)
    views = parents_views_by_chain({o.chain for o in observations})
    for observation in observations:
        observation.parents_view = views.get(observation.chain)
    return observations


def parents_views_of_chain(chain):
    return list(ParentsView.objects.filter(chain=chain).select_related("recorded_by"))
