from collections import OrderedDict

from django.db.models import OuterRef, Subquery

from signals.observations.models import Observation
from signals.reviews.models import Review


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
    latest_review = Review.objects.filter(family=OuterRef("family_id")).order_by(
        "-created_at", "-pk"
    )
    observations = observations.annotate(
        review_decision=Subquery(latest_review.values("decision")[:1]),
        review_at=Subquery(latest_review.values("created_at")[:1]),
        review_confidential=Subquery(latest_review.values("confidential")[:1]),
        review_lead=Subquery(latest_review.values("lead_id")[:1]),
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
