"""The demo world of `load_demo`: who exists, with which password."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from organisations.models import Membership, Organisation, Role

DEMO_PASSWORD = "stap0-demo-2026"  # noqa: S105 - printed on purpose: demo only

SCHOOL = "Basisschool De Regenboog"
CHILDCARE = "Kinderopvang Het Speelhuis"
HEALTH = "Consultatiebureau Zuid"
REGION = "Gemeente Zuidstad"

# username, first name, last name, [(organisation, role, job title)]
PEOPLE = [
    ("lead", "Marieke", "de Vries", [(SCHOOL, Role.LEAD, "Aandachtsfunctionaris / IB'er")]),
    ("leerkracht", "Sanne", "Bakker", [(SCHOOL, Role.PROFESSIONAL, "Leerkracht groep 5")]),
    ("ib", "Youssef", "El Amrani", [(SCHOOL, Role.PROFESSIONAL, "Intern begeleider onderbouw")]),
    (
        "jeugdarts",
        "Petra",
        "Jansen",
        [
            (SCHOOL, Role.PROFESSIONAL, "Jeugdarts GGD"),
            (CHILDCARE, Role.PROFESSIONAL, "Jeugdarts GGD"),
        ],
    ),
    ("beheer", "Henk", "Visser", [(SCHOOL, Role.ADMIN, "Administratie")]),
    ("speelhuis", "Fatma", "Yilmaz", [(CHILDCARE, Role.PROFESSIONAL, "Pedagogisch medewerker")]),
    ("speelhuis_lead", "Ruud", "Smit", [(CHILDCARE, Role.LEAD, "Aandachtsfunctionaris")]),
    # A small consultatiebureau: the nurse is also its aandachtsfunctionaris.
    (
        "cb",
        "Ingrid",
        "Mulder",
        [(HEALTH, Role.LEAD, "Jeugdverpleegkundige en aandachtsfunctionaris")],
    ),
]

# The installation's administrator: Django's admin (/admin/) for regions, no organisation.
INSTALLATION_ADMIN = ("installatie", "Kees", "Koster")


@dataclass
class Demo:
    organisations: dict = field(default_factory=dict)  # name -> Organisation
    users: dict = field(default_factory=dict)  # username -> User


@transaction.atomic
def load_people() -> Demo:
    User = get_user_model()
    demo = Demo()
    for name in (SCHOOL, CHILDCARE, HEALTH):
        demo.organisations[name], _ = Organisation.objects.get_or_create(name=name)
    for username, first, last, memberships in PEOPLE:
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@demo.stap0.invalid"
        user.is_active = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        demo.users[username] = user
        for org_name, role, job_title in memberships:
            Membership.objects.update_or_create(
                user=user,
                organisation=demo.organisations[org_name],
                defaults={"role": role, "job_title": job_title, "is_active": True},
            )
    username, first, last = INSTALLATION_ADMIN
    user, _ = User.objects.get_or_create(username=username)
    user.first_name, user.last_name = first, last
    user.email = f"{username}@demo.stap0.invalid"
    user.is_active = user.is_staff = user.is_superuser = True
    user.set_password(DEMO_PASSWORD)
    user.save()
    demo.users[username] = user
    return demo


def logins():
    rows = []
    for username, first, last, memberships in PEOPLE:
        where = "; ".join(f"{Role(role).label} bij {org}" for org, role, _ in memberships)
        rows.append((username, DEMO_PASSWORD, f"{first} {last}", where))
    username, first, last = INSTALLATION_ADMIN
    where = "beheer van de installatie: regio's in /admin/ (geen organisatie, geen gezinnen)"
    rows.append((username, DEMO_PASSWORD, f"{first} {last}", where))
    return rows
