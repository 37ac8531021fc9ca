"""'Wachtwoord vergeten': the same answer for any address, a one-time link, rate limits,
the access log, and the second factor still asked after a reset."""

import re
from urllib.parse import urlsplit

from axes.models import AccessAttempt
from django.core import mail
from django.test import Client
from django.urls import reverse

from organisations.models import AccessLogEntry
from organisations.views.password import PER_CLIENT, PER_EMAIL
from tests.factories import PASSWORD

RESET = reverse("password_reset")
NEW = "Een-nieuw-wachtwoord-2026"


def _ask(client, email, ip="10.1.1.1"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=ip)


def _link(message):
    return urlsplit(re.search(r"https?://\S+/wachtwoord-vergeten/\S+/\S+/", message.body)[0]).path


def test_login_page_links_to_it(client, db):
    assert f'href="{RESET}"' in client.get(reverse("login")).content.decode()


def test_the_same_answer_whether_or_not_the_address_exists(client, professional_a):
    known = _ask(client, professional_a.email)
    unknown = _ask(client, "niemand@example.invalid")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [professional_a.email]
    done = client.get(reverse("password_reset_done")).content.decode()
    assert "Als dit adres bij stap0 bekend is" in done


def test_the_link_sets_a_new_password_once_and_ends_the_sessions(
    client, client_professional_a, professional_a
):
    client_professional_a.get(reverse("families:list"))
    _ask(client, professional_a.email)
    path = _link(mail.outbox[0])
    assert "alice" in mail.outbox[0].body  # the username, as a reminder
    form_page = client.get(path, follow=True)
    assert "Nieuw wachtwoord kiezen" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    assert response["Location"] == reverse("password_reset_complete")
    professional_a.refresh_from_db()
    assert professional_a.check_password(NEW)
    # Logged out everywhere.
    assert client_professional_a.get(reverse("families:list")).status_code == 302
    # The link worked once.
    again = client.get(path, follow=True).content.decode()
    assert "Deze link werkt niet meer" in again
    entry = AccessLogEntry.objects.get(action="password_reset", object_type="password")
    assert entry.user == professional_a and entry.outcome == "ok"


def test_a_reset_keeps_asking_the_second_factor(client, professional_a, settings):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=professional_a, name="stap0", confirmed=True)
    _ask(client, professional_a.email)
    page = client.get(_link(mail.outbox[0]), follow=True)
    client.post(page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    client.post(reverse("login"), {"username": "alice", "password": NEW})
    response = client.get(reverse("families:list"))
    assert response["Location"].startswith(reverse("mfa_verify"))


def test_a_reset_lifts_the_lockout_of_the_username(client, professional_a):
    for _ in range(5):
        client.post(
            reverse("login"), {"username": "alice", "password": "fout"}, REMOTE_ADDR="10.2.2.2"
        )
    assert AccessAttempt.objects.filter(username="alice").exists()
    _ask(client, professional_a.email)
    page = client.get(_link(mail.outbox[0]), follow=True)
    client.post(page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert not AccessAttempt.objects.filter(username="alice").exists()


def test_requests_are_logged_without_the_address(client, professional_a):
    _ask(client, professional_a.email)
    entry = AccessLogEntry.objects.get(action="password_reset")
    assert entry.object_type == "resetrequest" and len(entry.object_id) == 64
    assert professional_a.email not in str(AccessLogEntry.objects.values_list())
    assert entry.ip_address == "10.1.1.1"


def test_too_many_requests_from_one_address_are_refused(client, professional_a):
    for n in range(PER_CLIENT):
        _ask(client, f"iemand{n}@example.invalid")
    response = _ask(client, professional_a.email)
    assert response.status_code == 429
    assert "te veel aanvragen" in response.content.decode()
    assert not mail.outbox
    assert _ask(Client(), professional_a.email, ip="10.9.9.9").status_code == 302


def test_one_mailbox_gets_a_few_mails_and_then_the_same_answer_without_mail(client, professional_a):
    for n in range(PER_EMAIL + 2):
        response = _ask(client, professional_a.email, ip=f"10.3.3.{n}")
        assert response.status_code == 302
    assert len(mail.outbox) == PER_EMAIL


def test_bad_input(client, db):
    for data in ({}, {"email": "geen-adres"}, {"email": "x" * 5000 + "@example.invalid"}):
        response = client.post(RESET, data)
        assert response.status_code == 200
        assert response.context["form"].errors["email"]
    bad_link = reverse("password_reset_confirm", args=["%ff%fe", "x" * 500])
    response = client.get(bad_link)
    assert response.status_code == 200
    assert "Deze link werkt niet meer" in response.content.decode()
    assert client.post(bad_link, {"new_password1": NEW, "new_password2": NEW}).status_code == 200


def test_a_weak_new_password_is_refused(client, professional_a):
    _ask(client, professional_a.email)
    page = client.get(_link(mail.outbox[0]), follow=True)
    response = client.post(
        page.redirect_chain[-1][0], {"new_password1": "kort", "new_password2": "kort"}
    )
    assert response.status_code == 200 and response.context["form"].errors["new_password2"]
    professional_a.refresh_from_db()
    assert professional_a.check_password(PASSWORD)


def test_wrong_methods(client, db):
    assert client.post(reverse("password_reset_done")).status_code == 405
    assert client.post(reverse("password_reset_complete")).status_code == 405
    assert client.put(RESET).status_code == 405
