"""Lost phone: the beheerder resets a colleague's second factor (never their own); wrong codes
count towards the same lockout as wrong passwords."""

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisations import accounts, mfa
from organisations.models import AccessLogEntry, Membership, Role
from tests.factories import PASSWORD, MembershipFactory, UserFactory


def _code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def alice_with_device(professional_a):
    device = TOTPDevice.objects.create(user=professional_a, name="stap0", confirmed=True)
    mfa.new_backup_codes(professional_a)
    return device


def _url(user, org):
    membership = Membership.objects.get(user=user, organisation=org)
    return reverse("organisations:mfa_reset", args=[membership.public_id])


def test_the_beheerder_resets_a_colleagues_second_factor(
    client_admin_a, client_professional_a, professional_a, org_a, alice_with_device, settings
):
    key = client_professional_a.session.session_key
    page = client_admin_a.get(_url(professional_a, org_a))
    assert page.status_code == 200
    assert "Er is nu een authenticator-app ingesteld" in page.content.decode()
    assert TOTPDevice.objects.filter(user=professional_a).exists()  # a GET changes nothing

    response = client_admin_a.post(_url(professional_a, org_a))
    assert response["Location"] == reverse("organisations:people")
    assert not TOTPDevice.objects.filter(user=professional_a).exists()
    assert not StaticDevice.objects.filter(user=professional_a).exists()
    assert not Session.objects.filter(session_key=key).exists()  # logged out everywhere
    [message] = mail.outbox
    assert message.to == [professional_a.email]
    assert "hersteld" in message.subject and "Basisschool A" in message.body
    entry = AccessLogEntry.objects.get(action="mfa_reset")
    assert entry.object_type == "membership" and entry.organisation == org_a

    # At the next login the colleague enrols again (when required).
    settings.STAP0_REQUIRE_MFA = True
    client_professional_a.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    response = client_professional_a.get(reverse("families:list"))
    assert response["Location"].startswith(reverse("mfa_enrol"))


def test_the_people_page_offers_it_for_colleagues_not_for_oneself(
    client_admin_a, admin_a, professional_a, org_a
):
    page = client_admin_a.get(reverse("organisations:people")).content.decode()
    assert _url(professional_a, org_a) in page
    assert _url(admin_a, org_a) not in page


def test_never_ones_own(client_admin_a, admin_a, org_a):
    assert client_admin_a.get(_url(admin_a, org_a)).status_code == 403
    assert client_admin_a.post(_url(admin_a, org_a)).status_code == 403
    assert not AccessLogEntry.objects.filter(action="mfa_reset").exists()


def test_without_an_address_the_beheerder_is_told_to_say_so(
    client_admin_a, professional_a, org_a, alice_with_device
):
    professional_a.email = ""
    professional_a.save()
    response = client_admin_a.post(_url(professional_a, org_a), follow=True)
    assert "zelf weten" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=professional_a).exists()


def test_only_the_beheerder_and_only_in_the_own_organisation(
    client_lead_a, client_professional_a, lead_a, professional_a, org_a, org_b, client
):
    assert client_lead_a.post(_url(professional_a, org_a)).status_code == 403
    assert client_professional_a.get(_url(lead_a, org_a)).status_code == 403
    TOTPDevice.objects.create(user=professional_a, name="stap0", confirmed=True)
    admin_b = UserFactory(username="bram")
    MembershipFactory(user=admin_b, organisation=org_b, role=Role.ADMIN)
    client.force_login(admin_b)
    assert client.get(_url(professional_a, org_a)).status_code == 404
    assert client.post(_url(professional_a, org_a)).status_code == 404
    assert TOTPDevice.objects.filter(user=professional_a).exists()
    assert not mail.outbox


def test_wrong_method(client_admin_a, professional_a, org_a):
    assert client_admin_a.put(_url(professional_a, org_a)).status_code == 405


def test_the_service_refuses_ones_own(admin_a, org_a):
    from django.core.exceptions import PermissionDenied

    membership = Membership.objects.get(user=admin_a)
    with pytest.raises(PermissionDenied):
        accounts.second_factor_reset(membership=membership, by=admin_a)


# One lockout for passwords and codes --------------------------------------------------


def _password(client, ip="10.5.5.5", password=PASSWORD):
    return client.post(
        reverse("login"), {"username": "alice", "password": password}, REMOTE_ADDR=ip
    )


def _token(client, token, ip="10.5.5.5"):
    return client.post(reverse("mfa_verify"), {"token": token}, REMOTE_ADDR=ip)


def test_five_wrong_codes_lock_out_like_five_wrong_passwords(client, alice_with_device, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    assert _password(client).status_code == 302
    for _ in range(4):
        assert _token(client, "000000").status_code == 200
    locked = _token(client, "000000")
    assert locked.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in locked.content.decode()
    assert "_auth_user_id" not in client.session  # the half login ended
    # The right password does not get in now, nor does a right code.
    assert _password(client).status_code == 429


def test_wrong_passwords_and_wrong_codes_count_together(client, alice_with_device, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    for _ in range(3):
        _password(client, password="fout")
    assert _password(client).status_code == 302  # a right password alone resets nothing
    _token(client, "000000")
    assert _token(client, "000000").status_code == 429


def test_a_whole_login_resets_the_count(client, alice_with_device, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    _password(client)
    for _ in range(3):
        _token(client, "000000")
    assert _token(client, _code(alice_with_device)).status_code == 302
    assert not AccessAttempt.objects.filter(username="alice").exists()


def test_a_login_without_a_device_resets_the_count(client, professional_a):
    for _ in range(4):
        _password(client, password="fout")
    assert _password(client).status_code == 302
    assert not AccessAttempt.objects.filter(username="alice").exists()
