"""Which families ask for follow-up, computed in the database for any set of families."""

import datetime

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils import timezone

from families.models import Family
from signals.accumulation import (
    ACCUMULATION,
    ATTENTION,
    NONE,
    STATUS_RANK,
    assess_families,
    settings_key,
    sql_once,
)
from signals.notes.models import ColleagueNote
from signals.observations.models import Observation
from signals.reviews.models import Review

_last_review = Review.objects.filter(family=OuterRef("pk")).order_by("-created_at", "-pk")


def quiet_cutoff(now=None):
    return (now or timezone.now()) - datetime.timedelta(weeks=settings.STAP0_QUIET_WEEKS)


def silent_families(queryset, *, now=None):
    """Families of `queryset` older than settings.STAP0_QUIET_WEEKS weeks about which
    nothing (no observation, no colleague note) was logged for that long: the part of
    `quiet_families` that needs no score, a cheap first look for the pages."""
    cutoff = quiet_cutoff(now)
    logged_since = Q(created_at__gte=cutoff)
    recent_observation = Observation.objects.filter(logged_since, family=OuterRef("pk"))
    recent_note = ColleagueNote.objects.filter(logged_since, family=OuterRef("pk"))
    return (
        queryset.filter(created_at__lt=cutoff)
        .exclude(Exists(recent_observation))
        .exclude(Exists(recent_note))
    )


def quiet_families(queryset, *, today, organisations=None, now=None):
    """Families of `queryset` in attention, accumulation (or acute) or long-term support,
    about which nothing (no observation, no colleague note) was logged for
    settings.STAP0_QUIET_WEEKS weeks. Annotated with `last_logged_at` (None: never)."""
    silent = silent_families(queryset, now=now)
    assessed = assess_families(silent, as_of=today, organisations=organisations)
    last_observation = Observation.objects.filter(family=OuterRef("pk")).order_by("-created_at")
    last_note = ColleagueNote.objects.filter(family=OuterRef("pk")).order_by("-created_at")
    return (
        assessed.filter(Q(long_term_support=True) | Q(status_rank__gte=STATUS_RANK[ATTENTION]))
        .annotate(
            last_observation_at=Subquery(last_observation.values("created_at")[:1]),
            last_note_at=Subquery(last_note.values("created_at")[:1]),
        )
        .select_related("contact_person__user")
        .order_by("name", "pk")
    )


def last_logged_at(family):
    """When something was last logged about a row of `quiet_families` (else its creation)."""
    moments = [m for m in (family.last_observation_at, family.last_note_at) if m is not None]
    return max(moments) if moments else family.created_at


def status_rises(queryset, *, today, organisations=None):
    """Families of `queryset` whose status rose to attention or accumulation since their last
    review, or never reviewed (the working list's "nieuw sinds laatste beoordeling" and "nog
    nooit beoordeeld", `marker_sql`), with `last_review_public_id`."""
    assessed = assess_families(queryset, as_of=today, organisations=organisations)
    risen = Q(status_rank__gt=F("last_review_status_rank")) | Q(
        last_review_status_rank__isnull=True, status_rank__gt=STATUS_RANK[NONE]
    )
    return (
        assessed.filter(risen)
        .filter(status_rank__in=[STATUS_RANK[ATTENTION], STATUS_RANK[ACCUMULATION]])
        .annotate(last_review_public_id=Subquery(_last_review.values("public_id")[:1]))
        .order_by("pk")
    )


# Stands for the family's id in the SQL that `family_status_rises` compiles once: the one
# parameter of that value is replaced by the real id (never formatted into the SQL).
_ANY_FAMILY = -7_301_999_731


def family_status_rises(family, *, today):
    """`status_rises` of one family: [its row] when it rose, else []. The SQL is compiled
    once per database, day and the organisation's settings (`settings_key`: a lead who
    changes the thresholds gets new SQL), the family's id its only varying parameter:
    compiling the model's SQL cost ~8 ms of every observation saved (issue 21)."""
    organisation = family.organisation
    sql, params = sql_once(
        ("status_rises", today, settings_key(organisation)),
        lambda: status_rises(
            Family.objects.filter(pk=_ANY_FAMILY), today=today, organisations=[organisation]
        ),
    )
    at = [i for i, p in enumerate(params) if type(p) is int and p == _ANY_FAMILY]
    if len(at) != 1:  # not where it was meant to be: compile it for this family
        return list(
            status_rises(
                Family.objects.filter(pk=family.pk), today=today, organisations=[organisation]
            )
        )
    params = list(params)
    params[at[0]] = family.pk
    rows = list(Family.objects.raw(sql, params))
    # Raw rows are not converted as a queryset's are (SQLite gives a UUID as hex text).
    public_id = Review._meta.get_field("public_id")
    for row in rows:
        row.last_review_public_id = public_id.to_python(row.last_review_public_id)
        row.organisation = organisation  # `notify` reads it: no query to load it again
    return rows


def reviews_due(queryset, *, today):
    """Families of `queryset` whose last review's next date is today or past."""
    return (
        queryset.annotate(
            due_review_public_id=Subquery(_last_review.values("public_id")[:1]),
            due_review_on=Subquery(_last_review.values("next_review_on")[:1]),
        )
        .filter(due_review_on__lte=today)
        .select_related("contact_person")
        .order_by("pk")
    )


def checks_due(queryset, *, today):
    """Families in long-term support whose next check is today or past."""
    return (
        queryset.filter(long_term_support=True, next_check_on__lte=today)
        .select_related("contact_person")
        .order_by("pk")
    )
