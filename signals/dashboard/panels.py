from django.utils import timezone

from families.extensions import Panel
from organisations.models import Role
from signals.accumulation import RULE_TEXTS, STATUS_LABELS, assess_family
from signals.notes.selectors import family_notes_on_page
from signals.observations.selectors import family_observations_on_page
from signals.reviews.selectors import family_reviews_on_page


def assessment_panels(family, request):
    membership = getattr(request, "membership", None)
    if membership is None or not membership.sees_cases:
        return []
    # What the timeline read already: the model's figures without reading them again.
    reviews = family_reviews_on_page(request, family)
    assessment = assess_family(
        family,
        as_of=timezone.localdate(),
        review=reviews[0] if reviews else None,
        observations=family_observations_on_page(request, family),
        notes=family_notes_on_page(request, family),
    )
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
