"""django-axes: 5 failed logins per username and address lock that pair out for 15
minutes, with one Dutch message whether or not the account exists."""

import datetime

from axes.models import AccessAttempt
from django.urls import reverse

from tests.factories import PASSWORD

LOCKED = "Inloggen tijdelijk geblokkeerd"


def _fail(client, username, times, ip="10.0.0.1"):
    for _ in range(times):
        response = client.post(
            reverse("login"), {"username": username, "password": "wrong"}, REMOTE_ADDR=ip
        )
    return response


def test_four_failures_still_allow_the_right_password(client, professional_a):
    _fail(client, "alice", 4)
    response = client.post(
        reverse("login"), {"username": "alice", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_fifth_failure_locks_out_even_the_right_password(client, professional_a):
    response = _fail(client, "alice", 5)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "15 minuten" in response.content.decode()
    response = client.post(
        reverse("login"), {"username": "alice", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_unknown_account_gets_the_same_lockout_page(client, professional_a):
    known = _fail(client, "alice", 5)
    unknown = _fail(client, "niemand", 5)
    assert known.status_code == unknown.status_code == 429
    assert LOCKED in unknown.content.decode()
    assert "alice" not in known.content.decode()
    assert "niemand" not in unknown.content.decode()


def test_lockout_is_per_address(client, professional_a):
    _fail(client, "alice", 5, ip="10.0.0.1")
    response = client.post(
        reverse("login"), {"username": "alice", "password": PASSWORD}, REMOTE_ADDR="10.0.0.2"
    )
    assert response.status_code == 302


def test_lockout_ends_after_fifteen_minutes(client, professional_a):
    _fail(client, "alice", 5)
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )
    response = client.post(
        reverse("login"), {"username": "alice", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 302


def test_oversized_or_nul_usernames_are_refused_calmly(client, professional_a):
    for username in ("A" * 100_000, "ali\x00ce", "\x00"):
        response = client.post(reverse("login"), {"username": username, "password": "x\x00"})
        assert response.status_code == 200
    assert not AccessAttempt.objects.filter(username__startswith="AAAA").exists()
