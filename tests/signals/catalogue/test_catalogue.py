"""The catalogue page: browse and filter by age group, domain and kind."""

import pytest
from django.urls import reverse

from signals.models import SignalCategory
from tests.factories import SignalCategoryFactory

URL = reverse("signals:catalogue")


def test_catalogue_shows_every_available_category_with_explanation(client_professional_a):
    response = client_professional_a.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    hunger = SignalCategory.objects.get(code="hunger")
    assert hunger.name in page and hunger.explanation[:40] in page and hunger.ask[:30] in page
    assert response.context["count"] == SignalCategory.objects.count() >= 40


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "protective"}, {"kind": "protective"}),
        ({"domain": "parent"}, {"domain": "parent"}),
        ({"age": "12-18"}, {"for_age_12_18": True}),
        ({"age": "0-4", "kind": "signal"}, {"for_age_0_4": True, "kind": "signal"}),
    ],
)
def test_filters(client_professional_a, query, expected):
    response = client_professional_a.get(URL, query)
    shown = {c.code for s in response.context["sections"] for c in s["categories"]}
    assert shown == set(SignalCategory.objects.filter(**expected).values_list("code", flat=True))


def test_unknown_filter_values_do_not_break_the_page(client_professional_a):
    response = client_professional_a.get(URL, {"age": "99", "kind": "<script>"})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main")[1].split("</main>")[0]


def test_switched_off_and_foreign_categories_are_hidden(client_professional_a, org_a, org_b):
    off = SignalCategory.objects.get(code="hunger")
    off.disabled_by.add(org_a)
    SignalCategoryFactory(organisation=org_b, name="Alleen bij B")
    SignalCategoryFactory(organisation=org_a, name="Eigen van A")
    page = client_professional_a.get(URL).content.decode()
    assert off.name not in page and "Alleen bij B" not in page
    assert "Eigen van A" in page


def test_lead_sees_it_too(client_lead_a):
    assert client_lead_a.get(URL).status_code == 200


def test_anonymous_beheerder_method(client, client_admin_a, client_professional_a):
    assert reverse("login") in client.get(URL)["Location"]
    assert client_admin_a.get(URL).status_code == 403
    assert client_professional_a.post(URL).status_code == 405
