from django.utils import timezone

from families.extensions import Panel
from organisations.models import Role
from signals.accumulation import NONE, RULE_TEXTS, STATUS_LABELS, assess_family, statuses_by_family
from signals.notes.selectors import family_notes_once
from signals.observations.selectors import family_observations_once
from signals.reviews.selectors import family_reviews_once


def status_badges(families, request):
    """The family list's badges: acute, accumulation or attention, one query for the page."""
    membership = getattr(request, "membership", None)
    if membership is None or not membership.sees_cases:
        return {}
    statuses = statuses_by_family(
        [f.pk for f in families],
        as_of=timezone.localdate(),
        organisation=membership.organisation,  # the list is the viewer's organisation's
    )
    return {
        pk: [(STATUS_LABELS[status], f"status-{status}")]
        for pk, status in statuses.items()
        if status != NONE
    }


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
    status = {"assessment": assessment, "status_label": STATUS_LABELS[assessment.status]}
    return [
        # The status (acute first) in the family's header, and what to do when acute.
        Panel(template="signals/_family_status.html", context=status, order=10, place="header"),
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
        ),
    ]
