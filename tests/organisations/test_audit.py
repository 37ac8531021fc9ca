"""The one audit mechanism (organisations.audit, AuditMiddleware): what a request accessed
is written to the access log with an AccessAction, a read before its page is served, a
change in the change's own transaction; when the entry cannot be written, nothing is
shown and nothing is saved."""

import ast
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from organisations.audit import build_entry, log_access
from organisations.models import AccessAction, AccessLogEntry, AccessOutcome
from signals.models import ColleagueNote
from tests.security.urlwalk import DEFAULT_OBJECT, LITERAL, OBJECT_FOR, named_patterns, url_for
from tests.security.world import FAMILY_NAME, build_world

ROOT = Path(__file__).resolve().parents[2]
# Calls that write or query access-log entries by action (argparse's `action=` is not one).
LOG_CALLS = {"record", "log_access", "build_entry", "AccessLogEntry", "create", "filter", "get"}
NOT_APP_CODE = {".venv", "tests", "loadtest", "migrations", "node_modules", "staticfiles"}


@pytest.fixture
def world(org_a, professional_a, lead_a):
    return build_world(org_a, professional_a, lead_a)


@pytest.fixture
def log_write_fails(monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(AccessLogEntry, "save", refuse)


def test_a_page_whose_read_cannot_be_logged_is_not_served(
    client_professional_a, world, log_write_fails
):
    response = client_professional_a.get(reverse("families:detail", args=[world.family.public_id]))
    page = response.content.decode()
    assert response.status_code == 503
    assert "Even niet beschikbaar" in page and 'lang="nl"' in page
    assert FAMILY_NAME not in page and "Observatietekst" not in page
    assert response["Retry-After"] and "no-store" in response["Cache-Control"]


def test_a_change_whose_entry_cannot_be_logged_is_not_saved(
    client_professional_a, world, log_write_fails
):
    url = reverse("signals:note_create", args=[world.family.public_id])
    before = ColleagueNote.objects.count()
    response = client_professional_a.post(url, {"kind": "recognition", "text": "Herkenbaar"})
    assert response.status_code == 503
    assert ColleagueNote.objects.count() == before


def test_a_change_and_its_entry_are_written_together(client_professional_a, world):
    url = reverse("signals:note_create", args=[world.family.public_id])
    response = client_professional_a.post(url, {"kind": "recognition", "text": "Herkenbaar"})
    assert response.status_code == 302
    note = ColleagueNote.objects.latest("pk")
    entry = AccessLogEntry.objects.get(object_id=str(note.public_id))
    assert entry.action == AccessAction.CREATE and entry.family_public_id == world.family.public_id


def test_what_a_failing_view_recorded_is_not_written(client_professional_a, world, monkeypatch):
    """The view recorded a creation, then failed: the creation rolled back, so must its entry."""

    def fail(*args, **kwargs):
        raise RuntimeError("na het vastleggen")

    monkeypatch.setattr("django.contrib.messages.success", fail)
    client_professional_a.raise_request_exception = False
    before = (AccessLogEntry.objects.count(), ColleagueNote.objects.count())
    url = reverse("signals:note_create", args=[world.family.public_id])
    response = client_professional_a.post(url, {"kind": "recognition", "text": "Herkenbaar"})
    assert response.status_code == 500
    assert (AccessLogEntry.objects.count(), ColleagueNote.objects.count()) == before


@pytest.mark.django_db(transaction=True)
def test_reads_run_without_a_transaction_and_changes_inside_one(
    org_a, professional_a, lead_a, shipped_catalogue, monkeypatch
):
    """The transaction design (config/settings.py): a page is rendered outside any
    transaction (on SQLite it holds no lock), a change runs in one with its entry."""
    from django.test import Client
    from django.test.signals import template_rendered

    world = build_world(org_a, professional_a, lead_a)
    seen = {}

    def rendered(sender, template, **kwargs):
        seen.setdefault(template.name, connection.in_atomic_block)

    def saved(self, *args, **kwargs):
        seen.setdefault("note saved", connection.in_atomic_block)
        return original_save(self, *args, **kwargs)

    original_save = ColleagueNote.save
    monkeypatch.setattr(ColleagueNote, "save", saved)
    template_rendered.connect(rendered)
    try:
        client = Client()
        client.force_login(professional_a)
        detail = reverse("families:detail", args=[world.family.public_id])
        assert client.get(detail).status_code == 200
        url = reverse("signals:note_create", args=[world.family.public_id])
        assert client.post(url, {"kind": "recognition", "text": "Herkenbaar"}).status_code == 302
    finally:
        template_rendered.disconnect(rendered)
    assert seen["families/detail.html"] is False and seen["note saved"] is True
    assert AccessLogEntry.objects.filter(action=AccessAction.VIEW).count() >= 1


# Objects of the world that are not in a family's file: a person's membership, an
# invitation, a pupil import (the beheerder's, names and groups only), a notification (its
# recipient's; opening it leads to a page that logs itself).
NOT_IN_A_FILE = {"membership", "invitation", "pupil_import", "notification"}


def _names_a_file(name, params):
    """A URL whose parameters name a family or something in its file. A parameter that
    names no object (a password-reset or invitation link's token) names no file either; a
    parameter that urlwalk does not know stays in, so that url_for asks to extend it."""
    objects = {
        OBJECT_FOR.get(name, {}).get(p) or DEFAULT_OBJECT.get(p) for p in params if p not in LITERAL
    }
    return bool(objects) and not objects & NOT_IN_A_FILE


# A handover is addressed to another organisation and read by its lead before it belongs
# to a family there; the world holds none, and tests/collaboration checks that both sides'
# access logs record it.
NOT_A_FILE_PAGE = {"collaboration:handover"}
FILE_PAGES = [
    (n, p)
    for n, _pattern, p in named_patterns()
    if _names_a_file(n, p) and n not in NOT_A_FILE_PAGE
]


@pytest.mark.parametrize(("name", "params"), FILE_PAGES, ids=[n for n, _p in FILE_PAGES])
def test_no_page_of_a_file_is_served_without_its_entry(client_lead_a, world, lead_a, name, params):
    """Generated from the URL conf: a new view that shows a file cannot forget to log it."""
    client_lead_a.get(reverse("organisations:switch"))  # settle the session first
    before = set(AccessLogEntry.objects.values_list("pk", flat=True))
    response = client_lead_a.get(url_for(name, params, world))
    if response.status_code != 200:
        assert response.status_code in (302, 405), response.status_code
        return
    new = AccessLogEntry.objects.exclude(pk__in=before)
    assert new.filter(user=lead_a, family_public_id=world.family.public_id).count() == 1


def test_an_action_is_an_access_action_never_a_string(world):
    with pytest.raises(TypeError):
        build_entry(None, "view", family=world.family)
    with pytest.raises(TypeError):
        build_entry(None, AccessAction.VIEW, family=world.family, outcome="ok")
    entry = log_access(None, AccessAction.VIEW, family=world.family, outcome=AccessOutcome.OK)
    assert (entry.action, entry.outcome) == ("view", "ok")


def _app_modules():
    for path in sorted(ROOT.rglob("*.py")):
        parts = set(path.relative_to(ROOT).parts)
        if not parts & NOT_APP_CODE:
            yield path


def _string_actions(tree):
    """Calls that name an action or an outcome by a string literal."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", ""))
        position = {"record": 0, "log_access": 1, "build_entry": 1}.get(name)
        arguments = list(node.args[position : position + 1]) if position is not None else []
        if name in LOG_CALLS:
            arguments += [k.value for k in node.keywords if k.arg in ("action", "outcome")]
        for argument in arguments:
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                yield node.lineno, argument.value


def test_no_string_literal_names_an_action_in_the_app():
    found = [
        f"{path.relative_to(ROOT)}:{line} {value!r}"
        for path in _app_modules()
        for line, value in _string_actions(ast.parse(path.read_text(), str(path)))
    ]
    assert found == []
    assert any(path.name == "audit.py" for path in _app_modules())  # the scan sees the app


def test_a_form_shown_again_with_its_errors_is_a_read_too(client_lead_a, world, lead_a):
    """The review form answers 400 to bad input, and still shows the family's assessment."""
    url = reverse("signals:review_create", args=[world.family.public_id])
    client_lead_a.get(reverse("organisations:switch"))
    before = set(AccessLogEntry.objects.values_list("pk", flat=True))
    response = client_lead_a.post(url, {"decision": "", "rationale": ""})
    assert response.status_code == 400
    new = AccessLogEntry.objects.exclude(pk__in=before).get()
    assert (new.action, new.user, new.family_public_id) == ("view", lead_a, world.family.public_id)
