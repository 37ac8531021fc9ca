"""Observation histories for the demo families (`load_demo`), over the last 18 months.

Made-up, in the project's own words: quiet families (nothing, or one light worry
long ago, some protective factors), a few with one worry, a few where risks pile
up recently with several colleagues seeing them, one acute observation last
week, some corrections, notes of every kind and open "kijk je mee?" requests.
Idempotent: an organisation that already has observations is left alone.
"""

import datetime
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Min
from django.utils import timezone

from families.models import Family
from signals import services
from signals.models import ColleagueNote, LookRequest, Observation, SignalCategory
from signals.observations.immutability import purge_allowed
from signals.observations.triggers import REBUILD_LATEST

from .families import FAMILY_NAMES
from .people import CHILDCARE, SCHOOL


@dataclass
class Obs:
    who: str
    code: str
    severity: int
    days_ago: int
    text: str
    child: str | None = None
    discussed: str = "not_yet"
    response: str = ""
    acute: bool = False
    # a child's disclosure: only the observer and the leads read it (need-to-know)
    confidential: bool = False
    # corrections of this observation: (who, days after, reason, {changes})
    amend: list = field(default_factory=list)


@dataclass
class Note:
    who: str
    kind: str
    days_ago: int
    text: str


@dataclass
class Ask:
    who: str
    to: str
    days_ago: int
    message: str


HISTORIES = {
    SCHOOL: {
        # Quiet: one light worry long ago, protective factors since.
        "Familie Jansen (groep 3)": [
            Obs(
                "ib",
                "parent-intellectual-disability",
                1,
                430,
                "Moeder vertelt bij de intake dat lezen en schrijven haar moeite kost en dat "
                "ze brieven van school vaak niet begrijpt. Ze vraagt of we dingen ook willen "
                "uitleggen als ze Daan komt halen.",
                discussed="yes",
                response="Moeder bracht het zelf ter sprake; blij met de afspraak.",
            ),
            Obs(
                "ib",
                "parent-asks-help",
                2,
                95,
                "Moeder kwam zelf langs omdat een brief van de woningcorporatie haar "
                "ongerust maakte. Samen gelezen en de schuldhulp gebeld.",
                discussed="yes",
                response="Opgelucht; wil dit vaker zo doen.",
            ),
            Note(
                "leerkracht",
                "going_well",
                40,
                "Daan vertelt trots over het voorleesboek dat moeder met hem uit de bieb haalde.",
            ),
        ],
        # One worry: the parents' separation.
        "Familie El Idrissi (groep 7)": [
            Obs(
                "leerkracht",
                "family-conflict-divorce",
                2,
                70,
                "Vader en moeder kwamen los van elkaar naar het rapportgesprek en spraken "
                "elkaar op de gang boos aan. Adam huilde toen hij het zag.",
                child="Adam",
                discussed="yes",
                response="Beide ouders schrokken ervan en willen het buiten de kinderen houden.",
            ),
            Obs(
                "leerkracht",
                "co-parenting",
                1,
                30,
                "Ouders hebben een schema gemaakt voor het halen en brengen en houden zich "
                "eraan; Adam weet nu elke dag bij wie hij slaapt.",
                child="Adam",
                discussed="yes",
            ),
            Note(
                "ib",
                "advice",
                60,
                "Tip: geef beide ouders dezelfde informatie, ook over de rapporten. "
                "Dat voorkomt dat Adam boodschapper wordt.",
            ),
        ],
        # Risks piling up recently, seen by several colleagues.
        "Familie De Boer (groep 1)": [
            Obs(
                "ib",
                "family-single-parent",
                1,
                330,
                "Vader voedt Finn en Lotte alleen op sinds moeder vertrok; hij werkt in "
                "ploegendienst.",
                discussed="yes",
                response="Vader zegt dat het zwaar is maar dat het lukt.",
            ),
            Obs(
                "ib",
                "env-debts",
                2,
                75,
                "Vader vertelt dat er een beslag op zijn loon ligt en dat de huur al twee "
                "maanden achterloopt.",
                discussed="yes",
                response="Vader schaamt zich; wil schuldhulp maar heeft nog niet gebeld.",
            ),
            Obs(
                "leerkracht",
                "hunger",
                2,
                42,
                "Finn heeft de derde keer deze week geen eten bij zich en vraagt andere "
                "kinderen om hun brood.",
                child="Finn",
            ),
            Obs(
                "jeugdarts",
                "medical-care-missed",
                2,
                28,
                "Lotte is twee keer niet verschenen op het spreekuur; de oproep voor de "
                "vaccinatie is niet beantwoord.",
                child="Lotte",
            ),
            Obs(
                "leerkracht",
                "hygiene-poor",
                2,
                19,
                "Finn draagt al een week dezelfde kleren, ze ruiken en hij heeft "
                "luieruitslag-achtige plekken; klasgenoten gaan niet naast hem zitten.",
                child="Finn",
                amend=[
                    (
                        "leerkracht",
                        1,
                        "Geen luieruitslag: dat was een aanname. Ik beschrijf alleen wat ik zag.",
                        {
                            "description": "Finn draagt al een week dezelfde kleren en ze "
                            "ruiken; klasgenoten gaan niet naast hem zitten."
                        },
                    )
                ],
            ),
            Obs(
                "leerkracht",
                "school-absence",
                2,
                9,
                "Lotte was deze maand vijf ochtenden afwezig zonder bericht; vader zegt "
                "dat hij zich versliep na de nachtdienst.",
                child="Lotte",
                discussed="yes",
                response="Vader erkent het en zegt dat hij een wekker voor Lotte koopt.",
            ),
            Note(
                "jeugdarts",
                "recognition",
                25,
                "Ik herken dit: op het spreekuur zag ik ook een vermoeide vader die veel "
                "tegelijk moet. Ik zou schuldhulp en het wijkteam samen laten aansluiten.",
            ),
            Note(
                "leerkracht",
                "question",
                18,
                "Weet iemand of er al contact is met het wijkteam? Ik wil vader niet overvallen.",
            ),
        ],
        "Familie Visser (groep 4)": [
            Obs(
                "jeugdarts",
                "parent-psychiatric",
                3,
                62,
                "Moeder is opnieuw opgenomen; oma vangt Sophie en Luuk op. Het crisisplan "
                "van het wijkteam is in werking.",
                discussed="yes",
                response="Oma is open en belt de school als er iets verandert.",
            ),
            Obs(
                "leerkracht",
                "withdrawn",
                2,
                33,
                "Sophie zit in de pauze alleen, doet niet meer mee met tikkertje en "
                "reageert nauwelijks als ik haar aanspreek.",
                child="Sophie",
                amend=[
                    (
                        "leerkracht",
                        2,
                        "Ernst te hoog ingeschat; na overleg met de ib'er bijgesteld.",
                        {"severity": 1},
                    )
                ],
            ),
            Obs(
                "ib",
                "parentification",
                2,
                16,
                "Sophie vertelt dat zij 's ochtends Luuk aankleedt en zijn brood smeert "
                "'omdat oma moe is'.",
                child="Sophie",
            ),
            Obs(
                "leerkracht",
                "school-absence",
                1,
                8,
                "Sophie kwam drie keer te laat deze week.",
                child="Sophie",
                discussed="yes",
                response="Oma zegt dat Luuk slecht slaapt sinds moeder weg is.",
            ),
            Obs(
                "ib",
                "supportive-network",
                2,
                50,
                "Oma woont om de hoek en neemt de zorg voor de kinderen over als moeder "
                "is opgenomen.",
                discussed="yes",
            ),
            Note(
                "ib",
                "different_view",
                14,
                "Ik zie het iets anders: Sophie praat met mij wel open over thuis. Ik denk "
                "dat ze vooral moe is en moeder mist; het netwerk is sterk.",
            ),
            Ask(
                "leerkracht",
                "ib",
                3,
                "Sophie is sinds gisteren weer erg stil. Wil je even meekijken of dit bij "
                "het beeld past of dat er iets nieuws is?",
            ),
        ],
        # Acute in the last week.
        "Gezin R. (groep 6)": [
            Obs(
                "leerkracht",
                "aggressive",
                1,
                160,
                "R. schopte een klasgenoot na een woordenwisseling; kalmeerde snel en bood "
                "zelf excuses aan.",
                child="R.",
                discussed="yes",
                response="Vader: 'thuis doet hij dat nooit'.",
            ),
            Obs(
                "leerkracht",
                "fear-going-home",
                3,
                4,
                "R. wilde om drie uur niet naar huis, huilde en zei dat vader 'heel boos' "
                "zou zijn over zijn rapport. Op zijn onderarm zag ik rode striemen.",
                child="R.",
                discussed="not_safe",
                acute=True,
            ),
            Note(
                "lead",
                "advice",
                4,
                "Veilig Thuis gebeld voor advies; afgesproken dat ik vandaag terugbel. "
                "Niet met vader bespreken voordat we dat gedaan hebben.",
            ),
        ],
        # Quiet: one light worry long ago.
        "Familie Yilmaz (groep 2)": [
            Obs(
                "leerkracht",
                "developmental-delay",
                1,
                480,
                "Elif spreekt in de klas nog weinig Nederlands en wijst vaak aan wat ze wil.",
                child="Elif",
                discussed="yes",
                response="Vader zegt dat thuis Turks gesproken wordt en wil graag tips.",
            ),
            Obs(
                "leerkracht",
                "warm-bond",
                2,
                120,
                "Vader leest elke ochtend in de klas een prentenboek voor met Elif op schoot.",
                child="Elif",
                discussed="yes",
            ),
            Note(
                "leerkracht",
                "going_well",
                20,
                "Elif vertelde vandaag in de kring een heel verhaal over het weekend, in het "
                "Nederlands.",
            ),
        ],
        # Risks piling up; Veilig Thuis consulted.
        "Familie Kok (groep 8)": [
            Obs(
                "leerkracht",
                "family-partner-violence",
                3,
                52,
                "Jesse vertelt dat zijn ouders 's nachts ruzie maken, dat er met deuren "
                "wordt gegooid en dat hij dan met zijn koptelefoon op gaat liggen.",
                child="Jesse",
                discussed="not_safe",
                confidential=True,
                amend=[
                    (
                        "lead",
                        3,
                        "Datum verkeerd overgenomen: het gesprek was een week eerder.",
                        {"observed_on": -59},
                    )
                ],
            ),
            Obs(
                "leerkracht",
                "aggressive",
                2,
                44,
                "Jesse sloeg met zijn vuist tegen de muur toen hij een onvoldoende kreeg.",
                child="Jesse",
            ),
            Obs(
                "jeugdarts",
                "withdrawn",
                2,
                30,
                "Bij het preventief onderzoek is Jesse stil, kijkt weg en zegt dat hij "
                "slecht slaapt.",
                child="Jesse",
            ),
            Obs(
                "ib",
                "env-social-isolation",
                1,
                21,
                "Moeder heeft geen familie in de buurt en zegt dat ze niemand heeft om mee "
                "te praten.",
                discussed="yes",
                response="Moeder wil wel een gesprek met het schoolmaatschappelijk werk.",
            ),
            Note(
                "jeugdarts",
                "recognition",
                29,
                "Ik herken dit: Jesse vertelde mij ook over ruzies thuis.",
            ),
            Note(
                "lead",
                "advice",
                40,
                "Adviesgesprek met Veilig Thuis gevoerd (zonder namen). Advies: gesprek met "
                "moeder over hulp, over zes weken opnieuw wegen.",
            ),
        ],
        # One worry, with a protective network.
        "Familie Smits (groep 5)": [
            Obs(
                "jeugdarts",
                "child-illness-disability",
                1,
                125,
                "Bram heeft een hartafwijking en moet regelmatig naar het ziekenhuis; "
                "moeder is dan de hele dag weg.",
                child="Bram",
                discussed="yes",
                response="Moeder vertelt dat de buurman dan op Tess past.",
            ),
            Obs(
                "ib",
                "supportive-network",
                2,
                100,
                "Overbuurman Piet vangt Tess op als moeder met Bram naar het ziekenhuis moet.",
                child="Tess",
                discussed="yes",
            ),
        ],
        # One worry long ago; help accepted since.
        "Familie Mulder (groep 3 en 6)": [
            Obs(
                "leerkracht",
                "parent-harsh-discipline",
                2,
                270,
                "Vader trok Jip bij het ophalen hard aan zijn arm en schreeuwde dat hij "
                "'nooit luistert'.",
                child="Jip",
                discussed="yes",
                response="Vader schrok van zichzelf en zegt dat hij het thuis niet meer trekt.",
            ),
            Obs(
                "ib",
                "parents-cooperate-help",
                2,
                180,
                "Ouders zijn begonnen met opvoedondersteuning bij De Kompaan, tien afspraken.",
                discussed="yes",
            ),
            Note(
                "leerkracht",
                "going_well",
                12,
                "Vader haalt Jip weer op en ze lopen samen kletsend naar huis. Groot verschil.",
            ),
        ],
        # Quiet.
        "Familie Hoekstra (groep 7)": [
            Obs(
                "ib",
                "parent-intellectual-disability",
                1,
                365,
                "Vader vraagt hulp bij het invullen van het aanmeldformulier voor de "
                "middelbare school; lezen lukt hem niet goed.",
                child="Sem",
                discussed="yes",
                response="Vader is blij met de hulp.",
            ),
            Obs(
                "leerkracht",
                "trusted-adult",
                1,
                60,
                "Sem heeft een goede band met de gymleraar en gaat naar hem toe als hij "
                "ergens mee zit.",
                child="Sem",
            ),
        ],
        # "Familie Bos (groep 1)": nothing at all, the quietest family.
        # Risks piling up after a move to the shelter.
        "Gezin T.M. (groep 4)": [
            Obs(
                "ib",
                "family-partner-violence",
                3,
                36,
                "Moeder vertelt dat ze met T. en M. in de opvang woont na geweld door haar "
                "ex-partner.",
                discussed="yes",
                response="Moeder wil vooral rust voor de kinderen en werkt mee met het wijkteam.",
            ),
            Obs(
                "ib",
                "env-frequent-moves",
                1,
                35,
                "Derde adres in een jaar; T. zit nu op zijn tweede school dit schooljaar.",
                child="T.",
            ),
            Obs(
                "leerkracht",
                "withdrawn",
                2,
                21,
                "T. zegt nauwelijks iets in de klas en schrikt bij harde geluiden.",
                child="T.",
            ),
            Obs(
                "leerkracht",
                "regression-bedwetting",
                1,
                12,
                "T. plast weer in zijn broek, twee keer deze week.",
                child="T.",
                discussed="yes",
                response="Moeder herkent het; thuis gebeurt het ook 's nachts.",
            ),
            Obs(
                "jeugdarts",
                "frozen-watchfulness",
                2,
                6,
                "Bij het spreekuur zit T. heel stil en volgt elke beweging van de volwassenen "
                "met zijn ogen.",
                child="T.",
            ),
            Note(
                "leerkracht",
                "question",
                10,
                "Moeten we iets afspreken over wie T. ophaalt? Ik weet niet wie er wel en "
                "niet mag komen.",
            ),
            Ask(
                "leerkracht",
                "lead",
                2,
                "Er komen steeds meer signalen bij T. Wil je meekijken of we een volgende "
                "stap moeten zetten?",
            ),
        ],
    },
    CHILDCARE: {
        # One worry after another, slowly; a protective friend.
        "Familie Peters (peutergroep)": [
            Obs(
                "speelhuis",
                "parent-very-young",
                1,
                500,
                "Moeder is 19 en heeft geen familie in de stad; ze vraagt veel aan de leidsters.",
                discussed="yes",
                response="Moeder vindt het fijn dat ze bij ons terecht kan.",
            ),
            Obs(
                "speelhuis",
                "env-social-isolation",
                1,
                150,
                "Moeder vertelt dat ze sinds de verhuizing niemand meer ziet behalve haar "
                "vriendin Chantal.",
                discussed="yes",
            ),
            Obs(
                "jeugdarts",
                "developmental-delay",
                1,
                65,
                "Liam gebruikt op zijn derde nog weinig woorden; logopedie besproken.",
                child="Liam",
                discussed="yes",
                response="Moeder wil de verwijzing naar de logopedist.",
            ),
            Obs(
                "speelhuis",
                "supportive-network",
                1,
                40,
                "Vriendin Chantal haalt Liam op als moeder ziek is en gaat mee naar het "
                "consultatiebureau.",
                child="Liam",
            ),
            Note(
                "speelhuis",
                "going_well",
                7,
                "Liam zei vandaag voor het eerst 'juf, kijk!' en liet trots zijn toren zien.",
            ),
        ],
        # Quiet.
        "Familie Öztürk (babygroep)": [
            Obs(
                "speelhuis",
                "inconsolable-crying",
                1,
                200,
                "Zeynep huilt de eerste weken de hele ochtend en is moeilijk te troosten.",
                child="Zeynep",
                discussed="yes",
                response="Moeder herkent het van thuis; consultatiebureau kijkt mee.",
            ),
            Obs(
                "speelhuis_lead",
                "warm-bond",
                2,
                60,
                "Moeder neemt rustig afscheid bij het brengen; Zeynep laat zich nu snel troosten.",
                child="Zeynep",
            ),
        ],
        # One worry.
        "Familie Willems (dreumesgroep)": [
            Obs(
                "speelhuis",
                "hygiene-poor",
                1,
                38,
                "Noah komt drie dagen achter elkaar met dezelfde natte luier van de nacht.",
                child="Noah",
                discussed="yes",
                response="Moeder zegt dat het 's ochtends chaos is sinds haar nieuwe baan.",
            ),
            Obs(
                "speelhuis",
                "daily-structure",
                1,
                14,
                "Oma Truus helpt nu 's ochtends; de kinderen komen op tijd en verzorgd.",
            ),
            Note(
                "speelhuis_lead",
                "going_well",
                10,
                "Mooi dat oma is ingesprongen; Noah en Olivia zijn weer vrolijk bij het brengen.",
            ),
        ],
    },
}


def _moment(days_ago, hour=15):
    """A time on the afternoon of `days_ago` days ago (when it was written down)."""
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 10)))


def _families(organisation):
    names = FAMILY_NAMES.get(organisation.name)
    families = Family.objects.filter(organisation=organisation)
    if names:
        families = families.filter(name__in=names)
    return {f.name: f for f in families.prefetch_related("children")}


def _backdate(model, pk, when):
    # Observations get created_at from auto_now_add and the PostgreSQL trigger refuses any
    # UPDATE of an observation row. The demo alone backdates, inside purge_allowed(), so that
    # its histories span 18 months; the app itself never does this.
    with purge_allowed():
        model.objects.filter(pk=pk).update(created_at=when)


def _latest_after_backdating():
    """LatestObservation copied each version's time of logging when it was inserted: bring
    it in line with the backdated times (when each chain was first logged, made acute)."""
    with connection.cursor() as cursor:
        cursor.execute(REBUILD_LATEST)


@transaction.atomic
def populate(demo):
    today = timezone.localdate()
    categories = {c.code: c for c in SignalCategory.objects.filter(organisation__isnull=True)}
    for org_name, histories in HISTORIES.items():
        organisation = demo.organisations.get(org_name)
        if organisation is None:
            continue
        if Observation.objects.filter(family__organisation=organisation).exists():
            continue  # already loaded: idempotent
        families = _families(organisation)
        for family_name, events in histories.items():
            family = families.get(family_name)
            if family is None:
                continue
            children = {c.first_name: c for c in family.children.all()}
            for event in events:
                if isinstance(event, Obs):
                    _observation(demo, family, children, categories, event, today)
                elif isinstance(event, Note):
                    note = services.note_add(
                        family=family,
                        author=demo.users[event.who],
                        kind=event.kind,
                        text=event.text,
                    )
                    ColleagueNote.objects.filter(pk=note.pk).update(
                        created_at=_moment(event.days_ago, 16)
                    )
                else:
                    look = services.look_request_create(
                        family=family,
                        requested_by=demo.users[event.who],
                        requested_from=demo.users[event.to],
                        message=event.message,
                    )
                    LookRequest.objects.filter(pk=look.pk).update(
                        created_at=_moment(event.days_ago, 12)
                    )
            _opened_when_first_logged(family)
    _latest_after_backdating()


def _opened_when_first_logged(family):
    """The file was opened when the first thing was logged, not on the day the demo loaded
    (so that a family about which nothing was logged for weeks counts as quiet)."""
    first = Observation.objects.filter(family=family).aggregate(first=Min("created_at"))["first"]
    if first is not None and first < family.created_at:
        Family.objects.filter(pk=family.pk).update(created_at=first)


def _observation(demo, family, children, categories, event, today):
    child = children.get(event.child) if event.child else None
    observed_on = today - datetime.timedelta(days=event.days_ago)
    if child is not None and observed_on < child.birth_date:
        child = None  # the family's ages are relative to today; never before a birth
    obs = services.observation_record(
        family=family,
        category=categories[event.code],
        severity=event.severity,
        observed_on=observed_on,
        observer=demo.users[event.who],
        description=event.text,
        acute=event.acute,
        child=child,
        parents_discussed=event.discussed,
        parents_response=event.response,
        confidential=event.confidential,
    )
    _backdate(Observation, obs.pk, _moment(event.days_ago))
    for who, days_after, reason, changes in event.amend:
        changes = dict(changes)
        if "observed_on" in changes:
            changes["observed_on"] = today + datetime.timedelta(days=changes["observed_on"])
        amendment = services.observation_amend(
            original=obs, observer=demo.users[who], reason=reason, **changes
        )
        _backdate(Observation, amendment.pk, _moment(event.days_ago - days_after, 17))
