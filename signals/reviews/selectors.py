from collections import OrderedDict

from django.db.models import OuterRef, Subquery

from families.extensions import read_once
from signals.observations.models import Observation
from signals.reviews.models import Review


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


def family_reviews_on_page(request, family):
    """The family's reviews, the last first (`Review.objects.last_of`'s order), with their
    lead: read once for all of the family page's providers."""
    reviews = Review.objects.filter(family=family).select_related("lead")
    return read_once(
        request, ("family_reviews", family.pk), lambda: list(reviews.order_by("-created_at", "-pk"))
    )
