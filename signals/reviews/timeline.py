from families.extensions import TimelineEntry
from signals.reviews.forms import QUESTION_TEXTS


def review_entries(family, request):
    entries = []
    for review in family.reviews.select_related("lead").order_by("-created_at"):
        answers = [
            (text, getattr(review, answer), getattr(review, reason))
            for answer, reason, text in QUESTION_TEXTS
            if getattr(review, answer) is not None or getattr(review, reason)
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
