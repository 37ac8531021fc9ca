from collections import OrderedDict

from django.db.models import OuterRef, Subquery

from organisations.models import Membership
from organisations.scoping import CASE_ROLES
from signals.observations.models import Observation
from signals.reviews.models import Agreement, AgreementStatus, Review

# "Mijn afspraken" shows this many finished agreements under the open ones.
RECENTLY_CLOSED = 10


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
    last_review = Review.objects.last_of(OuterRef("family_id"))
    observations = observations.annotate(
        review_decision=Subquery(last_review.values("decision")),
        review_at=Subquery(last_review.values("created_at")),
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


def agreement_owners(organisation):
    """Whom an agreement can be given to: the organisation's active professionals and leads."""
    return list(
        Membership.objects.active()
        .filter(organisation=organisation, role__in=CASE_ROLES)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user__username")
    )


def family_agreements(family):
    """The family's agreements: open ones by date first, then the finished, newest first."""
    items = list(Agreement.objects.filter(family=family).select_related("owner__user", "closed_by"))
    open_items = sorted((a for a in items if a.is_open), key=lambda a: (a.due_on, a.pk))
    closed = sorted(
        (a for a in items if not a.is_open), key=lambda a: (a.closed_at, a.pk), reverse=True
    )
    return open_items, closed


def my_agreements(membership, *, closed_limit=RECENTLY_CLOSED):
    """(open agreements of `membership` by date, its recently finished ones): two queries."""
    mine = Agreement.objects.filter(owner=membership).select_related("family")
    open_items = list(mine.filter(status=AgreementStatus.OPEN).order_by("due_on", "pk"))
    closed = list(
        mine.exclude(status=AgreementStatus.OPEN).order_by("-closed_at", "-pk")[:closed_limit]
    )
    return open_items, closed
