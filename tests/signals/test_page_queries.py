"""The pages people open most make a fixed number of queries, however much a family holds
(issue 21: the family page made 27, three of them for the same observations).

The bounds are PostgreSQL's counts, which include BEGIN and COMMIT; SQLite's are lower.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from families import services as family_services
from families.models import ChainPartner, NetworkMember
from signals import services
from signals.models import SignalCategory
from tests.factories import FamilyFactory, SignalCategoryFactory

# One request each, at most, on PostgreSQL (SQLite makes no BEGIN or COMMIT queries).
FAMILY_PAGE = 15
OBSERVATION_FORM = 10
EXPLANATION = 11


@pytest.fixture
def family(org_a):
    return FamilyFactory(organisation=org_a)


def count(client, url):
    client.get(url)  # the first request also settles the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def fill(family, *, lead, professional, colleague, n):
    """`n` more of everything a family's page and explanation show."""
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
        services.note_add(family=family, author=colleague, kind="recognition", text="Herken ik")
        services.note_add(family=family, author=professional, kind="going_well", text="Goed")
        services.review_record(family=family, lead=lead, decision="monitor", rationale="Volgen")


@pytest.mark.parametrize("who", ["client_lead_a", "client_professional_a"])
def test_the_family_page_makes_the_same_queries_for_1_and_for_12_of_everything(
    request, family, lead_a, professional_a, colleague_a, who
):
    client = request.getfixturevalue(who)
    url = family.get_absolute_url()
    people = {"lead": lead_a, "professional": professional_a, "colleague": colleague_a}
    fill(family, n=1, **people)
    few = count(client, url)
    fill(family, n=11, **people)
    assert count(client, url) == few <= FAMILY_PAGE


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
