from django.urls import reverse

DEFAULTS = {
    "accumulation_threshold": "8",
    "attention_threshold": "4",
    "distinct_threshold": "4",
    "band_full_days": "90",
    "band_half_days": "180",
    "band_quarter_days": "365",
    "retention_years": "5",
}


def test_lead_changes_thresholds(client_lead_a, org_a):
    response = client_lead_a.post(
        reverse("organisations:thresholds"), {**DEFAULTS, "accumulation_threshold": "10"}
    )
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.accumulation_threshold == 10


def test_attention_above_accumulation_is_refused(client_lead_a, org_a):
    response = client_lead_a.post(
        reverse("organisations:thresholds"), {**DEFAULTS, "attention_threshold": "9"}
    )
    assert response.status_code == 200
    assert "aandachtsdrempel moet lager" in response.content.decode()
    org_a.refresh_from_db()
    assert org_a.attention_threshold == 4


def test_bands_must_increase(client_lead_a, org_a):
    response = client_lead_a.post(
        reverse("organisations:thresholds"), {**DEFAULTS, "band_half_days": "400"}
    )
    assert "moeten oplopen" in response.content.decode()
    org_a.refresh_from_db()
    assert org_a.band_half_days == 180


def test_professional_gets_403(client_professional_a):
    assert client_professional_a.get(reverse("organisations:thresholds")).status_code == 403
