"""The family page's review entries and assessment panel (see families/extensions.py)."""

from django.utils import timezone

from families.extensions import Panel, TimelineEntry
from organisations.models import Role

from .accumulation import RULE_TEXTS, STATUS_LABELS, assess_family
from .review_forms import QUESTION_TEXTS


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


def assessment_panels(family, request):
    membership = getattr(request, "membership", None)
    if membership is None or not membership.sees_cases:
        return []
    assessment = assess_family(family, as_of=timezone.localdate())
    return [
        Panel(
            template="signals/_assessment_panel.html",
            context={
                "assessment": assessment,
                "status_label": STATUS_LABELS[assessment.status],
                "rule_text": RULE_TEXTS[assessment.rule],
                "is_lead": membership.role == Role.LEAD,
                "family": family,
            },
            order=10,
        )
    ]
