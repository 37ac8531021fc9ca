from django.utils.translation import gettext as _

from families.extensions import TimelineEntry
from organisations.models import Role
from organisations.scoping import reads_whole_file, scoped_within_file
from signals.observations.timeline import confidential_entry
from signals.reviews.models import Review
from signals.reviews.selectors import family_agreements_once, family_reviews_once


def review_entries(family, request):
    """The lead's reviews with the agreements they end in; a confidential one (by default a
    report to Veilig Thuis) shows the team only that it exists, its date and whom to ask."""
    membership = getattr(request, "membership", None)
    is_lead = membership is not None and membership.role == Role.LEAD
    reviews = family_reviews_once(request, family)
    if reads_whole_file(request, Review, family):
        readable = {review.pk for review in reviews}
    else:
        readable = set(
            scoped_within_file(request, Review.objects.all(), family)
            .order_by()
            .values_list("pk", flat=True)
        )
    # A review the user reads is not confidential to them: they read all its agreements.
    agreements = family_agreements_once(request, family) if readable else []
    entries = []
    for review in reviews:
        if review.pk not in readable:
            entries.append(
                confidential_entry(
                    at=review.created_at,
                    what=_("Vertrouwelijke beoordeling"),
                    date=review.created_at,
                    author=review.lead,
                )
            )
            continue
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
                    "review_agreements": [a for a in agreements if a.review_id == review.pk],
                    "is_lead": is_lead,
                },
                css_class="review",
            )
        )
    return entries
