"""Demo families for `load_demo`: made-up cases that read like real ones.

Birth dates are relative to today, so the ages fit a primary school and a
childcare centre whenever the demo is loaded, and some children always have a
life-phase transition coming (one within 60 days, for the dashboard).
Idempotent: a family that already exists by name in its organisation is skipped.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from families import services
from families.selectors import birthday_in
from organisations.models import Membership

from .people import CHILDCARE, SCHOOL


def _aged(today, years, months=0):
    """A birth date of a child who is `years` years and `months` months old today."""
    day = today - datetime.timedelta(days=round(months * 30.4))
    return birthday_in(day, day.year - years)


def _turns(today, age, in_days):
    """A birth date of a child who turns `age` in `in_days` days."""
    day = today + datetime.timedelta(days=in_days)
    return birthday_in(day, day.year - age)


# Each family: name, contact person (username), long-term support (weeks, days
# until the next check: negative is overdue), support notes, children
# (first name, birth date as a function of today, group), network, partners.
FAMILIES = {
    SCHOOL: [
        {
            "name": "Familie Jansen (groep 3)",
            "contact": "ib",
            "support": (8, 20),
            "notes": (
                "Moeder heeft een lichte verstandelijke beperking en voedt Daan en Mila "
                "alleen op. Ze vraagt zelf om hulp als iets haar boven het hoofd groeit. "
                "Elke acht weken een kort gesprek met moeder op school: hoe gaat het thuis, "
                "lukt de post, wat komt eraan. Brieven van school altijd ook mondeling uitleggen."
            ),
            "children": [
                ("Daan", lambda t: _aged(t, 6, 7), "groep 3"),
                ("Mila", lambda t: _turns(t, 4, 45), "peuter, start binnenkort in groep 1"),
            ],
            "network": [
                (
                    "Oma Riet",
                    "relative",
                    "oma van moederskant",
                    "Haalt de kinderen op dinsdag en donderdag uit school; "
                    "leest brieven samen met moeder.",
                    "06-1234 5678 (liefst na 16.00 uur)",
                ),
                (
                    "Buurvrouw Karin",
                    "neighbour",
                    "woont twee deuren verder",
                    "Springt bij als moeder naar een afspraak moet.",
                    "via moeder",
                ),
            ],
            "partners": [
                (
                    "Wijkteam Noord",
                    "Esther Kramer (ambulant begeleider)",
                    "esther.kramer@wijkteam.example",
                    "Begeleidt moeder twee keer per week thuis: dagritme, opvoeding, "
                    "voorbereiden op de schoolstart van Mila.",
                    "Laat ons weten als er thuis iets verandert; komt bij het "
                    "achtwekelijkse gesprek als moeder dat wil.",
                    "Toestemming moeder, schriftelijk, bij de start van de begeleiding.",
                ),
                (
                    "Humanitas thuisadministratie",
                    "vrijwilliger Hans",
                    "via het wijkteam",
                    "Helpt moeder eens per twee weken met post, rekeningen en toeslagen.",
                    "Signaleert betalingsachterstanden op tijd bij het wijkteam.",
                    "Toestemming moeder, mondeling, vastgelegd door het wijkteam.",
                ),
                (
                    "GGD jeugdgezondheidszorg",
                    "Anja Meijer (jeugdverpleegkundige)",
                    "jgz@ggd.example",
                    "Volgt de groei en ontwikkeling van Mila; overdracht naar school bij 4 jaar.",
                    "Warme overdracht met de leerkracht van groep 1.",
                    "Toestemming moeder voor overdracht, mondeling gegeven.",
                ),
            ],
        },
        {
            "name": "Familie El Idrissi (groep 7)",
            "contact": "leerkracht",
            "children": [
                ("Yasmin", lambda t: _turns(t, 12, 110), "groep 8"),
                ("Adam", lambda t: _aged(t, 8, 9), "groep 5"),
            ],
            "notes": "Ouders gaan uit elkaar. Afspraak: beide ouders krijgen dezelfde informatie.",
            "network": [
                (
                    "Tante Samira",
                    "relative",
                    "zus van moeder",
                    "Vangt de kinderen op in de weken dat er thuis veel spanning is.",
                    "06-2345 6789",
                ),
            ],
            "partners": [
                (
                    "Schoolmaatschappelijk werk",
                    "Ilse de Wit",
                    "ilse.dewit@smw.example",
                    "Gesprekken met Yasmin over de scheiding; ondersteunt ouders bij "
                    "afspraken over de kinderen.",
                    "Terugkoppeling aan de intern begeleider na elke drie gesprekken.",
                    "Toestemming beide ouders, schriftelijk.",
                ),
            ],
        },
        {
            "name": "Familie De Boer (groep 1)",
            "contact": "lead",
            "support": (12, -9),
            "notes": (
                "Vader is alleenstaand met schulden en werkt in ploegendienst. "
                "Elke twaalf weken kijken of de ochtenden en het eten op orde zijn."
            ),
            "children": [
                ("Finn", lambda t: _aged(t, 4, 8), "groep 1"),
                ("Lotte", lambda t: _aged(t, 7, 2), "groep 4"),
            ],
            "network": [
                (
                    "Opa Gerrit",
                    "relative",
                    "vader van vader",
                    "Brengt de kinderen naar school als vader vroege dienst heeft.",
                    "06-3456 7890",
                ),
            ],
            "partners": [
                (
                    "Humanitas thuisadministratie",
                    "vrijwilliger Monique",
                    "via Humanitas",
                    "Helpt vader een overzicht van de schulden te maken en een "
                    "aanvraag schuldhulp voor te bereiden.",
                    "Vraagt vader zelf om de school op de hoogte te houden.",
                    "Toestemming vader, mondeling gegeven aan de aandachtsfunctionaris.",
                ),
                (
                    "Voedselbank",
                    "",
                    "uitgiftepunt De Schakel",
                    "Wekelijks een pakket.",
                    "",
                    "",
                ),
            ],
        },
        {
            "name": "Familie Visser (groep 4)",
            "contact": "ib",
            "support": (6, 15),
            "notes": (
                "Moeder heeft een psychiatrische aandoening met periodes van opname. "
                "In die weken vangt de oma de kinderen op; crisisplan ligt bij het wijkteam."
            ),
            "children": [
                ("Sophie", lambda t: _aged(t, 7, 5), "groep 4"),
                ("Luuk", lambda t: _turns(t, 4, 150), "peuterspeelzaal"),
            ],
            "network": [
                (
                    "Oma Ineke",
                    "relative",
                    "moeder van vader",
                    "Neemt de zorg over als moeder opgenomen wordt.",
                    "06-4567 8901",
                ),
            ],
            "partners": [
                (
                    "Wijkteam Noord",
                    "Bas Hendriks",
                    "bas.hendriks@wijkteam.example",
                    "Regie over het gezinsplan en het crisisplan.",
                    "Belt school direct bij een opname van moeder.",
                    "Toestemming ouders, schriftelijk in het gezinsplan.",
                ),
                (
                    "Jeugdhulp De Kompaan",
                    "gezinsbegeleider Anouk",
                    "",
                    "KOPP-groep voor Sophie: kinderen van ouders met psychische problemen.",
                    "Tips voor de leerkracht om Sophie in de klas te steunen.",
                    "Toestemming ouders via het wijkteam.",
                ),
            ],
        },
        {
            "name": "Gezin R. (groep 6)",
            "contact": "leerkracht",
            "children": [("R.", lambda t: _aged(t, 9, 4), "groep 6")],
            "network": [],
            "partners": [],
        },
        {
            "name": "Familie Yilmaz (groep 2)",
            "contact": "leerkracht",
            "children": [
                ("Elif", lambda t: _aged(t, 5, 3), "groep 2"),
                ("Emir", lambda t: _aged(t, 10, 1), "groep 7"),
            ],
            "network": [
                (
                    "Meneer en mevrouw Demir",
                    "friend",
                    "vrienden van de familie",
                    "Tolken bij gesprekken op school als vader dat wil.",
                    "via vader",
                ),
            ],
            "partners": [],
        },
        {
            "name": "Familie Kok (groep 8)",
            "contact": "lead",
            "children": [("Jesse", lambda t: _aged(t, 11, 8), "groep 8")],
            "notes": "Afspraak met Veilig Thuis: na zes weken opnieuw wegen.",
            "network": [],
            "partners": [
                (
                    "Veilig Thuis (advies)",
                    "adviseur dienstdoende",
                    "0800-2000",
                    "Adviesgesprek gevoerd over zorgen om spanningen thuis; geen melding, "
                    "wel gesprek met ouders en opnieuw wegen.",
                    "Opnieuw bellen als er nieuwe signalen zijn of het gesprek met ouders "
                    "niets verandert.",
                    "Advies zonder tot personen herleidbare gegevens.",
                ),
                (
                    "Schoolmaatschappelijk werk",
                    "Ilse de Wit",
                    "ilse.dewit@smw.example",
                    "Gesprek met moeder over hulp thuis.",
                    "Laat binnen twee weken weten of moeder hulp wil.",
                    "Toestemming moeder, mondeling.",
                ),
            ],
        },
        {
            "name": "Familie Smits (groep 5)",
            "contact": "ib",
            "children": [
                ("Tess", lambda t: _aged(t, 8, 6), "groep 5"),
                ("Bram", lambda t: _aged(t, 1, 5), ""),
            ],
            "network": [
                (
                    "Buurman Piet",
                    "neighbour",
                    "overbuurman",
                    "Past op Tess als moeder met Bram naar het ziekenhuis moet.",
                    "woont op nummer 7",
                ),
            ],
            "partners": [],
        },
        {
            "name": "Familie Mulder (groep 3 en 6)",
            "contact": "leerkracht",
            "children": [
                ("Jip", lambda t: _aged(t, 6, 10), "groep 3"),
                ("Fenna", lambda t: _aged(t, 9, 7), "groep 6"),
            ],
            "network": [],
            "partners": [
                (
                    "Jeugdhulp De Kompaan",
                    "Merel Vos",
                    "",
                    "Opvoedondersteuning thuis, tien afspraken.",
                    "Korte evaluatie met school na de laatste afspraak.",
                    "Toestemming ouders, schriftelijk.",
                ),
            ],
        },
        {
            "name": "Familie Hoekstra (groep 7)",
            "contact": "ib",
            "support": (8, 40),
            "notes": (
                "Vader heeft een licht verstandelijke beperking; moeder is overleden. "
                "De overstap van Sem naar de middelbare school goed voorbereiden: "
                "wie helpt vader met de keuze en de aanmelding?"
            ),
            "children": [("Sem", lambda t: _turns(t, 12, 160), "groep 8")],
            "network": [
                (
                    "Tante Wilma",
                    "relative",
                    "zus van vader",
                    "Gaat mee naar oudergesprekken en helpt met formulieren.",
                    "06-5678 9012",
                ),
            ],
            "partners": [
                (
                    "MEE (cliëntondersteuning)",
                    "Jeroen Bakker",
                    "",
                    "Ondersteunt vader bij de schoolkeuze en de aanmelding voor het voortgezet "
                    "onderwijs.",
                    "Komt bij het adviesgesprek in groep 8.",
                    "Toestemming vader, schriftelijk.",
                ),
            ],
        },
        {
            "name": "Familie Bos (groep 1)",
            "contact": "leerkracht",
            "children": [("Saar", lambda t: _aged(t, 4, 3), "groep 1")],
            "network": [],
            "partners": [],
        },
        {
            "name": "Gezin T.M. (groep 4)",
            "contact": "ib",
            "children": [
                ("T.", lambda t: _aged(t, 7, 9), "groep 4"),
                ("M.", lambda t: _aged(t, 3, 2), "peuter"),
            ],
            "network": [],
            "partners": [
                (
                    "Wijkteam Zuid",
                    "",
                    "wijkteamzuid@gemeente.example",
                    "Onderzoekt samen met moeder wat er nodig is na de verhuizing naar de opvang.",
                    "",
                    "",
                ),
            ],
        },
    ],
    CHILDCARE: [
        {
            "name": "Familie Peters (peutergroep)",
            "contact": "speelhuis",
            "support": (8, 10),
            "notes": (
                "Jonge moeder (20) zonder eigen netwerk in de stad. Elke acht weken een "
                "gesprek bij het ophalen; overdracht naar de basisschool bij 4 jaar goed regelen."
            ),
            "children": [("Liam", lambda t: _turns(t, 4, 75), "peutergroep De Vlinders")],
            "network": [
                (
                    "Vriendin Chantal",
                    "friend",
                    "vriendin van moeder",
                    "Haalt Liam soms op en is er als moeder ziek is.",
                    "via moeder",
                ),
            ],
            "partners": [
                (
                    "GGD jeugdgezondheidszorg",
                    "Petra Jansen (jeugdarts)",
                    "jgz@ggd.example",
                    "Volgt de taalontwikkeling van Liam.",
                    "Overdracht aan de basisschool samen met het Speelhuis.",
                    "Toestemming moeder, mondeling.",
                ),
            ],
        },
        {
            "name": "Familie Öztürk (babygroep)",
            "contact": "speelhuis_lead",
            "children": [("Zeynep", lambda t: _aged(t, 0, 10), "babygroep")],
            "network": [],
            "partners": [],
        },
        {
            "name": "Familie Willems (dreumesgroep)",
            "contact": "speelhuis",
            "children": [
                ("Olivia", lambda t: _aged(t, 1, 8), "dreumesgroep"),
                ("Noah", lambda t: _aged(t, 3, 1), "peutergroep De Vlinders"),
            ],
            "network": [
                (
                    "Oma Truus",
                    "relative",
                    "moeder van moeder",
                    "Haalt de kinderen op vrijdag.",
                    "06-6789 0123",
                ),
            ],
            "partners": [],
        },
    ],
}

# The observations demo (demo/observations.py) looks families up by these names.
FAMILY_NAMES = {org: [f["name"] for f in families] for org, families in FAMILIES.items()}


@transaction.atomic
def populate(demo):
    today = timezone.localdate()
    for org_name, families in FAMILIES.items():
        organisation = demo.organisations[org_name]
        existing = set(organisation.families.values_list("name", flat=True))
        for spec in families:
            if spec["name"] in existing:
                continue
            _create_family(demo, organisation, spec, today)


def _create_family(demo, organisation, spec, today):
    contact_user = demo.users[spec["contact"]]
    contact = Membership.objects.get(user=contact_user, organisation=organisation)
    weeks, days_to_check = spec.get("support", (None, None))
    family = services.family_create(
        organisation=organisation,
        name=spec["name"],
        created_by=contact_user,
        contact_person=contact,
        long_term_support=weeks is not None,
        monitoring_interval_weeks=weeks,
        next_check_on=(
            today + datetime.timedelta(days=days_to_check) if weeks is not None else None
        ),
        support_notes=spec.get("notes", ""),
    )
    for first_name, birth, group in spec["children"]:
        services.child_add(
            family=family, first_name=first_name, birth_date=birth(today), group_name=group
        )
    for name, relationship, detail, how, contact_details in spec["network"]:
        services.network_member_add(
            family=family,
            name=name,
            relationship=relationship,
            relationship_detail=detail,
            how_they_help=how,
            contact=contact_details,
        )
    for org, person, details, responsibility, expectations, consent in spec["partners"]:
        services.chain_partner_add(
            family=family,
            organisation_name=org,
            contact_person=person,
            contact_details=details,
            responsibility=responsibility,
            expectations=expectations,
            consent_basis=consent,
        )
    return family
