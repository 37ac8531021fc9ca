"""Reviews in the demo, ending in agreements: the lead's Monday working list has something
in every section.

- Familie Visser (risks piling up) was reviewed twelve days ago, through the afwegingskader;
  of its three agreements one is overdue, and a new risk was logged since: it waits.
- Familie Jansen (vraagstuk 2: a mother with a lasting intellectual disability) was reviewed
  with two agreements and is followed; her LVB, logged well over a year ago, still counts.
- The acute family (Gezin R.) stays unreviewed on purpose: the lead sees it first, and can
  clear it only through the afwegingskader.

Idempotent. Like the observations, the reviews are backdated (the app itself never does).
"""

import datetime

from django.utils import timezone

from families.models import Family
from organisations.models import Membership
from signals.models import Agreement, Review
from signals.reviews.services import review_record

from .observations import _moment
from .people import SCHOOL

RATIONALE = (
    "Besproken met de leerkracht en de intern begeleider. Moeder staat open voor een gesprek "
    "en er is hulp via het wijkteam in gang gezet. Geen acute onveiligheid: we blijven volgen "
    "en kijken over zes weken opnieuw."
)
JANSEN_RATIONALE = (
    "De verstandelijke beperking van moeder blijft; zij vraagt zelf om hulp en oma, de "
    "buurvrouw en het wijkteam dragen mee. Geen vermoeden van kindermishandeling. Wel "
    "blijven volgen: de schoolstart van Mila vraagt veel van moeder."
)

# family, days ago, lead's review, agreements: (who, what, due in days; negative: overdue)
REVIEWS = (
    (
        "Familie Visser (groep 4)",
        12,
        {
            "decision": "help_arranged",
            "rationale": RATIONALE,
            "next_in_days": 30,
            "q1_suspicion": True,
            "q1_reason": "Meerdere signalen over draagkracht en onrust thuis.",
            "q2_unsafety": False,
            "q2_reason": "Geen aanwijzingen voor direct gevaar; kind is veilig op school en thuis.",
            "q3_can_help": True,
            "q3_reason": "Wijkteam en schoolmaatschappelijk werk zijn betrokken.",
            "q4_accepted": True,
            "q4_reason": "Moeder heeft ingestemd met de hulp.",
        },
        (
            (
                "ib",
                "Gesprek met oma en het wijkteam: wie helpt 's ochtends met Sophie en Luuk?",
                -4,
            ),
            ("leerkracht", "Elke ochtend even bij Sophie langs: hoe was het thuis?", 16),
            ("lead", "Wijkteam bellen over het crisisplan als moeder weer thuiskomt.", 5),
        ),
    ),
    (
        "Familie Jansen (groep 3)",
        20,
        {
            "decision": "monitor",
            "rationale": JANSEN_RATIONALE,
            "next_in_days": 40,
            "q1_suspicion": False,
            "q1_reason": "Zorgen over draagkracht, geen vermoeden van geweld of verwaarlozing.",
        },
        (
            (
                "ib",
                "Achtwekelijks gesprek met moeder: post, geldzaken en de schoolstart van Mila.",
                20,
            ),
            (
                "leerkracht",
                "Brieven over de schoolstart van Mila altijd ook mondeling uitleggen aan moeder.",
                30,
            ),
        ),
    ),
)


def populate(demo):
    organisation = demo.organisations.get(SCHOOL)
    lead = demo.users.get("lead")
    if organisation is None or lead is None:
        return
    families = {f.name: f for f in Family.objects.filter(organisation=organisation)}
    if Review.objects.filter(family__in=families.values(), rationale=RATIONALE).exists():
        return
    today = timezone.localdate()
    members = {
        m.user.username: m
        for m in Membership.objects.filter(organisation=organisation).select_related("user")
    }
    for name, days_ago, answers, agreements in REVIEWS:
        family = families.get(name)
        if family is None:
            continue
        answers = dict(answers)
        next_in = answers.pop("next_in_days")
        review = review_record(
            family=family,
            lead=lead,
            next_review_on=today + datetime.timedelta(days=next_in),
            agreements=[
                {
                    "what": what,
                    "owner": members[who],
                    "due_on": today + datetime.timedelta(days=max(due, 1)),
                }
                for who, what, due in agreements
            ],
            **answers,
        )
        # Backdated: recorded `days_ago`, and an agreement past its date.
        Review.objects.filter(pk=review.pk).update(created_at=_moment(days_ago, 11))
        for agreement, (_who, _what, due) in zip(
            review.agreements.order_by("pk"), agreements, strict=True
        ):
            Agreement.objects.filter(pk=agreement.pk).update(
                created_at=_moment(days_ago, 11), due_on=today + datetime.timedelta(days=due)
            )
