from collections import OrderedDict

from django.db.models import OuterRef, Subquery

from families.extensions import per_request
from organisations.models import Membership
from organisations.scoping import CASE_ROLES, scoped, scoped_within_file
from signals.observations.models import Observation
from signals.reviews.models import Agreement, AgreementStatus, Review

# "Mijn afspraken" shows this many finished agreements under the open ones.
RECENTLY_CLOSED = 10


def my_signals(user, organisation, *, readable_families=None, reads_confidential=False):
    """What `user` logged (any version of a chain), latest versions, grouped per family.

    Returns [{family, observations, review (latest) or None, reads_file}] in a fixed number
    of queries. `readable_families` (pks, a queryset; None: all) are the files the user reads
    (need-to-know: the others show their name only); a confidential review shows only that
    it exists unless `reads_confidential` (a lead).
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
        review_confidential=Subquery(last_review.values("confidential")),
        review_lead=Subquery(last_review.values("lead_id")),
    )
    readable = None
    if readable_families is not None:
        readable = set(readable_families.values_list("pk", flat=True))
    grouped = OrderedDict()
    for obs in observations:
        entry = grouped.setdefault(
            obs.family_id,
            {
                "family": obs.family,
                "observations": [],
                "review": None,
                "reads_file": readable is None or obs.family_id in readable,
            },
        )
        entry["observations"].append(obs)
        if obs.review_decision and entry["review"] is None:
            review = Review(
                decision=obs.review_decision,
                created_at=obs.review_at,
                confidential=bool(obs.review_confidential),
                lead_id=obs.review_lead,
            )
            review.hidden = review.confidential and not reads_confidential
            entry["review"] = review
    return list(grouped.values())


def agreement_owners(organisation):
    """Whom an agreement can be given to: the organisation's active professionals and leads."""
    return list(
        Membership.objects.active()
        .filter(organisation=organisation, role__in=CASE_ROLES)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user__username")
    )


def family_agreements_once(request, family):
    """The agreements of `family` the user reads (organisations.scoping), with their owners,
    by date, read once per request: the family page's agreements panel and its reviews on
    the timeline (each with its own agreements) both show them."""
    return per_request(
        request,
        ("family_agreements", family.pk),
        lambda: list(
            scoped_within_file(request, Agreement.objects.all(), family)
            .select_related("owner__user", "closed_by")
            .order_by("due_on", "pk")
        ),
    )


def family_agreements(agreements):
    """The family's agreements (`agreements`: those of one family the reader may read, with
    their owners): open ones by date first, then the finished, newest first."""
    items = list(agreements)
    open_items = sorted((a for a in items if a.is_open), key=lambda a: (a.due_on, a.pk))
    closed = sorted(
        (a for a in items if not a.is_open), key=lambda a: (a.closed_at, a.pk), reverse=True
    )
    return open_items, closed


def my_agreements(agreements, membership, *, closed_limit=RECENTLY_CLOSED):
    """(open agreements of `membership` by date, its recently finished ones): two queries.

    `agreements`: those the member may read (organisations.scoping: need-to-know), so that a
    member who left a family's team no longer sees its agreements here."""
    mine = agreements.filter(owner=membership).select_related("family")
    open_items = list(mine.filter(status=AgreementStatus.OPEN).order_by("due_on", "pk"))
    closed = list(
        mine.exclude(status=AgreementStatus.OPEN).order_by("-closed_at", "-pk")[:closed_limit]
    )
    return open_items, closed


def my_open_agreements_once(request, membership, *, found=None):
    """The open agreements of `membership` by date (`my_agreements`' first list, with their
    families), read once per request. A page that read them with its own query already (the
    working list: `signals.dashboard.selectors._agreements`) passes them as `found`."""
    return per_request(
        request,
        ("my_open_agreements", membership.pk),
        lambda: (
            found
            if found is not None
            else my_agreements(
                scoped(request, Agreement.objects.all()), membership, closed_limit=0
            )[0]
        ),
    )


def family_reviews_once(request, family):
    """The family's reviews with their leads, latest first (the first is `last_of`), read
    once per request: the family page's timeline and assessment panel both use them."""
    return per_request(
        request,
        ("family_reviews", family.pk),
        lambda: list(
            Review.objects.filter(family=family)
            .select_related("lead")
            .order_by("-created_at", "-pk")
        ),
    )
