"""Sessions end server-side: after 30 idle minutes, after 8 hours, at logout and when
the membership is deactivated."""

import time

from django.contrib.sessions.models import Session
from django.urls import reverse

from organisations import mfa, services
from organisations.models import Membership


def _age(client, *, login=0, seen=0):
    session = client.session
    state = session[mfa.SESSION_STATE]
    state["login"] -= login
    state["seen"] -= seen
    session[mfa.SESSION_STATE] = state
    session.save()


def test_fresh_session_is_kept(client_professional_a):
    assert client_professional_a.get(reverse("organisations:switch")).status_code == 200
    assert client_professional_a.get(reverse("organisations:switch")).status_code == 200


def test_idle_session_ends_with_dutch_message(client_professional_a, settings):
    client_professional_a.get(reverse("organisations:switch"))
    _age(client_professional_a, seen=settings.STAP0_SESSION_IDLE_SECONDS + 1)
    key = client_professional_a.session.session_key
    response = client_professional_a.get(reverse("organisations:switch"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "niet actief" in response.content.decode()
    assert not Session.objects.filter(session_key=key).exists()


def test_activity_keeps_the_session_alive(client_professional_a, settings):
    client_professional_a.get(reverse("organisations:switch"))
    _age(client_professional_a, seen=settings.STAP0_SESSION_IDLE_SECONDS - 100)
    assert client_professional_a.get(reverse("organisations:switch")).status_code == 200
    state = client_professional_a.session[mfa.SESSION_STATE]
    assert abs(state["seen"] - time.time()) < 5


def test_absolute_limit_ends_an_active_session(client_professional_a, settings):
    client_professional_a.get(reverse("organisations:switch"))
    _age(client_professional_a, login=settings.STAP0_SESSION_ABSOLUTE_SECONDS + 1)
    response = client_professional_a.get(reverse("organisations:switch"), follow=True)
    assert "Je sessie is verlopen" in response.content.decode()
    assert "_auth_user_id" not in client_professional_a.session


def test_the_limits_are_settings(client_professional_a, settings):
    client_professional_a.get(reverse("organisations:switch"))
    settings.STAP0_SESSION_IDLE_SECONDS = 5
    _age(client_professional_a, seen=10)
    response = client_professional_a.get(reverse("organisations:switch"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_logout_removes_the_session_from_the_database(client_professional_a):
    client_professional_a.get(reverse("organisations:switch"))
    key = client_professional_a.session.session_key
    client_professional_a.post(reverse("logout"))
    assert not Session.objects.filter(session_key=key).exists()


def test_deactivated_membership_ends_the_users_sessions(
    client_professional_a, professional_a, client_lead_a
):
    client_professional_a.get(reverse("organisations:switch"))
    key = client_professional_a.session.session_key
    other = client_lead_a.session.session_key
    membership = Membership.objects.get(user=professional_a)
    services.membership_update(membership=membership, role=membership.role, is_active=False)
    assert not Session.objects.filter(session_key=key).exists()
    assert Session.objects.filter(session_key=other).exists()
    response = client_professional_a.get(reverse("organisations:switch"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
