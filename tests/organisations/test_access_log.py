"""The access log: one complete entry per logged action, and the lead's pages to read it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from organisations.audit import log_access
from organisations.models import AccessAction, AccessLogEntry
from tests.factories import PASSWORD
from tests.security.formdata import form_of, valid_data
from tests.security.world import FAMILY_NAME, build_world


@pytest.fixture
def world(org_a, professional_a, lead_a):
    return build_world(org_a, professional_a, lead_a)


def _post_form(client, url, **overrides):
    """Reads the form first (itself a logged view), then returns the POST to measure."""
    form = form_of(client.get(url))
    return lambda: client.post(url, valid_data(form, overrides=overrides))


# (name, persona, how to do it, expected action, family expected?, expected role)
def _view_family(c, w):
    return lambda: c.get(reverse("families:detail", args=[w.family.public_id]))


def _search(c, w):
    return lambda: c.post(reverse("families:list"), {"q": "Zeldzaam"})


def _create_family(c, w):
    return _post_form(c, reverse("families:create"), name="Gezin Nieuw")


def _change_family(c, w):
    return _post_form(c, reverse("families:edit", args=[w.family.public_id]), name="Gezin Anders")


def _create_observation(c, w):
    url = reverse("signals:family_observation_create", args=[w.family.public_id])
    return _post_form(c, url, description="Iets gezien")


def _amend(c, w):
    url = reverse("signals:observation_amend", args=[w.amendment.public_id])
    return _post_form(c, url)


def _view_observation(c, w):
    return lambda: c.get(reverse("signals:observation_history", args=[w.observation.public_id]))


def _note(c, w):
    return _post_form(c, reverse("signals:note_create", args=[w.family.public_id]))


def _review(c, w):
    return _post_form(c, reverse("signals:review_create", args=[w.family.public_id]))


def _export(c, w):
    return lambda: c.get(reverse("dossier:export_json", args=[w.family.public_id]))


def _print(c, w):
    return lambda: c.get(reverse("dossier:export", args=[w.family.public_id]))


def _read_log(c, w):
    return lambda: c.get(reverse("families:access_log", args=[w.family.public_id]))


def _child(c, w):
    return _post_form(c, reverse("families:child_add", args=[w.family.public_id]))


def _network(c, w):
    return _post_form(c, reverse("families:network_add", args=[w.family.public_id]))


def _partner(c, w):
    return _post_form(c, reverse("families:partner_add", args=[w.family.public_id]))


def _remove_partner(c, w):
    url = reverse("families:partner_remove", args=[w.family.public_id, w.partner.public_id])
    return lambda: c.post(url)


def _look_request(c, w):
    return _post_form(c, reverse("signals:look_request_create", args=[w.family.public_id]))


def _answer(c, w):
    form = c.get(reverse("signals:for_me")).context["open_requests"][0].form
    url = reverse("signals:look_request_answer", args=[w.look_request.public_id])
    return lambda: c.post(url, valid_data(form))


ADDED = ("create", "change")  # adding to the file: the families app logs it as a change

ACTIONS = [
    ("child", "client_professional_a", _child, ADDED, True),
    ("network", "client_professional_a", _network, ADDED, True),
    ("partner", "client_professional_a", _partner, ADDED, True),
    ("remove_partner", "client_professional_a", _remove_partner, "delete", True),
    ("look_request", "client_professional_a", _look_request, "create", True),
    ("answer", "client_lead_a", _answer, "create", True),
    ("view", "client_professional_a", _view_family, "view", True),
    ("search", "client_professional_a", _search, "search", False),
    ("create", "client_professional_a", _create_family, "create", "new"),
    ("change", "client_professional_a", _change_family, "change", True),
    ("observe", "client_professional_a", _create_observation, "create", True),
    ("amend", "client_professional_a", _amend, "amend", True),
    ("view_observation", "client_professional_a", _view_observation, "view", True),
    ("note", "client_professional_a", _note, "create", True),
    ("review", "client_lead_a", _review, "review", True),
    ("export", "client_lead_a", _export, "export", True),
    ("print", "client_lead_a", _print, "print", True),
    ("read_log", "client_lead_a", _read_log, "view", True),
]


@pytest.mark.parametrize(
    ("label", "persona", "act", "action", "with_family"), ACTIONS, ids=[a[0] for a in ACTIONS]
)
def test_each_action_writes_exactly_one_complete_entry(
    request, world, org_a, label, persona, act, action, with_family
):
    client = request.getfixturevalue(persona)
    user = client.session["_auth_user_id"]
    client.get(reverse("organisations:switch"))  # settle the session first
    prepared = act(client, world)
    before = set(AccessLogEntry.objects.values_list("pk", flat=True))
    started = timezone.now()
    response = prepared()
    assert response.status_code in (200, 302), response.status_code
    new = list(AccessLogEntry.objects.exclude(pk__in=before))
    assert len(new) == 1, [(e.action, e.path) for e in new]
    entry = new[0]
    assert entry.action in (action if isinstance(action, tuple) else (action,))
    assert str(entry.user_id) == user and entry.username
    assert entry.organisation == org_a
    assert entry.role == ("lead" if persona == "client_lead_a" else "professional")
    assert started - datetime.timedelta(seconds=1) <= entry.at <= timezone.now()
    assert entry.ip_address == "127.0.0.1"
    assert entry.path and entry.outcome == "ok"
    if with_family is True:
        assert entry.family_public_id == world.family.public_id
    elif with_family == "new":
        assert entry.family_public_id not in (None, world.family.public_id)
    else:
        assert entry.family_public_id is None
    # Never case content in the log.
    flat = " ".join(str(v) for v in entry.__dict__.values())
    assert "Observatietekst" not in flat and FAMILY_NAME not in flat and "Zeldzaam" not in flat


@pytest.mark.parametrize(
    ("name", "obj"),
    [
        ("signals:observation_amend", "observation"),
        ("families:edit", None),
        ("signals:note_create", None),
        ("families:child_edit", None),
    ],
)
def test_pages_that_show_a_file_without_logging_it_get_a_view_entry(
    client_professional_a, world, name, obj
):
    """A safety net (AuditMiddleware): the form pages show the file too."""
    from tests.security.urlwalk import named_patterns, url_for

    params = next(p for n, _, p in named_patterns() if n == name)
    client_professional_a.get(reverse("organisations:switch"))
    before = AccessLogEntry.objects.count()
    assert client_professional_a.get(url_for(name, params, world)).status_code == 200
    entry = AccessLogEntry.objects.order_by("-id").first()
    assert AccessLogEntry.objects.count() == before + 1
    assert entry.action == "view" and entry.family_public_id == world.family.public_id
    if obj:
        assert entry.object_id == str(getattr(world, obj).public_id)


def test_refused_observation_is_logged_for_its_family(client_lead_b, world):
    url = reverse("signals:observation_history", args=[world.observation.public_id])
    assert client_lead_b.get(url).status_code == 404
    entry = AccessLogEntry.objects.get(action="denied")
    assert entry.family_public_id == world.family.public_id


def test_login_and_failed_login_are_logged_without_organisation(client, professional_a):
    client.post(reverse("login"), {"username": "alice", "password": "fout"})
    client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    failed, login = AccessLogEntry.objects.order_by("id")
    assert (failed.action, failed.outcome, failed.user, failed.username) == (
        "failed_login",
        "failed",
        None,
        "alice",
    )
    assert (login.action, login.user, login.organisation, login.family_public_id) == (
        "login",
        professional_a,
        None,
        None,
    )
    assert login.ip_address == failed.ip_address == "127.0.0.1"


def test_refused_family_access_is_logged_after_the_rollback(client_lead_b, world, lead_b):
    response = client_lead_b.get(reverse("families:detail", args=[world.family.public_id]))
    assert response.status_code == 404
    entry = AccessLogEntry.objects.get(action="denied")
    assert entry.family_public_id == world.family.public_id
    assert entry.outcome == "not_found" and entry.user == lead_b


def test_entries_cannot_be_changed(world, org_a):
    entry = log_access(None, AccessAction.VIEW, family=world.family)
    entry.action = "export"
    with pytest.raises(ValueError):
        entry.save()


def test_database_refuses_update_and_delete_on_postgresql(world):
    from django.db import DatabaseError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only")
    entry = log_access(None, AccessAction.VIEW, family=world.family)
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogEntry.objects.filter(pk=entry.pk).update(action="export")
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogEntry.objects.filter(pk=entry.pk).delete()
    assert AccessLogEntry.objects.get(pk=entry.pk).action == "view"


# The lead's pages


def test_access_log_is_scoped_to_the_organisation(client_lead_b, client_lead_a, world, lead_a):
    client_lead_a.get(reverse("families:detail", args=[world.family.public_id]))
    page = client_lead_b.get(reverse("organisations:access_log")).content.decode()
    assert "Lena" not in page and FAMILY_NAME not in page
    assert "Lena" in client_lead_a.get(reverse("organisations:access_log")).content.decode()


def test_filter_by_person_shows_their_logins_too(client, client_lead_a, world, colleague_a):
    client.post(reverse("login"), {"username": "annet", "password": PASSWORD})
    person = str(colleague_a.memberships.get().public_id)
    response = client_lead_a.get(reverse("organisations:access_log"), {"person": person})
    rows = response.context["rows"]
    assert rows and all(r["entry"].username == "annet" for r in rows)
    assert any(r["entry"].action == "login" for r in rows)


def test_filter_names_a_person_by_an_opaque_id_never_by_username(client_lead_a, world, lead_a):
    """A colleague's username must not reach an address (browser history, proxy logs)."""
    page = client_lead_a.get(reverse("organisations:access_log")).content.decode()
    membership = lead_a.memberships.get()
    assert f'value="{membership.public_id}"' in page
    assert 'value="lena"' not in page
    # A username where the id belongs is refused, with the form's own message.
    response = client_lead_a.get(reverse("organisations:access_log"), {"person": "lena"})
    assert response.status_code == 200 and response.context["form"].errors["person"]
    # Paging on keeps the opaque id, not a name.
    for _ in range(60):
        log_access(None, AccessAction.VIEW, family=world.family)
    filtered = client_lead_a.get(
        reverse("organisations:access_log"), {"person": str(membership.public_id)}
    )
    assert f"person={membership.public_id}" in filtered.context["query"]
    assert "lena" not in filtered.context["query"]


def test_filter_offers_only_this_organisations_people(client_lead_a, world, lead_b):
    url = reverse("organisations:access_log")
    response = client_lead_a.get(url, {"person": str(lead_b.memberships.get().public_id)})
    assert response.context["form"].errors["person"]
    assert f'value="{lead_b.memberships.get().public_id}"' not in response.content.decode()


def test_filter_by_period(client_lead_a, world):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client_lead_a.get(
        reverse("organisations:access_log"), {"date_from": tomorrow.isoformat()}
    )
    assert response.context["rows"] == []
    response = client_lead_a.get(
        reverse("organisations:access_log"), {"date_from": timezone.localdate().isoformat()}
    )
    assert response.context["rows"]


def test_bad_period_gets_a_dutch_message(client_lead_a, db):
    response = client_lead_a.get(
        reverse("organisations:access_log"),
        {"date_from": "2026-05-02", "date_to": "2026-05-01", "person": "<script>"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "De einddatum ligt voor de begindatum." in page
    assert "<script>" not in page


def test_log_is_paginated(client_lead_a, world):
    for _ in range(60):
        log_access(None, AccessAction.VIEW, family=world.family)
    response = client_lead_a.get(reverse("organisations:access_log"))
    assert len(response.context["rows"]) == 50
    second = client_lead_a.get(reverse("organisations:access_log"), {"pagina": 2})
    assert len(second.context["rows"]) >= 10


def test_professional_may_not_read_the_log(client_professional_a, world):
    assert client_professional_a.get(reverse("organisations:access_log")).status_code == 403


def test_anonymous_goes_to_login(client, world):
    response = client.get(reverse("organisations:access_log"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_wrong_method(client_lead_a, world):
    assert client_lead_a.post(reverse("organisations:access_log")).status_code == 405
