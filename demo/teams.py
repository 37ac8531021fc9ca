"""The demo families' teams (need-to-know): each demo professional reads some files and not
others, and some logged about a family whose file they do not read (they see their own
entries in "Mijn signalen"). The file's creator and its contact person are in the team
already (families.services.family_create); the leads read every file. Idempotent.
"""

from django.db import transaction

from families.models import Family, TeamReason
from families.services import team_add

from .people import CHILDCARE, SCHOOL

LOGGED, ANSWERED, ASKED = TeamReason.LOGGED, TeamReason.ANSWERED, TeamReason.ASKED_TO_LOOK

# family -> [(username, why)], besides the contact person. Not in a team although they logged
# about the family: ib for Familie Mulder, leerkracht for Familie Hoekstra, speelhuis for
# Familie Öztürk.
TEAMS = {
    SCHOOL: {
        "Familie Jansen (groep 3)": [("leerkracht", ANSWERED)],
        "Familie El Idrissi (groep 7)": [("ib", ANSWERED)],
        "Familie De Boer (groep 1)": [
            ("ib", LOGGED),
            ("jeugdarts", LOGGED),
            ("leerkracht", LOGGED),
        ],
        "Familie Visser (groep 4)": [("jeugdarts", LOGGED), ("leerkracht", LOGGED)],
        "Gezin R. (groep 6)": [],
        "Familie Yilmaz (groep 2)": [],
        "Familie Kok (groep 8)": [
            ("ib", LOGGED),
            ("jeugdarts", LOGGED),
            ("leerkracht", LOGGED),
        ],
        "Familie Smits (groep 5)": [("jeugdarts", LOGGED)],
        "Familie Mulder (groep 3 en 6)": [],
        "Familie Hoekstra (groep 7)": [],
        "Familie Bos (groep 1)": [],
        "Gezin T.M. (groep 4)": [("jeugdarts", LOGGED), ("leerkracht", LOGGED)],
    },
    CHILDCARE: {
        "Familie Peters (peutergroep)": [("jeugdarts", LOGGED)],
        "Familie Öztürk (babygroep)": [],
        "Familie Willems (dreumesgroep)": [],
    },
}


@transaction.atomic
def populate(demo):
    for org_name, teams in TEAMS.items():
        organisation = demo.organisations.get(org_name)
        if organisation is None:
            continue
        families = {f.name: f for f in Family.objects.filter(organisation=organisation)}
        for family_name, members in teams.items():
            family = families.get(family_name)
            if family is None:
                continue
            for username, reason in members:
                team_add(family=family, user=demo.users[username], added_by=None, reason=reason)


def readable_by(username):
    """{organisation: [family names whose file `username` reads]} (the README's table)."""
    from .families import FAMILIES

    found = {}
    for org_name, families in FAMILIES.items():
        names = [
            spec["name"]
            for spec in families
            if spec["contact"] == username
            or username in {u for u, _why in TEAMS[org_name].get(spec["name"], ())}
        ]
        found[org_name] = names
    return found
