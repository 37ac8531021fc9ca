"""'Mijn signalen': what I logged, per family, with the lead's latest decision."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from signals import services
from signals.models import Review, SignalCategory
from tests.factories import FamilyFactory

URL = reverse("signals:my_signals")


def record(family, observer, description="Gezien."):
    return services.observation_record(
        family=family,
        category=SignalCategory.objects.get(code="hunger"),
        severity=2,
        observed_on=timezone.localdate(),
        observer=observer,
        description=description,
    )


def test_my_observations_per_family_with_the_latest_decision(
    client_professional_a, professional_a, colleague_a, lead_a, org_a
):
    reviewed = FamilyFactory(organisation=org_a, name="Gezin Besloten")
    waiting = FamilyFactory(organisation=org_a, name="Gezin Wachtend")
    others = FamilyFactory(organisation=org_a, name="Gezin Van Een Ander")
    record(reviewed, professional_a)
    record(waiting, professional_a)
    record(others, colleague_a)
    Review.objects.create(family=reviewed, lead=lead_a, decision="monitor", rationale="a")
    Review.objects.create(family=reviewed, lead=lead_a, decision="talk_parents", rationale="b")

    response = client_professional_a.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Gezin Besloten" in page and "Gezin Wachtend" in page
    assert "Gezin Van Een Ander" not in page
    assert "gesprek met ouders" in page  # the latest decision, not the first
    assert "blijven volgen" not in page
    assert "nog geen besluit" in page


def test_a_corrected_observation_shows_its_latest_version(
    client_professional_a, professional_a, colleague_a, org_a
):
    obs = record(FamilyFactory(organisation=org_a), professional_a, description="oud")
    services.observation_amend(original=obs, observer=colleague_a, reason="r", severity=3)
    page = client_professional_a.get(URL).content.decode()
    assert "ernstige zorg" in page and "gecorrigeerd" in page


def test_query_count_does_not_grow_with_rows(client_professional_a, professional_a, lead_a, org_a):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client_professional_a.get(URL).status_code == 200
        return len(ctx.captured_queries)

    family = FamilyFactory(organisation=org_a)
    record(family, professional_a)
    Review.objects.create(family=family, lead=lead_a, decision="monitor", rationale="a")
    count()  # the first request also stores the chosen organisation in the session
    few = count()
    for _ in range(5):
        family = FamilyFactory(organisation=org_a)
        record(family, professional_a)
        record(family, professional_a)
        Review.objects.create(family=family, lead=lead_a, decision="closed", rationale="a")
    assert count() == few


def test_other_organisation_sees_nothing_of_mine(client_professional_b, professional_a, org_a):
    record(FamilyFactory(organisation=org_a, name="Gezin Geheim"), professional_a)
    response = client_professional_b.get(URL)
    assert response.status_code == 200
    assert "Gezin Geheim" not in response.content.decode()


def test_anonymous_beheerder_and_method(client, client_admin_a, client_professional_a):
    assert reverse("login") in client.get(URL)["Location"]
    assert client_admin_a.get(URL).status_code == 403
    assert client_professional_a.post(URL).status_code == 405
