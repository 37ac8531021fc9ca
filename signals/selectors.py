"""Reads of the signals app that need more than one queryset method."""

import datetime
from collections import OrderedDict

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from families.models import Family
from organisations.models import Membership
from organisations.scoping import CASE_ROLES
from signals.models import (
    ColleagueNote,
    LookRequest,
    NoteKind,
    Observation,
    ParentsDiscussed,
    Review,
    SignalCategory,
)

HISTORY_FIELDS = (
    ("category", gettext_lazy("categorie")),
    ("severity", gettext_lazy("ernst")),
    ("observed_on", gettext_lazy("waargenomen op")),
    ("child", gettext_lazy("kind")),
    ("description", gettext_lazy("beschrijving")),
    ("acute", gettext_lazy("acuut")),
    ("parents_discussed", gettext_lazy("besproken met ouders")),
    ("parents_response", gettext_lazy("reactie van de ouders")),
)


def available_categories(organisation):
    return list(
        SignalCategory.objects.available_to(organisation).order_by("kind", "domain", "name")
    )


def category_help(categories):
    """What the observation form shows beside the select, per category code (json_script)."""
    return {
        c.code: {
            "name": c.display_name,
            "kind": c.get_kind_display(),
            "explanation": c.display_explanation,
            "ask": c.display_ask,
            "risk": c.counts_as_risk,
        }
        for c in categories
    }


def families_for_picker(organisation):
    return list(
        Family.objects.for_organisation(organisation).prefetch_related("children").order_by("name")
    )


def family_children_map(families):
    """family public id -> [[child public id, label]]: the global form narrows the child select."""
    from signals.forms import child_label

    return {
        str(f.public_id): [[str(c.public_id), child_label(c)] for c in f.children.all()]
        for f in families
    }


def latest_version(observation):
    return Observation.objects.filter(chain=observation.chain).order_by("-pk").first()


def _display(observation, name):
    if name == "category":
        return observation.category.display_name
    if name == "severity":
        return observation.get_severity_display()
    if name == "observed_on":
        return observation.observed_on.strftime("%d-%m-%Y")
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


def colleagues_to_ask(organisation, user):
    """Active professionals and leads of the organisation, except the one asking; leads first."""
    return list(
        Membership.objects.active()
        .filter(organisation=organisation, role__in=CASE_ROLES)
        .exclude(user=user)
        .select_related("user")
        .order_by("-role", "user__first_name", "user__username")
    )


def family_observations(family):
    """Latest version of each chain, for the timeline and note forms."""
    return (
        Observation.objects.for_family(family)
        .latest_versions()
        .select_related("category", "child", "observer")
        .order_by("-observed_on", "-created_at")
    )


def together_figures(family, *, today=None):
    """The "Samen zien" panel: who saw risks, what was discussed with parents, what goes well."""
    today = today or timezone.localdate()
    since_date = today - datetime.timedelta(days=365)
    since = timezone.now() - datetime.timedelta(days=365)
    latest = Observation.objects.for_family(family).latest_versions()
    observers = set(
        latest.risks().filter(observed_on__gte=since_date).values_list("observer_id", flat=True)
    )
    recognisers = set(
        ColleagueNote.objects.filter(
            family=family, kind=NoteKind.RECOGNITION, created_at__gte=since
        ).values_list("author_id", flat=True)
    )
    counts = latest.aggregate(
        total=Count("pk"),
        discussed=Count("pk", filter=Q(parents_discussed=ParentsDiscussed.YES)),
        not_safe=Count("pk", filter=Q(parents_discussed=ParentsDiscussed.NOT_SAFE)),
        protective=Count("pk", filter=Q(category__kind="protective")),
    )
    going_well = ColleagueNote.objects.filter(family=family, kind=NoteKind.GOING_WELL).count()
    return {
        "colleagues": len(observers | recognisers),
        "observations": counts["total"],
        "discussed": counts["discussed"],
        "not_safe": counts["not_safe"],
        "protective": counts["protective"],
        "going_well": going_well,
    }


def my_signals(user, organisation):
    """What `user` logged (any version of a chain), latest versions, grouped per family.

    Returns [(family, [observations], latest review or None)] in a fixed number of queries.
    """
    my_chains = Observation.objects.filter(observer=user, family__organisation=organisation).values(
        "chain"
    )
    observations = (
        Observation.objects.filter(chain__in=my_chains)
        .latest_versions()
        .select_related("category", "child", "family")
        .order_by("family__name", "family_id", "-observed_on", "-pk")
    )
    latest_review = Review.objects.filter(family=OuterRef("family_id")).order_by(
        "-created_at", "-pk"
    )
    observations = observations.annotate(
        review_decision=Subquery(latest_review.values("decision")[:1]),
        review_at=Subquery(latest_review.values("created_at")[:1]),
    )
    grouped = OrderedDict()
    for obs in observations:
        entry = grouped.setdefault(
            obs.family_id, {"family": obs.family, "observations": [], "review": None}
        )
        entry["observations"].append(obs)
        if obs.review_decision and entry["review"] is None:
            entry["review"] = Review(decision=obs.review_decision, created_at=obs.review_at)
    return list(grouped.values())


def open_requests_for(user, organisation):
    return (
        LookRequest.objects.open_for(user, organisation)
        .select_related("family", "requested_by", "observation__category")
        .order_by("created_at")
    )


def for_me_badge(request):
    """The menu's "Voor mij" count (organisations.hooks.menu_badges): open requests."""
    membership = request.membership
    if not membership.sees_cases:
        return {}
    return {
        "for_me_count": LookRequest.objects.open_for(request.user, membership.organisation).count()
    }


def answered_requests_for(user, organisation, *, limit=10):
    return (
        LookRequest.objects.filter(
            requested_from=user, family__organisation=organisation, answered_at__isnull=False
        )
        .select_related("family", "requested_by", "answer")
        .order_by("-answered_at")[:limit]
    )


def family_notes(family):
    return (
        ColleagueNote.objects.filter(family=family)
        .select_related("author", "observation__category")
        .order_by("-created_at")
    )
