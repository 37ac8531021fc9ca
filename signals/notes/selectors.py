import datetime

from django.db.models import Count, Q
from django.utils import timezone

from organisations.models import Membership
from organisations.scoping import CASE_ROLES
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


def for_me_badge(request):
    """The menu's "Voor mij" count (organisations.hooks.menu_badges): open requests."""
    membership = request.membership
    if not membership.sees_cases:
        return {}
    return {
        "for_me_count": LookRequest.objects.open_for(request.user, membership.organisation).count()
    }
