"""Two-factor authentication: enrolment by QR code, verification after the password,
backup codes, and refusal of every other page while it is required and missing."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisations.models import AccessLogEntry
from tests.factories import PASSWORD


def _code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _login(client, username):
    return client.post(reverse("login"), {"username": username, "password": PASSWORD})


def test_demo_login_page_says_mfa_is_off(client, db):
    page = client.get(reverse("login")).content.decode()
    assert "demo: tweestapsverificatie staat uit" in page


def test_login_page_does_not_say_so_when_required(client, db, settings):
    settings.STAP0_REQUIRE_MFA = True
    page = client.get(reverse("login")).content.decode()
    assert "tweestapsverificatie staat uit" not in page


def test_without_requirement_pages_open_without_device(client_professional_a):
    response = client_professional_a.get(reverse("organisations:switch"))
    assert response.status_code == 200


def test_required_mfa_sends_users_without_device_to_enrolment(client_professional_a, settings):
    settings.STAP0_REQUIRE_MFA = True
    response = client_professional_a.get(reverse("families:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_enrol"))
    # A POST elsewhere is refused the same way and saves nothing.
    response = client_professional_a.post(reverse("families:create"), {"name": "X"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_enrol"))


def test_enrolment_shows_qr_and_confirms_with_a_code(
    client_professional_a, professional_a, settings
):
    settings.STAP0_REQUIRE_MFA = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code would make the next wait a second
    response = client_professional_a.get(reverse("mfa_enrol"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in page
    device = TOTPDevice.objects.get(user=professional_a)
    assert not device.confirmed

    wrong = client_professional_a.post(reverse("mfa_enrol"), {"token": "000000"})
    assert "Deze code klopt niet" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed

    response = client_professional_a.post(reverse("mfa_enrol"), {"token": _code(device)})
    assert response["Location"] == reverse("mfa_backup_codes")
    device.refresh_from_db()
    assert device.confirmed
    codes_page = client_professional_a.get(reverse("mfa_backup_codes")).content.decode()
    tokens = list(StaticToken.objects.filter(device__user=professional_a))
    assert len(tokens) == 10
    assert all(t.token in codes_page for t in tokens)
    # Shown once only.
    assert client_professional_a.get(reverse("mfa_backup_codes")).status_code == 302
    # Now verified: the app opens.
    assert client_professional_a.get(reverse("organisations:switch")).status_code == 200


@pytest.fixture
def alice_with_device(professional_a):
    device = TOTPDevice.objects.create(user=professional_a, name="stap0", confirmed=True)
    return device


def test_login_with_device_asks_for_a_code_before_anything(client, alice_with_device, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    response = _login(client, "alice")
    assert response.status_code == 302
    response = client.get(reverse("families:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_verify"))
    assert client.get(reverse("mfa_verify")).status_code == 200

    wrong = client.post(reverse("mfa_verify"), {"token": "123456"})
    assert "klopt niet" in wrong.content.decode()
    assert AccessLogEntry.objects.filter(action="failed_login", user__username="alice").exists()
    assert client.get(reverse("families:list")).status_code == 302

    response = client.post(
        reverse("mfa_verify"), {"token": _code(alice_with_device), "next": "/gezinnen/"}
    )
    assert response["Location"] == "/gezinnen/"
    assert client.get(reverse("organisations:switch")).status_code == 200


def test_device_is_asked_for_even_when_not_required(client, alice_with_device, settings):
    settings.STAP0_REQUIRE_MFA = False
    _login(client, "alice")
    response = client.get(reverse("organisations:switch"))
    assert response["Location"].startswith(reverse("mfa_verify"))


def test_backup_code_works_once(client, alice_with_device, professional_a):
    from organisations import mfa

    codes = mfa.new_backup_codes(professional_a)
    _login(client, "alice")
    response = client.post(reverse("mfa_verify"), {"token": codes[0]})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get(reverse("organisations:switch")).status_code == 200
    client.post(reverse("logout"))
    _login(client, "alice")
    again = client.post(reverse("mfa_verify"), {"token": codes[0]})
    assert again.status_code == 200 and "klopt niet" in again.content.decode()


def test_verify_refuses_an_outside_next(client, alice_with_device):
    _login(client, "alice")
    response = client.post(
        reverse("mfa_verify"),
        {"token": _code(alice_with_device), "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_new_backup_codes_need_a_verified_session(client, alice_with_device):
    _login(client, "alice")
    response = client.post(reverse("mfa_backup_codes"))
    assert response["Location"].startswith(reverse("mfa_verify"))


def test_anonymous_goes_to_login(client, db):
    for name in ("mfa_enrol", "mfa_verify", "mfa_backup_codes"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith("/inloggen/")


def test_wrong_method_is_refused(client_professional_a):
    assert client_professional_a.put(reverse("mfa_enrol")).status_code == 405


def test_device_enrolled_in_another_session_is_asked_for(
    client_professional_a, professional_a, settings
):
    settings.STAP0_REQUIRE_MFA = True
    client_professional_a.get(reverse("mfa_enrol"))  # this session began without a device
    TOTPDevice.objects.filter(user=professional_a).update(confirmed=True)
    response = client_professional_a.get(reverse("families:list"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("mfa_verify"))
    assert response.status_code == 200


def test_required_mfa_closes_every_page_but_the_few_that_make_it_possible(
    client_lead_a, org_a, professional_a, lead_a, settings
):
    from organisations.middleware import MFARequiredMiddleware
    from tests.security.urlwalk import named_patterns, url_for
    from tests.security.world import build_world

    settings.STAP0_REQUIRE_MFA = True
    world = build_world(org_a, professional_a, lead_a)
    checked = 0
    for name, _route, params in named_patterns():
        if name in MFARequiredMiddleware.OPEN:
            continue
        for method in ("get", "post"):
            response = getattr(client_lead_a, method)(url_for(name, params, world))
            assert response.status_code == 302, (name, method, response.status_code)
            assert response["Location"].startswith(reverse("mfa_enrol")), name
            checked += 1
    assert checked > 60
