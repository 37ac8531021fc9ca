import datetime

from django.utils import timezone

from families.extensions import read_once
from organisations.models import Membership
from organisations.scoping import CASE_ROLES
from signals.catalogue.models import RISK_KINDS, Kind
from signals.notes.models import ColleagueNote, LookRequest, NoteKind
from signals.observations.models import Observation, ParentsDiscussed


def colleagues_to_ask(organisation, user):
    """Active professionals and leads of the organisation, except the one asking; leads first."""
    return list(
        Membership.objects.active()
        .filter(organisation=organisation, role__in=CASE_ROLES)
        .exclude(user=user)
        .select_related("user")
        .order_by("-role", "user__first_name", "user__username")
    )


def open_requests_for(user, organisation):
    return (
        LookRequest.objects.open_for(user, organisation)
        .select_related("family", "requested_by", "observation__category")
        .order_by("created_at")
    )


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


def family_notes_on_page(request, family):
    """`family_notes` as a list, read once for all of the family page's providers."""
    return read_once(request, ("family_notes", family.pk), lambda: list(family_notes(family)))


def together_figures(family, *, today=None, observations=None, notes=None):
    """The "Samen zien" panel: who saw risks, what was discussed with parents, what goes well.

    Counted from the family's latest observation versions and its notes, which the family
    page has read already (`*_on_page`); read here when not given.
    """
    today = today or timezone.localdate()
    since_date = today - datetime.timedelta(days=365)
    since = timezone.now() - datetime.timedelta(days=365)
    if observations is None:
        observations = Observation.objects.for_family(family).latest_versions()
        observations = list(observations.select_related("category"))
    if notes is None:
        notes = list(ColleagueNote.objects.filter(family=family))
    observers = {
        o.observer_id
        for o in observations
        if o.category.kind in RISK_KINDS and o.observed_on >= since_date
    }
    recognisers = {
        n.author_id for n in notes if n.kind == NoteKind.RECOGNITION and n.created_at >= since
    }
    return {
        "colleagues": len(observers | recognisers),
        "observations": len(observations),
        "discussed": sum(o.parents_discussed == ParentsDiscussed.YES for o in observations),
        "not_safe": sum(o.parents_discussed == ParentsDiscussed.NOT_SAFE for o in observations),
        "protective": sum(o.category.kind == Kind.PROTECTIVE for o in observations),
        "going_well": sum(n.kind == NoteKind.GOING_WELL for n in notes),
    }


def for_me_badge(request):
    """The menu's "Voor mij" count (organisations.hooks.menu_badges): open requests."""
    membership = request.membership
    if not membership.sees_cases:
        return {}
    return {
        "for_me_count": LookRequest.objects.open_for(request.user, membership.organisation).count()
    }
