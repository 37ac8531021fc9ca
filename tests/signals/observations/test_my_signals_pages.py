"""'Mijn signalen' in pages of 20 families."""

from django.urls import reverse
from django.utils import timezone

from signals import services
from signals.models import SignalCategory
from signals.reviews.views import MY_SIGNALS_PER_PAGE
from tests.factories import FamilyFactory

URL = reverse("signals:my_signals")


def _log_about(n, org, observer):
    category = SignalCategory.objects.get(code="hunger")
    for i in range(n):
        services.observation_record(
            family=FamilyFactory(organisation=org, name=f"Gezin Pagina {i:03d}"),
            category=category,
            severity=1,
            observed_on=timezone.localdate(),
            observer=observer,
            description="Gezien.",
        )


def test_more_families_than_a_page_are_split_over_pages(
    client_professional_a, professional_a, org_a
):
    _log_about(MY_SIGNALS_PER_PAGE + 3, org_a, professional_a)
    first = client_professional_a.get(URL).content.decode()
    assert "Gezin Pagina 000" in first and f"Gezin Pagina {MY_SIGNALS_PER_PAGE - 1:03d}" in first
    assert f"Gezin Pagina {MY_SIGNALS_PER_PAGE:03d}" not in first
    assert "Pagina 1 van 2" in first and "?page=2" in first
    second = client_professional_a.get(URL, {"page": 2}).content.decode()
    assert f"Gezin Pagina {MY_SIGNALS_PER_PAGE + 2:03d}" in second
    assert "Gezin Pagina 000" not in second


def test_a_bad_page_number_shows_a_page(client_professional_a, professional_a, org_a):
    _log_about(2, org_a, professional_a)
    for page in ("x", "-1", "999", "%00"):
        response = client_professional_a.get(URL, {"page": page})
        assert response.status_code == 200
        assert "Gezin Pagina 000" in response.content.decode()


def test_one_page_shows_no_pagination(client_professional_a, professional_a, org_a):
    _log_about(1, org_a, professional_a)
    assert "Pagina 1 van" not in client_professional_a.get(URL).content.decode()
