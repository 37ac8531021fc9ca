"""stap0's draft of a vignette: a family's file told in figures and catalogue words only.

What the draft takes: the children's age bands and groups, the status now, the risk
categories and how often each was logged per quarter of the last year, the protective
factors and how many "wat goed gaat" notes there are, and what was tried (the reviews'
decisions by month, the agreements by outcome, how many conversations with the parents).
What it never takes: a name, a date of birth, a description, a rationale, a note's text.
"""

import datetime
from collections import Counter, defaultdict

from django.db.models import Count

from learning.names import names_in
from signals.accumulation import STATUS_LABELS, assess_family
from signals.catalogue.models import AgeGroup
from signals.models import (
    Agreement,
    AgreementStatus,
    ColleagueNote,
    Conversation,
    LatestObservation,
    NoteKind,
    Review,
)

QUARTERS = 4


def age_band(birth_date, today):
    years = (today - birth_date).days // 365
    if years < 4:
        return AgeGroup.TODDLER.value
    if years < 12:
        return AgeGroup.CHILD.value
    return AgeGroup.TEEN.value


def quarter_of(day):
    return day.year, (day.month - 1) // 3 + 1


def last_quarters(today, n=QUARTERS):
    """The last `n` quarters up to `today`'s, oldest first: [(year, quarter)]."""
    year, quarter = quarter_of(today)
    found = []
    for _ in range(n):
        found.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return found[::-1]


def quarter_start(year, quarter):
    return datetime.date(year, 3 * (quarter - 1) + 1, 1)


def _categories(family, quarters):
    """Risk and protective categories of the latest versions, counted per quarter."""
    start = quarter_start(*quarters[0])
    rows = (
        LatestObservation.objects.filter(
            family=family, observed_on__gte=start, observation__confidential=False
        )
        .values("category__code", "category__name", "category__kind", "risk", "observed_on")
        .order_by()
    )
    per = defaultdict(Counter)
    info = {}
    for row in rows:
        code = row["category__code"]
        info[code] = (row["category__name"], row["risk"])
        per[code][quarter_of(row["observed_on"])] += 1
    risks, protective = [], []
    for code, counts in per.items():
        name, risk = info[code]
        item = {
            "code": code,
            "name": name,
            "course": [counts.get(q, 0) for q in quarters],
            "total": sum(counts.values()),
        }
        (risks if risk else protective).append(item)
    risks.sort(key=lambda i: (-i["total"], i["name"]))
    protective.sort(key=lambda i: (-i["total"], i["name"]))
    return risks, protective


def _tried(family):
    decisions = [
        {"month": review.created_at.strftime("%Y-%m"), "decision": review.decision}
        for review in Review.objects.filter(family=family, confidential=False).order_by(
            "created_at"
        )
    ]
    agreements = dict(
        Agreement.objects.filter(family=family)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        "decisions": decisions,
        "agreements": {s.value: agreements.get(s.value, 0) for s in AgreementStatus},
        "conversations": Conversation.objects.filter(family=family).count(),
    }


def draft_for(family, *, today, names=frozenset()):
    """The draft of `family`'s vignette (a JSON-able dict, no names). A group whose label
    holds one of `names` (say "groep 5 juf Anja") is left out."""
    quarters = last_quarters(today)
    risks, protective = _categories(family, quarters)
    children = list(family.children.values_list("birth_date", "group_name"))
    assessment = assess_family(family, as_of=today)
    return {
        "made_on": today.isoformat(),
        "quarters": [f"K{q} {y}" for y, q in quarters],
        "children": len(children),
        "age_bands": sorted({age_band(birth, today) for birth, _ in children}),
        "groups": sorted({g for _, g in children if g and not names_in(g, names)}),
        "status": assessment.status,
        "risks": risks,
        "protective": protective,
        "going_well_notes": ColleagueNote.objects.filter(
            family=family, kind=NoteKind.GOING_WELL, confidential=False
        ).count(),
        "tried": _tried(family),
    }


def status_label(status):
    return STATUS_LABELS.get(status, status)
