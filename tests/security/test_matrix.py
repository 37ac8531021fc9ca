"""The authorization matrix: every named URL pattern x every persona x GET and POST,
against organisation A's objects. A URL without an expectation fails the test.

Outcomes: LOGIN (redirect to the login page), OK (200, or a redirect that is not
to the login page), 403, 404, 405; a set allows either (only between refusals).
Every cell also checks: never a 500, nothing of organisation A in a response to
B or to the beheerder, nothing saved by a refused request, and the security
headers (CSP, nosniff, Referrer-Policy, no-store when logged in).
"""

from unittest import mock

import pytest
from django.db import transaction
from django.urls import reverse

from families.models import ChainPartner, Child, Family, NetworkMember
from organisations.models import Membership, Organisation
from signals.models import ColleagueNote, LookRequest, Observation, Review, SignalCategory
from tests.security.urlwalk import named_patterns, url_for
from tests.security.world import build_world

LOGIN, OK = "login", "ok"
F, N, M = 403, 404, 405
PERSONAS = ("anonymous", "professional_a", "lead_a", "admin_a", "professional_b", "lead_b")
A_SECRETS = ("Zeldzaamnaam-A", "Kindnaam-A", "Observatietekst-A", "Notitie-A", "Onderbouwing-A")

# Rows: (anonymous, professional A, lead A, admin A, professional B, lead B)
ANYONE = (LOGIN, OK, OK, OK, OK, OK)
OPEN = (OK, OK, OK, OK, OK, OK)
CASE_LIST = (LOGIN, OK, OK, F, OK, OK)
CASE_OBJECT = (LOGIN, OK, OK, F, N, N)
LEAD_LIST = (LOGIN, F, OK, F, F, OK)
LEAD_OBJECT = (LOGIN, F, OK, F, F, N)
ADMIN_LIST = (LOGIN, F, F, OK, F, F)
NO_METHOD = (M, M, M, M, M, M)
WRONG_ROLE_OR_METHOD = {F, M}


def _no_post(get_row):
    """POST to a GET-only page: 405 where the role passes, 403 or 405 where it does not."""
    return tuple(
        LOGIN if cell == LOGIN else (M if cell in (OK, N) else WRONG_ROLE_OR_METHOD)
        for cell in get_row
    )


def get_only(row):
    return {"GET": row, "POST": _no_post(row)}


def get_post(row):
    return {"GET": row, "POST": row}


EXPECTATIONS = {
    # Start, login, two-factor, language
    "home": get_post(ANYONE),
    "login": get_post(OPEN),
    "logout": {"GET": (LOGIN, M, M, M, M, M), "POST": (LOGIN,) * 6},
    "mfa_enrol": get_post(ANYONE),
    "mfa_verify": get_post(ANYONE),
    "mfa_backup_codes": get_post(ANYONE),
    "set_language": get_post(OPEN),
    "favicon": {"GET": OPEN, "POST": NO_METHOD},
    # Wachtwoord vergeten, and the link of an invitation (an unknown one: a calm page)
    "password_reset": get_post(OPEN),
    "password_reset_done": {"GET": OPEN, "POST": NO_METHOD},
    "password_reset_confirm": get_post(OPEN),
    "password_reset_complete": {"GET": OPEN, "POST": NO_METHOD},
    "invitation_accept": get_post(OPEN),
    # Organisations
    "organisations:switch": {"GET": ANYONE, "POST": (LOGIN, N, N, N, N, N)},
    "organisations:people": get_only(ADMIN_LIST),
    "organisations:person_add": get_post(ADMIN_LIST),
    "organisations:membership_edit": get_post(ADMIN_LIST),
    "organisations:invite": get_post(ADMIN_LIST),
    "organisations:invitation_resend": {"GET": (LOGIN, F, F, M, F, F), "POST": ADMIN_LIST},
    "organisations:invitation_revoke": {"GET": (LOGIN, F, F, M, F, F), "POST": ADMIN_LIST},
    "organisations:mfa_reset": get_post(ADMIN_LIST),
    "organisations:thresholds": get_post(LEAD_LIST),
    "organisations:access_log": get_only(LEAD_LIST),
    # Families
    "families:list": get_post(CASE_LIST),
    "families:create": get_post(CASE_LIST),
    "families:detail": get_only(CASE_OBJECT),
    "families:edit": get_post(CASE_OBJECT),
    "families:child_add": get_post(CASE_OBJECT),
    "families:child_edit": get_post(CASE_OBJECT),
    "families:child_remove": get_post(CASE_OBJECT),
    # The import is the beheerder's (families/imports/)
    "families:import_upload": get_post(ADMIN_LIST),
    "families:import_mapping": get_post(ADMIN_LIST),
    "families:import_preview": get_post(ADMIN_LIST),
    "families:import_result": get_only(ADMIN_LIST),
    "families:network_add": get_post(CASE_OBJECT),
    "families:network_edit": get_post(CASE_OBJECT),
    "families:network_remove": get_post(CASE_OBJECT),
    "families:partner_add": get_post(CASE_OBJECT),
    "families:partner_edit": get_post(CASE_OBJECT),
    "families:partner_remove": get_post(CASE_OBJECT),
    "families:access_log": get_only(LEAD_OBJECT),
    # Dossier
    "dossier:export": get_only(LEAD_OBJECT),
    "dossier:export_json": get_only(LEAD_OBJECT),
    # Signals: catalogue, observations, notes
    "signals:catalogue": get_only(CASE_LIST),
    "signals:category_manage": get_post(LEAD_LIST),
    "signals:observation_create": get_post(CASE_LIST),
    "signals:family_observation_create": get_post(CASE_OBJECT),
    "signals:observation_history": get_only(CASE_OBJECT),
    "signals:observation_amend": get_post(CASE_OBJECT),
    "signals:my_signals": get_only(CASE_LIST),
    "signals:note_create": get_post(CASE_OBJECT),
    "signals:look_request_create": get_post(CASE_OBJECT),
    "signals:for_me": get_only(CASE_LIST),
    # Only the one asked may answer; GET is not a thing here.
    "signals:look_request_answer": {
        "GET": (LOGIN, M, M, WRONG_ROLE_OR_METHOD, M, M),
        "POST": (LOGIN, N, OK, F, N, N),
    },
    # Dashboard and reviews
    "signals:dashboard": get_only(LEAD_LIST),
    "signals:explanation": get_only(LEAD_OBJECT),
    "signals:overview": get_only(LEAD_LIST),
    "signals:review_create": get_post(LEAD_OBJECT),
}

COUNTED = (
    Family,
    Child,
    NetworkMember,
    ChainPartner,
    Observation,
    ColleagueNote,
    LookRequest,
    Review,
    Membership,
    Organisation,
    SignalCategory,
)


def _counts():
    return tuple(model.objects.count() for model in COUNTED)


def _matches(expected, response, *, anonymous):
    status = response.status_code
    is_login = status == 302 and response["Location"].startswith(reverse("login"))
    if expected == LOGIN:
        return is_login
    if expected == OK:
        return status == 200 or (status == 302 and (anonymous or not is_login))
    if isinstance(expected, set):
        return status in expected
    return status == expected


def _header_problems(response, *, logged_in):
    problems = []
    csp = response.get("Content-Security-Policy", "")
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ):
        if directive not in csp:
            problems.append(f"CSP lacks {directive!r}")
    if "unsafe-inline" in csp:
        problems.append("CSP allows unsafe-inline")
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append("no nosniff")
    if not response.get("Referrer-Policy"):
        problems.append("no Referrer-Policy")
    if logged_in and "no-store" not in response.get("Cache-Control", ""):
        problems.append("no Cache-Control: no-store")
    return problems


ALL_URLS = named_patterns()


def test_every_url_pattern_has_an_expectation():
    missing = [name for name, _, _ in ALL_URLS if name not in EXPECTATIONS]
    assert not missing, f"new URL without expectation: {missing} (add it to EXPECTATIONS)"
    stale = set(EXPECTATIONS) - {name for name, _, _ in ALL_URLS}
    assert not stale, f"expectations for URLs that no longer exist: {sorted(stale)}"


@pytest.mark.parametrize(("name", "route", "params"), ALL_URLS, ids=[u[0] for u in ALL_URLS])
def test_matrix(
    name,
    route,
    params,
    client,
    org_a,
    professional_a,
    lead_a,
    admin_a,
    client_professional_a,
    client_lead_a,
    client_admin_a,
    client_professional_b,
    client_lead_b,
):
    assert name in EXPECTATIONS, f"new URL without expectation: {name} ({route})"
    world = build_world(org_a, professional_a, lead_a)
    url = url_for(name, params, world)
    clients = dict(
        zip(
            PERSONAS,
            (
                client,
                client_professional_a,
                client_lead_a,
                client_admin_a,
                client_professional_b,
                client_lead_b,
            ),
            strict=True,
        )
    )
    failures = []
    # No response.context needed: skip the test client's copy of every template context.
    no_contexts = mock.patch("django.test.client.store_rendered_templates", lambda *a, **k: None)
    with no_contexts:
        _run_cells(name, url, clients, failures)
    assert not failures, f"{name} ({url}):\n  " + "\n  ".join(failures)


def _run_cells(name, url, clients, failures):
    for method in ("GET", "POST"):
        for persona, expected in zip(PERSONAS, EXPECTATIONS[name][method], strict=True):
            http = clients[persona]
            with transaction.atomic():
                before = _counts()
                response = http.get(url) if method == "GET" else http.post(url, {})
                after = _counts()
                transaction.set_rollback(True)
            cell = f"{method} {persona}"
            if response.status_code >= 500:
                failures.append(f"{cell}: {response.status_code}")
                continue
            if not _matches(expected, response, anonymous=persona == "anonymous"):
                where = response.get("Location", "")
                failures.append(f"{cell}: expected {expected}, got {response.status_code} {where}")
            if expected not in (OK,) and before != after:
                failures.append(f"{cell}: a refused request saved something")
            if persona in ("professional_b", "lead_b", "admin_a", "anonymous"):
                body = response.content.decode(errors="replace")
                leaked = [s for s in A_SECRETS if s in body]
                if leaked:
                    failures.append(f"{cell}: leaks {leaked}")
            problems = _header_problems(response, logged_in=persona != "anonymous")
            if problems and response.status_code != 405:
                failures.append(f"{cell}: headers: {problems}")
