import datetime

import pytest
from django.urls import reverse

from families import services
from families.extensions import TimelineEntry
from families.selectors import birthday_in
from families.views import detail
from organisations.models import AccessLogEntry


def url(family):
    return reverse("families:detail", kwargs={"public_id": family.public_id})


def test_professional_sees_the_family_page(client_professional_a, family_a):
    response = client_professional_a.get(url(family_a))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Familie Jansen" in page
    assert "Noor" in page
    assert "groep 5" in page
    assert "Signaal vastleggen" in page
    assert reverse("signals:family_observation_create", args=[family_a.public_id]) in page
    assert reverse("signals:note_create", args=[family_a.public_id]) in page


def test_viewing_writes_one_view_entry(client_professional_a, family_a):
    client_professional_a.get(url(family_a))
    entries = AccessLogEntry.objects.filter(family_public_id=family_a.public_id, action="view")
    assert entries.count() == 1
    assert entries.get().username == "alice"


def test_lead_sees_the_family_page(client_lead_a, family_a):
    assert client_lead_a.get(url(family_a)).status_code == 200


def test_stranger_gets_404(client_professional_b, family_a):
    assert client_professional_b.get(url(family_a)).status_code == 404


def test_stranger_lead_gets_404(client_lead_b, family_a):
    assert client_lead_b.get(url(family_a)).status_code == 404


def test_unknown_family_is_404(client_professional_a, family_a):
    response = client_professional_a.get(
        reverse("families:detail", kwargs={"public_id": "00000000-0000-0000-0000-000000000000"})
    )
    assert response.status_code == 404


def test_anonymous_goes_to_login(client, family_a):
    response = client.get(url(family_a))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_beheerder_gets_403(client_admin_a, family_a):
    assert client_admin_a.get(url(family_a)).status_code == 403


def test_post_is_405(client_professional_a, family_a):
    assert client_professional_a.post(url(family_a)).status_code == 405


def test_people_around_the_family_are_shown(client_professional_a, family_a, lead_a, today):
    services.family_update(
        family=family_a,
        contact_person=lead_a.memberships.get(),
        long_term_support=True,
        monitoring_interval_weeks=8,
        next_check_on=today - datetime.timedelta(days=3),
    )
    services.network_member_add(
        family=family_a,
        name="Buurvrouw Ans",
        relationship="neighbour",
        how_they_help="Haalt Noor op",
    )
    services.chain_partner_add(
        family=family_a,
        organisation_name="Wijkteam Noord",
        responsibility="Thuisbegeleiding moeder",
    )
    page = client_professional_a.get(url(family_a)).content.decode()
    assert "Lena" in page  # the contact person
    assert "Buurvrouw Ans" in page and "Haalt Noor op" in page
    assert "Wijkteam Noord" in page and "Thuisbegeleiding moeder" in page
    assert "elke 8 weken" in page
    assert 'data-testid="check-overdue"' in page


def test_coming_transition_is_shown_with_its_date(client_professional_a, family_a, today):
    birth = birthday_in(today, today.year - 4) + datetime.timedelta(days=1)
    services.child_add(family=family_a, first_name="Sem", birth_date=birth)
    page = client_professional_a.get(url(family_a)).content.decode()
    assert "naar de basisschool" in page
    assert "over 1 dag" in page


def test_user_text_is_escaped(client_professional_a, family_a):
    services.network_member_add(family=family_a, name="<b>Oma</b>", relationship="relative")
    page = client_professional_a.get(url(family_a)).content.decode()
    assert "<b>Oma</b>" not in page
    assert "&lt;b&gt;Oma&lt;/b&gt;" in page


def test_empty_timeline_shows_an_empty_state(client_professional_a, family_a, settings):
    settings.STAP0_TIMELINE_PROVIDERS = []
    page = client_professional_a.get(url(family_a)).content.decode()
    assert 'data-testid="timeline-empty"' in page


def provide_one_entry(family, request):
    return [
        TimelineEntry(
            at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
            template="families/tests/entry.html",
            context={"text": "Een testregel"},
            css_class="protective",
        )
    ]


@pytest.fixture
def entry_template(settings, tmp_path):
    (tmp_path / "families" / "tests").mkdir(parents=True)
    (tmp_path / "families" / "tests" / "entry.html").write_text("<p>{{ entry.context.text }}</p>")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]
    settings.STAP0_TIMELINE_PROVIDERS = ["tests.families.test_detail.provide_one_entry"]


def test_timeline_renders_entries_from_providers(client_professional_a, family_a, entry_template):
    page = client_professional_a.get(url(family_a)).content.decode()
    assert '<ol class="timeline">' in page
    assert '<li class="protective"><p>Een testregel</p></li>' in page


def provide_many_entries(family, request):
    start = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    return [
        TimelineEntry(
            at=start + datetime.timedelta(days=n),
            template="families/tests/entry.html",
            context={"text": f"Regel-{n:03d}."},
        )
        for n in range(detail.TIMELINE_SHOWN + 7)
    ]


def test_a_long_timeline_shows_the_newest_and_a_link_to_all(
    client_professional_a, family_a, entry_template, settings
):
    settings.STAP0_TIMELINE_PROVIDERS = ["tests.families.test_detail.provide_many_entries"]
    newest, oldest = detail.TIMELINE_SHOWN + 6, 0
    page = client_professional_a.get(url(family_a)).content.decode()
    assert page.count("<p>Regel-") == detail.TIMELINE_SHOWN
    assert f"Regel-{newest:03d}." in page and f"Regel-{oldest:03d}." not in page
    assert "Nog 7 eerdere items." in page
    assert f"Toon alle {detail.TIMELINE_SHOWN + 7}" in page
    whole = client_professional_a.get(url(family_a), {"tijdlijn": "alles"}).content.decode()
    assert whole.count("<p>Regel-") == detail.TIMELINE_SHOWN + 7
    assert 'data-testid="timeline-more"' not in whole


def test_a_short_timeline_has_no_link(client_professional_a, family_a, entry_template):
    page = client_professional_a.get(url(family_a)).content.decode()
    assert 'data-testid="timeline-more"' not in page
