"""The family page's parts of talking with parents: the conversations on the timeline, and a
panel with how many current concerns were discussed with the parents."""

from django.utils import timezone

from families.extensions import Panel, TimelineEntry
from signals.accumulation import assess_family
from signals.notes.selectors import family_notes_once
from signals.observations.selectors import family_observations_once
from signals.parents import selectors
from signals.reviews.selectors import family_reviews_once


def conversation_entries(family, request):
    """Each conversation with the parents is an entry of its own: when it was held (or,
    while only prepared, when it was prepared)."""
    conversations = selectors.family_conversations_once(request, family)
    return [
        TimelineEntry(
            at=c.recorded_at or c.created_at,
            template="signals/_conversation_entry.html",
            context={"conversation": c, "raised_count": c.raised_count if c.is_recorded else 0},
            css_class="parents",
        )
        for c in conversations
    ]


def parents_panel(family, request):
    membership = getattr(request, "membership", None)
    if membership is None or not membership.sees_cases:
        return []
    today = timezone.localdate()
    # The rows the timeline read already: no query for the count nor for the status.
    observations = family_observations_once(request, family)
    discussed, total = selectors.coverage_of(
        observations, organisation=family.organisation, as_of=today
    )
    not_yet = False
    if total and not discussed:
        assessment = assess_family(
            family,
            as_of=today,
            review=next(iter(family_reviews_once(request, family)), None),
            observations=observations,
            notes=family_notes_once(request, family),
        )
        not_yet = selectors.not_yet_discussed(assessment.status, discussed, total)
    return [
        Panel(
            template="signals/_parents_panel.html",
            context={
                "family": family,
                "discussed": discussed,
                "total": total,
                "not_yet": not_yet,
                "conversations": selectors.family_conversations_once(request, family)[:5],
                "corrections": list(selectors.family_correction_requests(request, family)[:5]),
            },
            order=15,
        )
    ]
