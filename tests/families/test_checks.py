"""Long-term support: "controle vastleggen" records what was found and clears
"controle te laat"; the next check follows from the interval."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from families import services
from families.models import SupportCheck
from organisations.models import AccessLogEntry


@pytest.fixture
def supported(family_a, today):
    return services.family_update(
        family=family_a,
        long_term_support=True,
        monitoring_interval_weeks=8,
        next_check_on=today - datetime.timedelta(days=3),
    )


def url(family):
    return reverse("families:check_create", args=[family.public_id])


def test_a_check_sets_the_next_from_the_interval(supported, professional_a, today):
    check = services.support_check_record(
        family=supported,
        checked_on=today,
        outcome="safe",
        findings="Moeder redt het; de post is bijgehouden.",
        recorded_by=professional_a,
    )
    supported.refresh_from_db()
    assert check.next_check_on == supported.next_check_on == today + datetime.timedelta(weeks=8)
    # An older check recorded later does not move the next check back.
    services.support_check_record(
        family=supported,
        checked_on=today - datetime.timedelta(days=20),
        outcome="concerns",
        findings="Toen: achterstand met de huur.",
        recorded_by=professional_a,
    )
    supported.refresh_from_db()
    assert supported.next_check_on == today + datetime.timedelta(weeks=8)


def test_refused_without_long_term_support_or_in_the_future(family_a, professional_a, today):
    with pytest.raises(ValidationError):
        services.support_check_record(
            family=family_a,
            checked_on=today,
            outcome="safe",
            findings="x",
            recorded_by=professional_a,
        )
    services.family_update(family=family_a, long_term_support=True, monitoring_interval_weeks=4)
    with pytest.raises(ValidationError) as exc:
        services.support_check_record(
            family=family_a,
            checked_on=today + datetime.timedelta(days=1),
            outcome="maybe",
            findings="",
            recorded_by=professional_a,
        )
    assert {"checked_on", "outcome", "findings"} <= set(exc.value.message_dict)
    assert not SupportCheck.objects.exists()


def test_the_page_clears_controle_te_laat(client_professional_a, supported, today):
    detail = client_professional_a.get(supported.get_absolute_url()).content.decode()
    assert "Controle te laat" in detail and url(supported) in detail
    response = client_professional_a.post(
        url(supported),
        {"checked_on": today.isoformat(), "outcome": "concerns", "findings": "Koelkast leeg."},
    )
    assert response.status_code == 302
    detail = client_professional_a.get(supported.get_absolute_url()).content.decode()
    assert "Controle te laat" not in detail and "Koelkast leeg." in detail
    assert AccessLogEntry.objects.filter(action="create", family_public_id=supported.public_id)


def test_access(client_professional_b, client_admin_a, client_professional_a, supported):
    assert client_professional_b.get(url(supported)).status_code == 404
    assert client_admin_a.get(url(supported)).status_code == 403
    assert client_professional_a.put(url(supported)).status_code == 405
    response = client_professional_a.post(url(supported), {"checked_on": "morgen"})
    assert response.status_code == 200 and not SupportCheck.objects.exists()
