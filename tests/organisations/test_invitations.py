"""Invitations: the beheerder invites by e-mail and role; the colleague follows the one-time
link, chooses a password (no one else sees it) and logs in; resend and revoke."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from organisations import invitations
from organisations.models import AccessLogEntry, Invitation, Membership, Role
from tests.factories import MembershipFactory, UserFactory

INVITE = reverse("organisations:invite")
NEW_PASSWORD = "Een-eigen-wachtwoord-2026"


def _link(message):
    return re.search(r"https?://\S+/uitnodiging/\S+/", message.body).group(0)


def _path(link):
    return urlsplit(link).path


def _invite(client, email="nieuw@example.invalid", role=Role.PROFESSIONAL):
    return client.post(INVITE, {"email": email, "role": role, "job_title": "leerkracht groep 5"})


def _accept(client, path, **changes):
    data = {
        "username": "nieuwe.collega",
        "first_name": "Nina",
        "last_name": "Nieuw",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **changes,
    }
    return client.post(path, data)


def test_invite_then_choose_a_password_and_log_in(client_admin_a, admin_a, org_a, client):
    response = _invite(client_admin_a)
    assert response.status_code == 302 and response["Location"] == reverse("organisations:people")
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "nieuw@example.invalid",
        Role.PROFESSIONAL,
        admin_a,
    )
    assert invitation.expires_at - invitation.sent_at == datetime.timedelta(hours=72)
    [message] = mail.outbox
    assert message.to == ["nieuw@example.invalid"]
    assert "Basisschool A" in message.subject and "72 uur" in message.body
    link = _link(message)
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert token not in invitation.token_hash  # only the hash is kept
    assert AccessLogEntry.objects.filter(action="invite", object_type="invitation").count() == 1

    path = _path(link)
    page = client.get(path)
    assert page.status_code == 200 and "nieuw@example.invalid" in page.content.decode()
    assert page.context["form"].initial["username"] == "nieuw"
    response = _accept(client, path)
    assert response.status_code == 302 and response["Location"] == reverse("login")

    user = get_user_model().objects.get(username="nieuwe.collega")
    assert user.email == "nieuw@example.invalid" and user.check_password(NEW_PASSWORD)
    membership = Membership.objects.get(user=user)
    assert (membership.organisation, membership.role) == (org_a, Role.PROFESSIONAL)
    assert membership.job_title == "leerkracht groep 5"
    invitation.refresh_from_db()
    assert invitation.accepted_by == user and invitation.accepted_at is not None
    assert NEW_PASSWORD not in str(list(AccessLogEntry.objects.values_list()))

    login = client.post(reverse("login"), {"username": "nieuwe.collega", "password": NEW_PASSWORD})
    assert login.status_code == 302
    assert client.get(reverse("home"))["Location"] == reverse("families:list")

    # One time only.
    client.post(reverse("logout"))
    again = client.get(path)
    assert "Deze link werkt niet meer" in again.content.decode()


def test_with_mfa_required_the_new_colleague_enrols_after_the_first_login(
    client_admin_a, client, settings
):
    _invite(client_admin_a)
    settings.STAP0_REQUIRE_MFA = True
    _accept(client, _path(_link(mail.outbox[0])))
    client.post(reverse("login"), {"username": "nieuwe.collega", "password": NEW_PASSWORD})
    response = client.get(reverse("families:list"))
    assert response["Location"].startswith(reverse("mfa_enrol"))


def test_an_expired_link_does_not_work(client_admin_a, client):
    _invite(client_admin_a)
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    path = _path(_link(mail.outbox[0]))
    assert "Deze link werkt niet meer" in client.get(path).content.decode()
    _accept(client, path)
    assert not get_user_model().objects.filter(username="nieuwe.collega").exists()


def test_resend_makes_a_new_link_and_the_old_one_stops(client_admin_a, client):
    _invite(client_admin_a)
    invitation = Invitation.objects.get()
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(hours=1))
    old = _path(_link(mail.outbox[0]))
    response = client_admin_a.post(
        reverse("organisations:invitation_resend", args=[invitation.public_id])
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    new = _path(_link(mail.outbox[1]))
    assert old != new
    assert "Deze link werkt niet meer" in client.get(old).content.decode()
    assert client.get(new).status_code == 200
    assert _accept(client, new).status_code == 302


def test_revoke(client_admin_a, client):
    _invite(client_admin_a)
    invitation = Invitation.objects.get()
    page = client_admin_a.get(reverse("organisations:people")).content.decode()
    assert "nieuw@example.invalid" in page and "intrekken" in page
    client_admin_a.post(reverse("organisations:invitation_revoke", args=[invitation.public_id]))
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert "Deze link werkt niet meer" in client.get(_path(_link(mail.outbox[0]))).content.decode()
    assert not client_admin_a.get(reverse("organisations:people")).context["invitations"]
    # A revoked invitation is neither resent nor revoked again.
    response = client_admin_a.post(
        reverse("organisations:invitation_resend", args=[invitation.public_id]), follow=True
    )
    assert "al aangenomen of ingetrokken" in response.content.decode()
    assert len(mail.outbox) == 1


def test_someone_with_an_account_joins_after_logging_in(client_admin_a, org_a, professional_b):
    professional_b.email = "bob@example.invalid"
    professional_b.save()
    _invite(client_admin_a, email="Bob@Example.invalid", role=Role.PROFESSIONAL)
    path = _path(_link(mail.outbox[0]))
    from django.test import Client

    anonymous = Client()
    page = anonymous.get(path).content.decode()
    assert "Je hebt al een account" in page
    bob = Client()
    bob.force_login(professional_b)
    assert "Uitnodiging aannemen" in bob.get(path).content.decode()
    response = bob.post(path)
    assert response.status_code == 302
    assert Membership.objects.filter(user=professional_b, organisation=org_a).exists()


def test_someone_else_logged_in_is_told_to_log_out(client_admin_a, client_professional_b):
    _invite(client_admin_a)
    path = _path(_link(mail.outbox[0]))
    page = client_professional_b.get(path).content.decode()
    assert "Deze uitnodiging is voor iemand anders" in page
    client_professional_b.post(path)
    assert not Invitation.objects.filter(accepted_at__isnull=False).exists()


# Bad input --------------------------------------------------------------------------


def test_bad_addresses_and_roles(client_admin_a, professional_a):
    professional_a.email = "alice@example.invalid"
    professional_a.save()
    for data, field in (
        ({"email": "geen-adres", "role": Role.PROFESSIONAL}, "email"),
        ({"email": "x@example.invalid", "role": "god"}, "role"),
        ({"email": "ALICE@example.invalid", "role": Role.LEAD}, "email"),
    ):
        response = client_admin_a.post(INVITE, data)
        assert response.status_code == 200
        assert response.context["form"].errors[field]
    _invite(client_admin_a)
    response = _invite(client_admin_a)
    assert "al een uitnodiging open" in str(response.context["form"].errors["email"])
    assert Invitation.objects.count() == 1 and len(mail.outbox) == 1


def test_a_weak_or_mismatched_password_or_taken_username(client_admin_a, client, professional_a):
    _invite(client_admin_a)
    path = _path(_link(mail.outbox[0]))
    for changes, field in (
        ({"password1": "kort", "password2": "kort"}, "password1"),
        ({"password1": "12345678901", "password2": "12345678901"}, "password1"),
        ({"password2": "iets-anders-2026"}, "password2"),
        ({"username": "alice"}, "username"),
        ({"username": "geen spaties"}, "username"),
        ({"password1": "x" * 2000, "password2": "x" * 2000}, "password1"),
    ):
        response = _accept(client, path, **changes)
        assert response.status_code == 200, changes
        assert response.context["form"].errors[field], changes
    assert Invitation.objects.get().accepted_at is None


@pytest.mark.parametrize("token", ["x", "A" * 200, "%00", "..", "0" * 64])
def test_unknown_links_get_a_calm_page(client, db, token):
    response = client.get(reverse("invitation_accept", args=[token]))
    assert response.status_code == 200
    assert "Deze link werkt niet meer" in response.content.decode()


def test_mail_that_cannot_be_sent_leaves_no_invitation(client_admin_a, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr(invitations, "send_mail", broken)
    response = _invite(client_admin_a)
    assert response.status_code == 200
    assert "kon niet worden verstuurd" in str(response.context["form"].errors)
    assert not Invitation.objects.exists()


# Who may ---------------------------------------------------------------------------


def test_only_the_beheerder_invites(client_professional_a, client_lead_a, client):
    for http in (client_professional_a, client_lead_a):
        assert http.get(INVITE).status_code == 403
        assert _invite(http).status_code == 403
    assert client.get(INVITE)["Location"].startswith(reverse("login"))
    assert not Invitation.objects.exists()


def test_another_organisations_invitation_is_404(client_admin_a, org_b):
    admin_b = UserFactory(username="bram")
    MembershipFactory(user=admin_b, organisation=org_b, role=Role.ADMIN)
    _invite(client_admin_a)
    invitation = Invitation.objects.get()
    from django.test import Client

    other = Client()
    other.force_login(admin_b)
    for name in ("invitation_resend", "invitation_revoke"):
        url = reverse(f"organisations:{name}", args=[invitation.public_id])
        assert other.post(url).status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None and len(mail.outbox) == 1


def test_resend_and_revoke_are_post_only(client_admin_a):
    _invite(client_admin_a)
    invitation = Invitation.objects.get()
    for name in ("invitation_resend", "invitation_revoke"):
        url = reverse(f"organisations:{name}", args=[invitation.public_id])
        assert client_admin_a.get(url).status_code == 405
    assert client_admin_a.put(INVITE).status_code == 405
