"""The pages people open most make a fixed number of queries, however much a family or an
organisation holds (issue 21: the family page made 47, some for the same observations, one
per confidential entry, and its "quiet family" check built the whole score).

The bounds are PostgreSQL's counts, which include BEGIN and COMMIT of the access log's
entry; SQLite's are the same or lower.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from families import services as family_services
from families.models import ChainPartner, Family, NetworkMember
from signals import services
from signals.models import SignalCategory
from signals.notes import services as note_services
from tests.factories import FamilyFactory, SignalCategoryFactory

# One request each, at most, on PostgreSQL.
# Issue 14 adds 7 to the family page (the conversations on the timeline, the parents' views
# beside the observations, the "Met de ouders" panel: its coverage count, its status for the
# marker, its conversations and correction requests) and 1 to the explanation (the parents'
# views): fixed numbers, the same for 1 and for 12 of everything.
# Issue 20 adds 2 to the family page (the timeline's consultation outcomes and the contact
# person's "wat werkte" lines, one query each) and 1 to the family list (the start panel's
# invitations to write what worked).
# Issue 21 (the pages people open most, fast): what the page read already is not read
# again (a lead reads every entry of the file the request opened: no query for which ones;
# the conversations, agreements, the parents' coverage and the quiet check from rows read
# once), and the open access requests only for who manages the team: 36 -> 27 for a lead,
# 37 -> 30 for a professional (who still asks which confidential entries they read).
FAMILY_PAGE = {"client_lead_a": 27, "client_professional_a": 30}
# Issue 19 adds 1 to the family list: the status badges of the page's families the viewer
# reads, in one grouped query.
FAMILY_LIST = 12
# Issue 21: the family's organisation and whether the user reads its file come with the
# family itself (12 -> 10).
OBSERVATION_FORM = 10
EXPLANATION = 12


@pytest.fixture
def family(org_a):
    return FamilyFactory(organisation=org_a)


def count(client, url):
    client.get(url)  # the first request also settles the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def fill(family, *, lead, professional, colleague, n):
    """`n` more of everything a family's page and explanation show, confidential entries
    (which the professional sees as 'exists, ask its author') and answered questions too."""
    today = timezone.localdate()
    for i in range(n):
        family_services.child_add(
            family=family, first_name=f"Kind{i}", birth_date=today - datetime.timedelta(days=900)
        )
        NetworkMember.objects.create(family=family, name=f"Oma {i}", relationship="family")
        ChainPartner.objects.create(
            family=family, organisation_name=f"Wijkteam {i}", responsibility="Gezinscoach"
        )
        for code, observer in (("hunger", professional), ("supportive-network", colleague)):
            obs = services.observation_record(
                family=family,
                category=SignalCategory.objects.get(code=code),
                severity=2,
                observed_on=today - datetime.timedelta(days=30 * i),
                observer=observer,
                description="Gezien.",
            )
            services.observation_amend(original=obs, observer=observer, reason="r", severity=1)
        services.observation_record(
            family=family,
            category=SignalCategory.objects.get(code="hunger"),
            severity=3,
            observed_on=today,
            observer=colleague,
            description="Vertelde het mij alleen.",
            confidential=True,
        )
        services.note_add(family=family, author=colleague, kind="recognition", text="Herken ik")
        services.note_add(family=family, author=professional, kind="going_well", text="Goed")
        look = note_services.look_request_create(
            family=family, requested_by=professional, requested_from=colleague, message="?"
        )
        note_services.look_request_answer(
            request=look, author=colleague, kind="recognition", text="Ja"
        )
        services.review_record(
            family=family,
            lead=lead,
            decision="monitor",
            rationale="Volgen",
            q1_suspicion=True,  # the family piles up: the walk is required
            q1_reason="Zorgen over voeding",
        )


@pytest.mark.parametrize("who", ["client_lead_a", "client_professional_a"])
def test_the_family_page_makes_the_same_queries_for_1_and_for_12_of_everything(
    request, family, lead_a, professional_a, colleague_a, who
):
    client = request.getfixturevalue(who)
    # The whole timeline (12 of everything is more than the page's newest 50 entries).
    url = family.get_absolute_url() + "?tijdlijn=alles"
    family_services.team_add(family=family, user=professional_a, added_by=lead_a)
    people = {"lead": lead_a, "professional": professional_a, "colleague": colleague_a}
    fill(family, n=1, **people)
    few = count(client, url)
    fill(family, n=11, **people)
    page = client.get(url).content.decode()
    assert page.count("Vertrouwelijke observatie") == (12 if who == "client_professional_a" else 0)
    assert count(client, url) == few <= FAMILY_PAGE[who]


def _families(org, contact, n, *, start):
    """`n` families with a child each, every third quiet (older than six weeks, nothing
    logged) and in long-term support, with `contact` as their contact person."""
    old = timezone.now() - datetime.timedelta(weeks=10)
    for i in range(start, start + n):
        fam = FamilyFactory(organisation=org, name=f"Familie {i:03d}")
        family_services.child_add(
            family=fam, first_name=f"Kind{i}", birth_date=datetime.date(2018, 1, 1)
        )
        if i % 3 == 0:
            Family.objects.filter(pk=fam.pk).update(
                created_at=old, contact_person=contact, long_term_support=True
            )


@pytest.mark.parametrize("who", ["client_lead_a", "client_professional_a"])
def test_the_family_list_makes_the_same_queries_for_3_and_for_24_families(
    request, org_a, lead_a, professional_a, who
):
    client = request.getfixturevalue(who)
    user = lead_a if who == "client_lead_a" else professional_a
    contact = user.memberships.get(organisation=org_a)
    url = reverse("families:list")
    _families(org_a, contact, 3, start=0)
    few = count(client, url)
    assert "Familie 000" in client.get(url).content.decode()  # a quiet family shows
    _families(org_a, contact, 21, start=3)
    assert count(client, url) == few <= FAMILY_LIST


def test_the_observation_form_makes_the_same_queries_for_1_and_for_12_children(
    client_professional_a, family, org_a
):
    url = reverse("signals:family_observation_create", args=[family.public_id])
    today = timezone.localdate()
    family_services.child_add(family=family, first_name="Eerste", birth_date=today)
    few = count(client_professional_a, url)
    for i in range(11):
        family_services.child_add(family=family, first_name=f"Kind{i}", birth_date=today)
        SignalCategoryFactory(organisation=org_a, kind=("risk", "signal", "protective")[i % 3])
    assert count(client_professional_a, url) == few <= OBSERVATION_FORM


def test_the_explanation_makes_the_same_queries_for_1_and_for_12_observations(
    client_lead_a, family, lead_a, professional_a, colleague_a
):
    url = reverse("signals:explanation", args=[family.public_id])
    people = {"lead": lead_a, "professional": professional_a, "colleague": colleague_a}
    fill(family, n=1, **people)
    few = count(client_lead_a, url)
    fill(family, n=11, **people)
    assert count(client_lead_a, url) == few <= EXPLANATION
