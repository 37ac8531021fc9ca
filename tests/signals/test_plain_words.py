"""Plain words (issue 19): numbers and dates as the reader writes them, no code names, the
question beside its answer, a catalogue one can search, protective factors in their own words."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from families.models import ChainPartner
from organisations.models import AccessAction, AccessLogEntry
from signals.models import SignalCategory
from tests.security.world import build_world


@pytest.fixture
def world(org_a, professional_a, lead_a):
    return build_world(org_a, professional_a, lead_a)


def test_access_log_names_objects_in_words_with_their_family(client_lead_a, world, org_a):
    partner = ChainPartner.objects.get(family=world.family)
    AccessLogEntry.objects.create(
        organisation=org_a,
        family_public_id=world.family.public_id,
        action=AccessAction.CHANGE,
        object_type="chainpartner",
        object_id=str(partner.public_id),
    )
    page = client_lead_a.get(reverse("organisations:access_log")).content.decode()
    assert f"ketenpartner van {world.family.name}" in page
    assert "chainpartner" not in page
    assert str(partner.public_id)[:8] not in page


def test_print_view_shows_dates_in_words(client_lead_a, world):
    page = client_lead_a.get(reverse("dossier:export", args=[world.family.public_id]))
    html = page.content.decode()
    assert page.status_code == 200
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", html)  # no raw time stamps
    today = timezone.localdate()
    months = [
        "januari", "februari", "maart", "april", "mei", "juni", "juli",
        "augustus", "september", "oktober", "november", "december",
    ]  # fmt: skip
    assert f"{today.day} {months[today.month - 1]} {today.year}" in html


def test_thresholds_in_the_same_number_format_as_scores(client_lead_a, org_a):
    org_a.attention_threshold = "3.5"
    org_a.save()
    html = client_lead_a.get(reverse("organisations:thresholds")).content.decode()
    assert 'value="8"' in html  # not "8.00"
    assert 'value="3,5"' in html  # the Dutch decimal comma, as the scores
    response = client_lead_a.post(
        reverse("organisations:thresholds"),
        {
            "accumulation_threshold": "7,5",
            "attention_threshold": "3,5",
            "distinct_threshold": "4",
            "band_full_days": "90",
            "band_half_days": "180",
            "band_quarter_days": "365",
            "retention_years": "5",
        },
    )
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert str(org_a.accumulation_threshold) in ("7.5", "7.50")


def test_catalogue_search_finds_by_name_and_explanation_without_script(client_professional_a):
    url = reverse("signals:catalogue")
    page = client_professional_a.get(url, {"q": "hong"})
    names = [c.code for s in page.context["sections"] for c in s["categories"]]
    assert "hunger" in names
    assert "gevonden voor “hong”" in page.content.decode()
    # Accents and case do not matter; every word must match.
    debts = SignalCategory.objects.get(code="env-debts")
    page = client_professional_a.get(url, {"q": debts.name.split()[0].upper()})
    assert debts.code in [c.code for s in page.context["sections"] for c in s["categories"]]
    page = client_professional_a.get(url, {"q": "xqzv"})
    assert page.context["count"] == 0
    assert "Niets gevonden" in page.content.decode()


def test_catalogue_speaks_of_counting_not_of_weight(client_professional_a):
    html = client_professional_a.get(reverse("signals:catalogue")).content.decode()
    assert not re.search(r"[Gg]ewicht \d", html)  # no "gewicht 2"
    assert "telt niet mee in de score" in html  # a protective factor
    assert "telt dubbel mee" in html or "telt driedubbel mee" in html


def test_category_groups_read_as_words(client_professional_a, world):
    url = reverse("signals:family_observation_create", args=[world.family.public_id])
    html = client_professional_a.get(url).content.decode()
    assert 'label="Wat goed gaat: in het gezin"' in html
    assert 'label="Wat je aan het kind ziet"' in html
    assert "Signaal bij het kind · Kind" not in html
    assert 'data-search="' in html  # the type-ahead's text per option


def test_protective_factor_is_shown_with_its_strength(client_professional_a, world):
    url = reverse("signals:family_observation_create", args=[world.family.public_id])
    data = {
        "category": "warm-bond",
        "severity": "2",
        "observed_on": timezone.localdate().isoformat(),
        "description": "Moeder troost liefdevol.",
        "parents_discussed": "not_yet",
    }
    assert client_professional_a.post(url, data).status_code == 302
    html = client_professional_a.get(world.family.get_absolute_url()).content.decode()
    assert "sterkte: duidelijk" in html
    assert 'Warme band tussen ouder en kind</strong>\n    <span class="small">· zorg' not in html


def test_protective_factor_form_without_script_speaks_of_strength(client_professional_a, world):
    url = reverse("signals:family_observation_create", args=[world.family.public_id])
    data = {
        "category": "warm-bond",
        "severity": "2",
        "observed_on": timezone.localdate().isoformat(),
        "description": "Moeder troost liefdevol.",
        "parents_discussed": "not_yet",
        "acute": "on",
    }
    response = client_professional_a.post(url, data)
    assert response.status_code == 200  # refused: a protective factor is never acute
    html = response.content.decode()
    assert "Sterkte" in html and "2 · duidelijk" in html
    assert "2 · zorg" not in html


def test_the_answer_is_shown_with_its_question(client_lead_a, world):
    look = world.look_request
    look.observation = world.amendment
    look.save()
    html = client_lead_a.get(world.family.get_absolute_url()).content.decode()
    question = html[html.index('data-testid="look-question"') :][:800]
    assert "Kijk-A" in question
    assert world.amendment.category.display_name in question
    assert "Observatietekst-A gecorrigeerd" in question


def test_family_header_shows_acute_and_what_to_do(client_professional_a, world):
    url = reverse("signals:family_observation_create", args=[world.family.public_id])
    response = client_professional_a.post(
        url,
        {
            "category": "fear-going-home",
            "severity": "3",
            "observed_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
            "description": "Wil niet naar huis.",
            "parents_discussed": "not_yet",
            "acute": "on",
        },
    )
    assert response.status_code == 302
    html = client_professional_a.get(world.family.get_absolute_url()).content.decode()
    summary = html[html.index('data-testid="family-summary"') :][:3000]
    assert 'data-testid="family-status">acuut<' in summary
    assert "Veilig Thuis: 0800-2000" in summary


def test_family_list_shows_acuut_beside_the_name_for_the_team(
    client_professional_a, client_colleague_a, world, professional_a
):
    url = reverse("signals:family_observation_create", args=[world.family.public_id])
    client_professional_a.post(
        url,
        {
            "category": "fear-going-home",
            "severity": "3",
            "observed_on": timezone.localdate().isoformat(),
            "description": "Wil niet naar huis.",
            "parents_discussed": "not_yet",
            "acute": "on",
        },
    )
    html = client_professional_a.get(reverse("families:list")).content.decode()
    assert 'data-testid="family-badge">acuut<' in html
    # Outside the team the row shows name and group only: no status.
    other = client_colleague_a.get(reverse("families:list")).content.decode()
    assert 'data-testid="family-badge"' not in other
