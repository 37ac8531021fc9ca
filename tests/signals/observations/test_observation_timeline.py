"""The family page: observations (latest version), notes and the "Samen zien" panel."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from signals import services
from signals.models import SignalCategory
from signals.notes.timeline import family_panels, note_entries
from signals.observations.timeline import observation_entries
from tests.factories import FamilyFactory


@pytest.fixture
def family_a(org_a, professional_a):
    return FamilyFactory(organisation=org_a, team=[professional_a])


def record(family, observer, code="hunger", **kwargs):
    values = {
        "family": family,
        "category": SignalCategory.objects.get(code=code),
        "severity": 2,
        "observed_on": timezone.localdate(),
        "observer": observer,
        "description": "Gezien.",
    }
    values.update(kwargs)
    return services.observation_record(**values)


def as_reader(rf, user):
    """A request of `user` at work in their organisation: the timeline applies need-to-know."""
    from organisations.models import Membership

    request = rf.get("/")
    request.user = user
    request.membership = Membership.objects.select_related("organisation").get(user=user)
    request.organisation = request.membership.organisation
    return request


def test_only_the_latest_version_is_an_entry(family_a, professional_a, rf):
    first = record(family_a, professional_a, description="Eerste")
    services.observation_amend(
        original=first, observer=professional_a, reason="r", description="Tweede"
    )
    entries = observation_entries(family_a, as_reader(rf, professional_a))
    assert len(entries) == 1
    assert entries[0].context["observation"].description == "Tweede"
    assert entries[0].context["amended"] is True


def test_css_classes_mark_acute_and_protective(family_a, professional_a, rf):
    record(family_a, professional_a, acute=True)
    record(family_a, professional_a, code="supportive-network")
    request = as_reader(rf, professional_a)
    classes = sorted(e.css_class for e in observation_entries(family_a, request))
    assert classes == ["acute", "protective"]


def test_together_panel_counts_colleagues_and_parents(
    family_a, professional_a, colleague_a, lead_a, rf
):
    record(family_a, professional_a, parents_discussed="yes")
    record(family_a, colleague_a)
    record(family_a, lead_a, code="supportive-network")  # protective: not a risk observer
    record(family_a, lead_a, observed_on=timezone.localdate() - datetime.timedelta(days=400))
    services.note_add(family=family_a, author=lead_a, kind="going_well", text="Goed!")
    request = as_reader(rf, professional_a)
    together = family_panels(family_a, request)[0].context["figures"]
    assert together["colleagues"] == 2  # the old one is outside the year
    assert (together["discussed"], together["observations"]) == (1, 4)
    assert together["going_well"] == 1
    services.note_add(family=family_a, author=lead_a, kind="recognition", text="Herken ik")
    # The next page view (a request reads a family's rows once: families.extensions.per_request)
    request = as_reader(rf, professional_a)
    assert family_panels(family_a, request)[0].context["figures"]["colleagues"] == 3


def test_note_entries(family_a, professional_a, rf):
    services.note_add(family=family_a, author=professional_a, kind="advice", text="Tip")
    (entry,) = note_entries(family_a, as_reader(rf, professional_a))
    assert entry.context["note"].text == "Tip"


def test_family_page_shows_entries_and_forms(client_professional_a, family_a, professional_a):
    record(family_a, professional_a, description="<script>alert(1)</script>")
    services.note_add(family=family_a, author=professional_a, kind="going_well", text="Fijn")
    response = client_professional_a.get(family_a.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert "Samen zien" in page and "Kijk je mee?" in page
    assert reverse("signals:note_create", args=[family_a.public_id]) in page


def test_family_page_queries_do_not_grow_with_entries(
    client_professional_a, family_a, professional_a, colleague_a
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client_professional_a.get(family_a.get_absolute_url()).status_code == 200
        return len(ctx.captured_queries)

    first = record(family_a, professional_a)
    services.note_add(
        family=family_a, author=colleague_a, kind="advice", text="a", observation=first
    )
    count()  # the first request also stores the chosen organisation in the session
    few = count()
    for i in range(5):
        obs = record(family_a, colleague_a, code="supportive-network" if i % 2 else "hunger")
        services.observation_amend(original=obs, observer=professional_a, reason="r", severity=1)
        services.note_add(family=family_a, author=professional_a, kind="recognition", text="b")
    assert count() == few
