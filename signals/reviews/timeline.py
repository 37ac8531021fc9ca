from families.extensions import TimelineEntry
from signals.reviews.selectors import family_reviews_on_page


def review_entries(family, request):
    entries = []
    for review in family_reviews_on_page(request, family):
        answers = [
            (question, answer, reason)
            for question, answer, reason in review.weighing()
            if answer is not None or reason
        ]
        entries.append(
            TimelineEntry(
                at=review.created_at,
                template="signals/_review_entry.html",
                context={"review": review, "answers": answers},
                css_class="review",
            )
        )
    return entries
