"""The session index: whoever leaves is logged out at once, found without decoding every
session in the database; their entries stay."""

from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations import services
from organisations.models import Membership, SessionIndex
from organisations.sessions import SessionStore
from tests.factories import PASSWORD


def test_a_login_is_indexed_and_a_logout_removes_it(client, professional_a):
    client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    key = client.session.session_key
    assert SessionIndex.objects.get(session_key=key).user == professional_a
    client.post(reverse("logout"))
    assert not SessionIndex.objects.filter(session_key=key).exists()


def test_ordinary_requests_do_not_write_the_index_again(client_professional_a):
    client_professional_a.get(reverse("families:list"))
    with CaptureQueriesContext(connection) as queries:
        client_professional_a.get(reverse("families:list"))
    assert not [q for q in queries.captured_queries if "sessionindex" in q["sql"].lower()]


def test_deactivating_ends_every_session_of_that_person_only(
    client_admin_a, professional_a, lead_a, org_a
):
    phone, laptop, colleague = Client(), Client(), Client()
    for http, user in ((phone, professional_a), (laptop, professional_a), (colleague, lead_a)):
        http.force_login(user)
        http.get(reverse("organisations:switch"))
    keys = [phone.session.session_key, laptop.session.session_key]
    membership = Membership.objects.get(user=professional_a)
    response = client_admin_a.post(
        reverse("organisations:membership_edit", args=[membership.public_id]),
        {"role": membership.role, "job_title": "", "is_active": ""},
    )
    assert response.status_code == 302
    assert not Session.objects.filter(session_key__in=keys).exists()
    assert not SessionIndex.objects.filter(user=professional_a).exists()
    assert Session.objects.filter(session_key=colleague.session.session_key).exists()
    for http in (phone, laptop):
        response = http.get(reverse("organisations:switch"))
        assert response["Location"].startswith(reverse("login"))
    assert colleague.get(reverse("organisations:switch")).status_code == 200


def test_ending_sessions_does_not_decode_sessions(professional_a, lead_a, monkeypatch):
    for user in (professional_a, lead_a):
        Client().force_login(user)

    def refuse(*args, **kwargs):
        raise AssertionError("a session was decoded")

    monkeypatch.setattr(Session, "get_decoded", refuse)
    monkeypatch.setattr(SessionStore, "decode", refuse)
    services.end_sessions_of(professional_a)
    assert not SessionIndex.objects.filter(user=professional_a).exists()
    assert SessionIndex.objects.filter(user=lead_a).exists()


def test_clearsessions_removes_stale_index_rows(professional_a):
    http = Client()
    http.force_login(professional_a)
    Session.objects.all().delete()
    assert SessionIndex.objects.exists()
    SessionStore.clear_expired()
    assert not SessionIndex.objects.exists()


def test_entries_stay_when_someone_leaves(professional_a, org_a):
    from django.utils import timezone

    from signals import services as signal_services
    from signals.models import Observation, SignalCategory
    from tests.factories import FamilyFactory

    signal_services.observation_record(
        family=FamilyFactory(organisation=org_a),
        category=SignalCategory.objects.get(code="hunger"),
        severity=1,
        observed_on=timezone.localdate(),
        observer=professional_a,
        description="Gezien.",
    )
    membership = Membership.objects.get(user=professional_a)
    services.membership_update(membership=membership, role=membership.role, is_active=False)
    assert Observation.objects.filter(observer=professional_a).count() == 1
