from django.utils import timezone

from families.extensions import Panel
from organisations.models import Role
from signals.accumulation import RULE_TEXTS, STATUS_LABELS, assess_family
from signals.notes.selectors import family_notes_once
from signals.observations.selectors import family_observations_once
from signals.reviews.selectors import family_reviews_once


def assessment_panels(family, request):
    membership = getattr(request, "membership", None)
    if membership is None or not membership.sees_cases:
        return []
    assessment = assess_family(
        family,
        as_of=timezone.localdate(),
        review=next(iter(family_reviews_once(request, family)), None),
        observations=family_observations_once(request, family),
        notes=family_notes_once(request, family),
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
