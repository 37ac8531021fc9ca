"""Synonyms on a category (issue 19): the type-ahead and the catalogue search find a category
by the everyday word a professional types ("trek", "spijbelen"), and a lead sets them on
an own category."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from signals.catalogue.selectors import available_categories, matching, search_text
from signals.models import SignalCategory
from tests.factories import SignalCategoryFactory

URL = reverse("signals:category_manage")


def _codes(page):
    return [c.code for s in page.context["sections"] for c in s["categories"]]


def _without_synonyms(category):
    category.synonyms = category.synonyms_en = ""
    return search_text(category)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "word"),
    [
        ("hunger", "trek"),
        ("school-absence", "spijbelen"),
        ("injury-unexplained", "verwondingen"),
    ],
)
def test_the_search_text_holds_the_shipped_synonyms(org_a, code, word):
    category = SignalCategory.objects.get(code=code)
    assert word in search_text(category)
    assert word not in _without_synonyms(category)  # found by the synonym, not by chance
    assert category in matching(available_categories(org_a), word)


@pytest.mark.django_db
def test_every_shipped_category_has_valid_synonyms():
    shipped = SignalCategory.objects.filter(organisation__isnull=True)
    assert shipped.exists()
    for category in shipped:
        assert category.synonyms and category.synonyms_en, category.code
        category.full_clean()


def test_the_picker_carries_the_synonyms(client_professional_a):
    html = client_professional_a.get(reverse("signals:observation_create")).content.decode()
    hunger = SignalCategory.objects.get(code="hunger")
    assert f'value="{hunger.code}" data-search="' in html
    start = html.index(f'value="{hunger.code}" data-search="')
    assert "geen ontbijt" in html[start : html.index(">", start)]


def test_catalogue_search_finds_by_a_synonym(client_professional_a):
    page = client_professional_a.get(reverse("signals:catalogue"), {"q": "Spijbelen"})
    assert "school-absence" in _codes(page)
    assert "afwezig, spijbelen" in page.content.decode()  # shown on the card


def test_synonyms_in_english(client_professional_a):
    hunger = SignalCategory.objects.get(code="hunger")
    with translation.override("en"):
        assert hunger.display_synonyms.startswith("no breakfast")
    assert hunger.display_synonyms.startswith("geen ontbijt")


def test_lead_adds_and_edits_synonyms_of_an_own_category(
    client_lead_a, client_professional_a, org_a
):
    response = client_lead_a.post(
        URL,
        {
            "action": "add",
            "name": "Mantelzorg door het kind",
            "domain": "child",
            "kind": "signal",
            "weight": "1",
            "for_age_4_12": "on",
            "synonyms": "zorgt voor moeder",
        },
    )
    assert response.status_code == 302
    own = SignalCategory.objects.get(organisation=org_a)
    assert own.synonyms == "zorgt voor moeder"
    page = client_lead_a.get(URL).content.decode()
    assert 'value="zorgt voor moeder"' in page
    response = client_lead_a.post(
        URL, {"action": "synonyms", "code": own.code, "synonyms": " boodschappen, koken "}
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.synonyms == "boodschappen, koken"
    page = client_professional_a.get(reverse("signals:catalogue"), {"q": "koken"})
    assert _codes(page) == [own.code]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("trek\teten", "zonder tabs, enters of andere onzichtbare tekens"),
        ("trek\neten", "zonder tabs, enters of andere onzichtbare tekens"),
        ("x" * 201, "niet meer dan 200 tekens"),
    ],
)
def test_bad_synonyms_get_a_dutch_message_and_stay_in_the_field(
    client_lead_a, org_a, value, message
):
    own = SignalCategoryFactory(organisation=org_a, synonyms="oud")
    response = client_lead_a.post(URL, {"action": "synonyms", "code": own.code, "synonyms": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert value.split("\t")[0].split("\n")[0] in html  # what was typed is not lost
    own.refresh_from_db()
    assert own.synonyms == "oud"


def test_bad_synonyms_on_a_new_category(client_lead_a):
    response = client_lead_a.post(
        URL,
        {
            "action": "add",
            "name": "Mantelzorg",
            "domain": "child",
            "kind": "signal",
            "weight": "1",
            "for_age_4_12": "on",
            "synonyms": "a\x07b",
        },
    )
    assert response.status_code == 200
    assert "onzichtbare tekens" in response.content.decode()
    assert not SignalCategory.objects.filter(organisation__isnull=False).exists()


@pytest.mark.parametrize("value", ["alleen bij ons", "x" * 201])
def test_shipped_synonyms_are_not_for_one_organisation_to_change(client_lead_a, value):
    response = client_lead_a.post(
        URL, {"action": "synonyms", "code": "hunger", "synonyms": value}, follow=True
    )
    assert response.status_code == 200
    assert "gelden voor alle organisaties" in response.content.decode()
    assert SignalCategory.objects.get(code="hunger").synonyms.startswith("geen ontbijt")


def test_another_organisations_category_is_404(client_lead_a, org_b):
    foreign = SignalCategoryFactory(organisation=org_b, synonyms="oud")
    response = client_lead_a.post(
        URL, {"action": "synonyms", "code": foreign.code, "synonyms": "x"}
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.synonyms == "oud"


def test_a_refused_synonyms_change_says_why_and_keeps_what_was_typed(client_lead_a, org_a):
    own = SignalCategoryFactory(organisation=org_a, synonyms="oud")
    target = "signals.catalogue.services.category_set_synonyms"
    with mock.patch(target, side_effect=ValidationError("Weigering van de dienst.")) as service:
        response = client_lead_a.post(
            URL, {"action": "synonyms", "code": own.code, "synonyms": "nieuw woord"}
        )
    assert service.call_count == 1
    assert response.status_code == 200
    html = response.content.decode()
    assert "Weigering van de dienst." in html
    assert 'value="nieuw woord"' in html
    own.refresh_from_db()
    assert own.synonyms == "oud"
