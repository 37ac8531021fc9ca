import datetime

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import ngettext

from families.extensions import per_request
from families.models import Family
from organisations.models import Membership
from organisations.scoping import CASE_ROLES, readable_families, scoped
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
        .select_related(
            "family",
            "requested_by",
            "observation__category",
            "observation__observer",
            "observation__child",
        )
        .order_by("created_at")
    )


def my_questions(user, organisation):
    """ "Mijn vragen": what `user` asked colleagues in this organisation, open ones first,
    each with its answer (a colleague note) beside it."""
    return (
        LookRequest.objects.filter(requested_by=user, family__organisation=organisation)
        .select_related("family", "requested_from", "observation__category", "answer__author")
        .order_by(F("answered_at").desc(nulls_first=True), "-created_at", "-pk")
    )


def with_need_to_know(request, questions):
    """`questions` (of "Mijn vragen") marked with what the asker may read now (need-to-know,
    through the one scoping helper): `reads_file` (the family's file: its link), and
    `answer_readable` / `observation_readable`. Someone who left the team, or whose opening
    expired, keeps their own question but no longer reads the answer, nor a confidential
    answer of someone else. Three queries, whatever the number of questions."""
    readable = readable_families(request.membership)
    family_ids = {q.family_id for q in questions}
    files = (
        None
        if readable is None
        else set(
            Family.objects.filter(pk__in=readable)
            .filter(pk__in=family_ids)
            .values_list("pk", flat=True)
        )
    )
    answers = set(
        scoped(
            request,
            ColleagueNote.objects.filter(pk__in=[q.answer_id for q in questions if q.answer_id]),
        ).values_list("pk", flat=True)
    )
    observations = set(
        scoped(
            request,
            Observation.objects.filter(
                pk__in=[q.observation_id for q in questions if q.observation_id]
            ),
        ).values_list("pk", flat=True)
    )
    for question in questions:
        question.reads_file = files is None or question.family_id in files
        question.answer_readable = question.answer_id in answers
        question.observation_readable = question.observation_id in observations
    return questions


def family_look_requests(family):
    """The family's "kijk je mee?" questions with their answers: the timeline shows each
    answer under its question."""
    return (
        LookRequest.objects.filter(family=family)
        .select_related("requested_by", "requested_from", "observation__category", "answer__author")
        .order_by("-created_at")
    )


def open_requests_digest(memberships):
    """notifications.hooks.digest_counts: open "kijk je mee?" requests, a count per person."""
    pairs = {(m.user_id, m.organisation_id): m.pk for m in memberships}
    if not pairs:
        return {}
    rows = (
        LookRequest.objects.filter(
            answered_at__isnull=True,
            requested_from_id__in={u for u, _o in pairs},
            family__organisation_id__in={o for _u, o in pairs},
        )
        .values_list("requested_from_id", "family__organisation_id")
        .order_by()
        .annotate(n=Count("pk"))
    )
    found = {}
    for user_id, organisation_id, n in rows:
        membership_id = pairs.get((user_id, organisation_id))
        if membership_id is not None:
            line = ngettext(
                "%(n)d verzoek om mee te kijken", "%(n)d verzoeken om mee te kijken", n
            ) % {"n": n}
            found[membership_id] = [(line, n)]
    return found


def answered_requests_for(user, organisation, *, limit=10):
    return (
        LookRequest.objects.filter(
            requested_from=user, family__organisation=organisation, answered_at__isnull=False
        )
        .select_related("family", "requested_by", "answer")
        .order_by("-answered_at")[:limit]
    )


def family_notes(family, *, answers=True):
    """The family's colleague notes; without the answers to "kijk je mee?" if `answers` is
    False (the timeline shows those under their question)."""
    notes = ColleagueNote.objects.filter(family=family)
    if not answers:
        notes = notes.exclude(
            pk__in=LookRequest.objects.filter(family=family, answer__isnull=False).values("answer")
        )
    return notes.select_related("author", "observation__category").order_by("-created_at")


def family_notes_once(request, family):
    """All of the family's notes (answers too), with author and observation, as a list read
    once per request: the family page's timeline, figures and assessment count from it."""
    return per_request(
        request, ("family_notes", family.pk), lambda: list(family_notes(family, answers=True))
    )


def family_look_requests_once(request, family):
    """`family_look_requests` as a list, read once per request."""
    return per_request(
        request, ("family_look_requests", family.pk), lambda: list(family_look_requests(family))
    )


def together_figures(family, *, today=None, observations=None, notes=None):
    """The "Samen zien" panel: who saw risks, what was discussed with parents, what goes well.

    `observations` (the latest version of each of the family's chains, with their
    categories) and `notes` (all of the family's notes): when the caller read them already
    (the family page); then counted in Python."""
    today = today or timezone.localdate()
    since_date = today - datetime.timedelta(days=365)
    since = timezone.now() - datetime.timedelta(days=365)
    if notes is None:
        recognisers = set(
            ColleagueNote.objects.filter(
                family=family, kind=NoteKind.RECOGNITION, created_at__gte=since
            ).values_list("author_id", flat=True)
        )
        going_well = ColleagueNote.objects.filter(family=family, kind=NoteKind.GOING_WELL).count()
    else:
        recognisers = {
            n.author_id for n in notes if n.kind == NoteKind.RECOGNITION and n.created_at >= since
        }
        going_well = sum(n.kind == NoteKind.GOING_WELL for n in notes)
    if observations is None:
        observers, counts = _observation_figures_in_database(family, since_date)
    else:
        observers, counts = _observation_figures(observations, since_date)
    return {
        "colleagues": len(observers | recognisers),
        "observations": counts["total"],
        "discussed": counts["discussed"],
        "not_safe": counts["not_safe"],
        "protective": counts["protective"],
        "going_well": going_well,
    }


def _observation_figures_in_database(family, since_date):
    latest = Observation.objects.for_family(family).latest_versions()
    observers = set(
        latest.risks().filter(observed_on__gte=since_date).values_list("observer_id", flat=True)
    )
    counts = latest.aggregate(
        total=Count("pk"),
        discussed=Count("pk", filter=Q(parents_discussed=ParentsDiscussed.YES)),
        not_safe=Count("pk", filter=Q(parents_discussed=ParentsDiscussed.NOT_SAFE)),
        protective=Count("pk", filter=Q(category__kind=Kind.PROTECTIVE)),
    )
    return observers, counts


def _observation_figures(observations, since_date):
    """The same as `_observation_figures_in_database`, from rows already read."""
    observers = {
        o.observer_id
        for o in observations
        if o.category.kind in RISK_KINDS and o.observed_on >= since_date
    }
    counts = {
        "total": len(observations),
        "discussed": sum(o.parents_discussed == ParentsDiscussed.YES for o in observations),
        "not_safe": sum(o.parents_discussed == ParentsDiscussed.NOT_SAFE for o in observations),
        "protective": sum(o.category.kind == Kind.PROTECTIVE for o in observations),
    }
    return observers, counts


def for_me_badge(request):
    """The menu's "Voor mij" count (organisations.hooks.menu_badges): open requests."""
    membership = request.membership
    if not membership.sees_cases:
        return {}
    return {
        # counted by the menu, with the other badges (organisations.hooks.menu_badges)
        "for_me_count": LookRequest.objects.open_for(request.user, membership.organisation)
    }
