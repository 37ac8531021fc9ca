from families.extensions import TimelineEntry
from organisations.models import Role


def review_entries(family, request):
    membership = getattr(request, "membership", None)
    is_lead = membership is not None and membership.role == Role.LEAD
    entries = []
    reviews = family.reviews.select_related("lead").prefetch_related("agreements__owner__user")
    for review in reviews.order_by("-created_at"):
        answers = [
            (question, answer, reason)
            for question, answer, reason in review.weighing()
            if answer is not None or reason
        ]
        entries.append(
            TimelineEntry(
                at=review.created_at,
                template="signals/_review_entry.html",
                context={
                    "review": review,
                    "answers": answers,
                    "review_agreements": list(review.agreements.all()),
                    "is_lead": is_lead,
                },
                css_class="review",
            )
        )
    return entries
