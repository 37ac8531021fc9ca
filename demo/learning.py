"""Learning together in the demo (issue 20): Familie Smits improved. Help was organised
about seven months ago and the file was closed six weeks ago ("hulp georganiseerd", then
"afgesloten": the rule of learning.due), so its contact person (the ib) was invited, wrote
what made the difference, and the lead approved a version without names for the team's
page "wat werkte" and the catalogue's pages of its categories.

Idempotent. Backdated like the reviews (the app itself never does)."""

import datetime

from django.utils import timezone

from families.models import Family
from learning import due, services
from learning.models import WhatWorked, WhatWorkedReason
from organisations.models import Membership
from signals.models import Review, SignalCategory
from signals.reviews.services import review_record

from .observations import _moment
from .people import SCHOOL

FAMILY = "Familie Smits (groep 5)"
# A consultation the ib prepared last week, with the advice for one of its two families.
CONSULTED = ("Familie Visser (groep 4)", "Familie Jansen (groep 3)")
ADVICE = (
    "Vraag bij het volgende gesprek wat de ouders zelf als eerste zouden willen veranderen, "
    "en houd de ochtenden nog zes weken bij."
)
STORY = (
    "Moeder vroeg zelf om hulp toen het ziekenhuis te veel werd. De overbuurman vangt de "
    "jongste nu vast op, en de schoolmaatschappelijk werker regelde vervoer. Wat het verschil "
    "maakte: één vast aanspreekpunt op school en een plan voor de ziekenhuisdagen."
)
SHARED = (
    "Een ouder met een vaak ziek kind vroeg zelf om hulp. Wat het verschil maakte: één vast "
    "aanspreekpunt op school, een buurman die vaste dagen opvangt, en een plan voor de "
    "ziekenhuisdagen dat ouder, school en schoolmaatschappelijk werk samen maakten."
)
CATEGORIES = ("child-illness-disability", "supportive-network")
MULDER_STORY = (
    "Vader kreeg via het wijkteam hulp bij de schulden; sindsdien is het thuis rustiger en "
    "komen de kinderen weer op tijd."
)


def populate(demo):
    organisation = demo.organisations.get(SCHOOL)
    lead, ib = demo.users.get("lead"), demo.users.get("ib")
    family = Family.objects.filter(organisation=organisation, name=FAMILY).first()
    if family is None or lead is None or ib is None:
        return
    if WhatWorked.objects.filter(family=family).exists():
        return
    _what_worked(organisation, family, lead, ib)
    # The other rule: Familie Mulder fell from attention to quiet and stayed there; its
    # contact person (the leerkracht) is invited and wrote a first version.
    due.invite_due(today=timezone.localdate())
    mulder = WhatWorked.objects.filter(family__organisation=organisation).exclude(family=family)
    for item in mulder.select_related("invited__user"):
        services.what_worked_write(item=item, by=item.invited.user, story=MULDER_STORY)
    _consultation(organisation, ib)


def _consultation(organisation, ib):
    families = list(Family.objects.filter(organisation=organisation, name__in=CONSULTED))
    consultation = services.consultation_create(
        organisation=organisation,
        prepared_by=ib,
        title="Casusoverleg onderbouw",
        meets_on=timezone.localdate() - datetime.timedelta(days=7),
        agenda="Opening en mededelingen\nWat werkte: een casus die goed afliep",
        families=families,
    )
    vignette = consultation.vignettes.get(family__name=CONSULTED[0])
    services.outcome_record(
        vignette=vignette,
        by=ib,
        advice=ADVICE,
        follow_up_by=Membership.objects.get(user=ib, organisation=organisation),
    )


def _what_worked(organisation, family, lead, ib):
    for decision, days_ago, rationale in (
        ("help_arranged", 200, "Hulp via schoolmaatschappelijk werk, met moeder afgesproken."),
        ("closed", 42, "De hulp werkt; geen zorgen meer. Afgesloten."),
    ):
        review = review_record(
            family=family,
            lead=lead,
            decision=decision,
            rationale=rationale,
            # Closed: nothing to look at again (the working list does not follow it).
            next_review_on=None,
        )
        Review.objects.filter(pk=review.pk).update(created_at=_moment(days_ago, 10))
    if family not in due.closed_after_help(organisation):
        return
    item = services.what_worked_invite(family=family, reason=WhatWorkedReason.HELP_CLOSED)
    services.what_worked_write(item=item, by=ib, story=STORY)
    services.what_worked_approve(
        item=item,
        by=lead,
        shared_text=SHARED,
        categories=list(SignalCategory.objects.filter(code__in=CATEGORIES)),
        age_band="4-12",
    )
    WhatWorked.objects.filter(pk=item.pk).update(
        created_at=_moment(40, 9), written_at=_moment(35, 15), approved_at=_moment(30, 16)
    )
