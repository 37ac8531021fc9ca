"""The demo's region (Samenwerken): De Regenboog, Het Speelhuis and Consultatiebureau Zuid
form Gemeente Zuidstad. The consultatiebureau holds the Jansen children too; the school's
ib and the consultatiebureau raised an involvement signal, matched, and both recorded the
parents' consent, so the family page shows the pile-up across organisations. Het Speelhuis
handed Liam over warmly to De Regenboog, whose lead accepted it. Without STAP0_MATCH_KEY
only the region and the handover are made (the feature is off)."""

import datetime

from django.utils import timezone

from collaboration import services as collaboration
from collaboration import tokens
from collaboration.models import Handover, InvolvementSignal, Match, Region
from families import services as families
from families.models import Child
from organisations.models import Membership
from signals.models import Observation, SignalCategory
from signals.services import observation_record

from .people import CHILDCARE, HEALTH, REGION, SCHOOL

JANSEN = "Familie Jansen (groep 3)"


def populate(demo):
    if Region.objects.filter(name=REGION).exists():
        return
    today = timezone.localdate()
    region = collaboration.region_create(name=REGION)
    leads = {SCHOOL: "lead", CHILDCARE: "speelhuis_lead", HEALTH: "cb"}
    for name, lead in leads.items():
        organisation = demo.organisations[name]
        collaboration.region_add(region=region, organisation=organisation)
        collaboration.region_opt_in(
            organisation=organisation, lead=demo.users[lead], take_part=True
        )
    school_family = demo.organisations[SCHOOL].families.get(name=JANSEN)
    for child in school_family.children.all():
        families.child_update(
            child=child,
            first_name=child.first_name,
            birth_date=child.birth_date,
            group_name=child.group_name,
            last_name="Jansen",
        )
    cb_family = _consultatiebureau_family(demo, school_family, today)
    if tokens.enabled():
        _match(demo, school_family, cb_family, today)
    _handover(demo, today)


def _consultatiebureau_family(demo, school_family, today):
    cb = demo.users["cb"]
    organisation = demo.organisations[HEALTH]
    family = families.family_create(
        organisation=organisation,
        name="Gezin Jansen",
        created_by=cb,
        contact_person=Membership.objects.get(user=cb, organisation=organisation),
    )
    for child in school_family.children.all():
        # Typed as the consultatiebureau types it: the match does not mind.
        families.child_add(
            family=family,
            first_name=child.first_name.upper(),
            last_name="jansen",
            birth_date=child.birth_date,
        )
    used = Observation.objects.filter(family=school_family).values("category")
    categories = SignalCategory.objects.filter(kind="risk", organisation__isnull=True).exclude(
        pk__in=used
    )[:2]
    texts = [
        "Moeder oogt uitgeput bij het consult; slaapt slecht sinds de verhuizing.",
        "Mila is bij het consult twee keer gemist; moeder vergat de afspraak.",
    ]
    for days_ago, category, text in zip((40, 12), categories, texts, strict=False):
        observation_record(
            family=family,
            category=category,
            severity=2,
            observed_on=today - datetime.timedelta(days=days_ago),
            observer=cb,
            description=text,
        )
    return family


def _match(demo, school_family, cb_family, today):
    informed = today - datetime.timedelta(days=3)
    mila_school = school_family.children.get(first_name="Mila")
    mila_cb = Child.objects.get(family=cb_family, first_name="MILA")
    collaboration.signal_raise(
        child=mila_school, raised_by=demo.users["ib"], parents_informed_on=informed
    )
    collaboration.signal_raise(
        child=mila_cb, raised_by=demo.users["cb"], parents_informed_on=informed
    )
    match = Match.objects.live().get(first__child__in=[mila_school, mila_cb])
    for child, user in ((mila_school, demo.users["ib"]), (mila_cb, demo.users["cb"])):
        collaboration.consent_record(
            child=child,
            match=str(match.public_id),
            recorded_by=user,
            given_on=today,
            scope="domains",
        )
    assert InvolvementSignal.objects.live().count() == 2


def _handover(demo, today):
    speelhuis = demo.organisations[CHILDCARE]
    family = speelhuis.families.get(name="Familie Peters (peutergroep)")
    liam = family.children.get(first_name="Liam")
    if not liam.last_name:
        families.child_update(
            child=liam,
            first_name=liam.first_name,
            birth_date=liam.birth_date,
            group_name=liam.group_name,
            last_name="Peters",
        )
    handover = collaboration.handover_create(
        child=liam,
        created_by=demo.users["speelhuis"],
        to_organisation=demo.organisations[SCHOOL],
        consent_on=today - datetime.timedelta(days=7),
        going_well=(
            "Liam speelt graag met de blokken en met zijn vriendje Noah. Hij komt rustig "
            "binnen als hij een vast plekje heeft; moeder brengt hem altijd zelf."
        ),
    )
    collaboration.handover_accept(
        handover=Handover.objects.get(pk=handover.pk),
        lead=demo.users["lead"],
        family_name="Familie Peters",
    )
