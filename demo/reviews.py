"""Reviews in the demo: one piling-up family reviewed, so its "new since last review" clears.

The acute family stays unreviewed on purpose: the lead sees it first. Idempotent.
"""

import datetime

from django.utils import timezone

from families.models import Family
from signals.accumulation import ACCUMULATION, STATUS_RANK, assess_families
from signals.models import Review
from signals.reviews.services import review_record

from .people import SCHOOL

RATIONALE = (
    "Besproken met de leerkracht en de intern begeleider. Moeder staat open voor een gesprek "
    "en er is hulp via het wijkteam in gang gezet. Geen acute onveiligheid: we blijven volgen "
    "en kijken over zes weken opnieuw."
)


def populate(demo):
    organisation = demo.organisations.get(SCHOOL)
    lead = demo.users.get("lead")
    if organisation is None or lead is None:
        return
    families = Family.objects.filter(organisation=organisation)
    if Review.objects.filter(family__in=families, rationale=RATIONALE).exists():
        return
    today = timezone.localdate()
    piling_up = (
        assess_families(families, as_of=today, organisations=[organisation])
        .filter(status_rank=STATUS_RANK[ACCUMULATION])
        .order_by("score_quarters", "name")
        .first()
    )
    if piling_up is None:
        return
    review_record(
        family=piling_up,
        lead=lead,
        decision="help_arranged",
        rationale=RATIONALE,
        next_review_on=today + datetime.timedelta(weeks=6),
        q1_suspicion=True,
        q1_reason="Meerdere signalen over draagkracht en onrust thuis.",
        q2_unsafety=False,
        q2_reason="Geen aanwijzingen voor direct gevaar; kind is veilig op school en thuis.",
        q3_can_help=True,
        q3_reason="Wijkteam en schoolmaatschappelijk werk zijn betrokken.",
        q4_accepted=True,
        q4_reason="Moeder heeft ingestemd met de hulp.",
    )
