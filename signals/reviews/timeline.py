from families.extensions import TimelineEntry


def review_entries(family, request):
    entries = []
    for review in family.reviews.select_related("lead").order_by("-created_at"):
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
