"""The authorization matrix: every named URL pattern x every persona x GET and POST,
against organisation A's objects. A URL without an expectation fails the test.

Need-to-know: organisation A's personas are a professional in the family's team, one
outside it, one who opened it with "nu openen", and the author of a confidential entry.

Outcomes: LOGIN (redirect to the login page), OK (200, or a redirect that is not
to the login page), 403, 404, 405; a set allows either (only between refusals).
Every cell also checks: never a 500, nothing of organisation A in a response to
B or to the beheerder, nothing saved by a refused request, and the security
headers (CSP, nosniff, Referrer-Policy, no-store when logged in).
"""

import copy
from unittest import mock

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from families.models import (
    AccessRequest,
    ChainPartner,
    Child,
    Family,
    GlassBreak,
    NetworkMember,
    SupportCheck,
    TeamMember,
)
from notifications.models import DigestPreference, Notification
from organisations.models import Membership, Organisation
from signals.models import (
    Agreement,
    ColleagueNote,
    Conversation,
    CorrectionRequest,
    LookRequest,
    Observation,
    ParentsView,
    Review,
    SignalCategory,
    SummaryItem,
)
from tests.security.urlwalk import named_patterns, url_for
from tests.security.world import (
    CONFIDENTIAL_AGREEMENT,
    CONFIDENTIAL_NOTE,
    CONFIDENTIAL_OBSERVATION,
    CONFIDENTIAL_REVIEW,
    build_world,
)

# The confidential review's agreement is anke's (author_a): she reads it, not the review.
CONFIDENTIAL = (
    CONFIDENTIAL_OBSERVATION,
    CONFIDENTIAL_NOTE,
    CONFIDENTIAL_REVIEW,
    CONFIDENTIAL_AGREEMENT,
)

LOGIN, OK = "login", "ok"
F, N, M = 403, 404, 405
# Need-to-know adds four personas of organisation A: professional_a is in the family's team
# (they created the file); outsider_a is not; glass_a is not but opened the file with "nu
# openen"; author_a is in the team and wrote a confidential observation and note.
PERSONAS = (
    "anonymous",
    "professional_a",
    "outsider_a",
    "glass_a",
    "author_a",
    "lead_a",
    "admin_a",
    "professional_b",
    "lead_b",
)
A_SECRETS = ("Zeldzaamnaam-A", "Kindnaam-A", "Observatietekst-A", "Notitie-A", "Onderbouwing-A")
# What only those who read the family's file see (not its name, nor its children's names:
# every professional finds the family to log about it).
FILE_SECRETS = (
    *("Observatietekst-A", "Notitie-A", "Onderbouwing-A", "Oma-A", "Partner-A"),
    "Afspraak-A",
    *("Oudervisie-A", "Oudervisie-B", "Samenvatting-A", "Correctieverzoek-A"),
    "Watwerkte-A",
)
# Who must never see what (beyond the rows' status codes).
SECRETS_FOR = {
    "anonymous": A_SECRETS + FILE_SECRETS + CONFIDENTIAL,
    "professional_a": CONFIDENTIAL,
    "outsider_a": FILE_SECRETS + CONFIDENTIAL,
    "glass_a": CONFIDENTIAL,
    "author_a": (CONFIDENTIAL_REVIEW,),  # and not CONFIDENTIAL_AGREEMENT: it is hers
    "lead_a": (),
    "admin_a": A_SECRETS + FILE_SECRETS + CONFIDENTIAL,
    "professional_b": A_SECRETS + FILE_SECRETS + CONFIDENTIAL,
    "lead_b": A_SECRETS + FILE_SECRETS + CONFIDENTIAL,
}

# Rows: (anonymous, professional A in the team, outside the team, after "nu openen",
#        author of a confidential entry, lead A, admin A, professional B, lead B)
ANYONE = (LOGIN, OK, OK, OK, OK, OK, OK, OK, OK)
OPEN = (OK,) * 9
CASE_LIST = (LOGIN, OK, OK, OK, OK, OK, F, OK, OK)
# A family as every professional of A finds it: to log about it, ask for access, open it.
FIND = (LOGIN, OK, OK, OK, OK, OK, F, N, N)
# The family's file: its team, whoever opened it, the leads.
CASE_OBJECT = (LOGIN, OK, N, OK, OK, OK, F, N, N)
LEAD_LIST = (LOGIN, F, F, F, F, OK, F, F, OK)
LEAD_OBJECT = (LOGIN, F, F, F, F, OK, F, F, N)
ADMIN_LIST = (LOGIN, F, F, F, F, F, OK, F, F)
# Only the contact person (none here) and the leads manage the team; others who read the
# file get 403, outside it 404.
TEAM_MANAGER = (LOGIN, F, N, F, F, OK, F, N, N)
# Only the one asked (lead A) or, for an access request, the contact person or a lead.
ONLY_LEAD_A = (LOGIN, N, N, N, N, OK, F, N, N)
NO_METHOD = (M,) * 9
# Learning together: a lead or intern begeleider prepares (lead B in their own organisation);
# an object of A's (no family's file) for every case role of A.
PREPARER = (LOGIN, F, F, F, F, OK, F, F, OK)
PREPARER_OBJECT = (LOGIN, F, F, F, F, OK, F, N, N)
ORGANISATION_OBJECT = (LOGIN, OK, OK, OK, OK, OK, F, N, N)
# Django's admin: the installation's administrator (a superuser, none of these) alone.
INSTALLATION_ADMIN = (LOGIN, F, F, F, F, F, F, F, F)
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


def post_only(row):
    return {"GET": _no_post(row), "POST": row}


EXPECTATIONS = {
    # Start, login, two-factor, language
    "home": get_post(ANYONE),
    "login": get_post(OPEN),
    "logout": {"GET": (LOGIN, M, M, M, M, M, M, M, M), "POST": (LOGIN,) * 9},
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
    "organisations:switch": {"GET": ANYONE, "POST": (LOGIN, N, N, N, N, N, N, N, N)},
    "organisations:people": get_only(ADMIN_LIST),
    "organisations:person_add": get_post(ADMIN_LIST),
    "organisations:membership_edit": get_post(ADMIN_LIST),
    "organisations:invite": get_post(ADMIN_LIST),
    "organisations:invitation_resend": {"GET": (LOGIN, F, F, F, F, F, M, F, F), "POST": ADMIN_LIST},
    "organisations:invitation_revoke": {"GET": (LOGIN, F, F, F, F, F, M, F, F), "POST": ADMIN_LIST},
    "organisations:mfa_reset": get_post(ADMIN_LIST),
    "organisations:thresholds": get_post(LEAD_LIST),
    "organisations:file_access": get_post(LEAD_LIST),
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
    # Need-to-know: the team, access requests, "nu openen"
    "families:team_add": get_post(TEAM_MANAGER),
    "families:team_remove": get_post(LEAD_OBJECT),
    "families:access_request": get_post(FIND),
    "families:break_glass": get_post(FIND),
    "families:access_requests": get_only(CASE_LIST),
    "families:access_request_decide": post_only(ONLY_LEAD_A),
    # Long-term support: anyone who reads the file records the check
    "families:check_create": get_post(CASE_OBJECT),
    # Dossier
    "dossier:export": get_only(LEAD_OBJECT),
    "dossier:export_json": get_only(LEAD_OBJECT),
    # Samenwerken: the region page for case roles, a lead opts in; a child's page and its
    # buttons for whoever reads the family's file (the service decides who may raise).
    "collaboration:region": get_only(CASE_LIST),
    "collaboration:opt_in": post_only(LEAD_LIST),
    "collaboration:child": get_only(CASE_OBJECT),
    "collaboration:signal_raise": post_only(CASE_OBJECT),
    "collaboration:signal_withdraw": post_only(CASE_OBJECT),
    "collaboration:consent_record": post_only(CASE_OBJECT),
    "collaboration:consent_withdraw": post_only(CASE_OBJECT),
    "collaboration:handover_create": get_post(CASE_OBJECT),
    "collaboration:handovers": get_only(LEAD_LIST),
    # Django's admin (collaboration.admin.site): regions for the superuser; the rest 403.
    **{
        name: get_post(INSTALLATION_ADMIN)
        for name in (
            "admin:index",
            "admin:login",
            "admin:logout",
            "admin:password_change",
            "admin:password_change_done",
            "admin:autocomplete",
            "admin:jsi18n",
            "admin:app_list",
            "admin:collaboration_region_changelist",
            "admin:collaboration_region_add",
            "admin:collaboration_region_history",
            "admin:collaboration_region_delete",
            "admin:collaboration_region_change",
        )
    },
    # A handover is its receiving organisation's leads' alone; the world holds none, so even
    # lead A gets 404 for the id walked here (tests/collaboration/test_handover.py: the rest).
    "collaboration:handover": get_post((LOGIN, F, F, F, F, N, F, F, N)),
    # Signals: catalogue, observations, notes
    "signals:catalogue": get_only(CASE_LIST),
    "signals:category_manage": get_post(LEAD_LIST),
    "signals:category": get_only(CASE_LIST),
    "signals:observation_create": get_post(CASE_LIST),
    # Logging stays open to every professional of A, also outside the family's team.
    "signals:family_observation_create": get_post(FIND),
    "signals:observation_history": get_only(CASE_OBJECT),
    "signals:observation_amend": get_post(CASE_OBJECT),
    "signals:my_signals": get_only(CASE_LIST),
    "signals:note_create": get_post(CASE_OBJECT),
    "signals:look_request_create": get_post(CASE_OBJECT),
    "signals:for_me": get_only(CASE_LIST),
    # Only the one asked may answer; GET is not a thing here.
    "signals:look_request_answer": post_only(ONLY_LEAD_A),
    "signals:my_questions": get_only(CASE_LIST),
    # Follow-up: one click "niets nieuws, gaat goed" (a POST form on start and family pages)
    "signals:going_well": {
        "GET": (LOGIN, M, M, M, M, M, WRONG_ROLE_OR_METHOD, M, M),
        "POST": (LOGIN, OK, N, OK, OK, OK, F, N, N),
    },
    # Dashboard and reviews
    "signals:dashboard": get_only(LEAD_LIST),
    "signals:explanation": get_only(LEAD_OBJECT),
    "signals:overview": get_only(LEAD_LIST),
    "signals:review_create": get_post(LEAD_OBJECT),
    # Talking with parents (issue 14): the family's file; only a lead decides a correction.
    "signals:conversation_prepare": get_post(CASE_OBJECT),
    "signals:conversation": get_post(CASE_OBJECT),
    "signals:conversation_summary": get_post(CASE_OBJECT),
    "signals:conversation_summary_print": get_only(CASE_OBJECT),
    "signals:parents_view_add": get_post(CASE_OBJECT),
    "signals:correction_request_create": get_post(CASE_OBJECT),
    "signals:correction_request": {"GET": CASE_OBJECT, "POST": TEAM_MANAGER},
    # Notifications: one's own list and settings; a notification is its recipient's alone.
    "notifications:list": get_only(CASE_LIST),
    "notifications:settings": get_post(CASE_LIST),
    # Opening one marks it read: a button that posts (a GET writes nothing).
    "notifications:open": post_only((LOGIN, OK, N, N, N, N, F, N, N)),
    "notifications:mark_all_read": {
        "GET": (LOGIN, M, M, M, M, M, WRONG_ROLE_OR_METHOD, M, M),
        "POST": (LOGIN, OK, OK, OK, OK, OK, F, OK, OK),
    },
    # The working list's follow-up: Veilig Thuis's answer (leads), agreements: the world's
    # agreement is professional A's; whoever else reads the file may not close it (403),
    # outside the file it is a 404. "Mijn afspraken" is everyone's own list.
    "signals:review_vt_answer": get_post(LEAD_OBJECT),
    "signals:agreement_close": get_post((LOGIN, OK, N, F, F, OK, F, N, N)),
    "signals:my_agreements": get_only(CASE_LIST),
    # Learning together (issue 20): consultations and "wat werkte" for professionals and
    # leads (a vignette has no names: every case role of A reads it); preparing and
    # recording outcomes for a lead or an intern begeleider (none of A's professionals
    # here); the contact person's story is of the file (write: its author or a lead).
    "learning:consultations": get_only(CASE_LIST),
    "learning:consultation_create": get_post(PREPARER),
    "learning:consultation": get_only(ORGANISATION_OBJECT),
    "learning:consultation_print": get_only(ORGANISATION_OBJECT),
    "learning:vignette_sentences": post_only(PREPARER_OBJECT),
    "learning:vignette_outcome": get_post(PREPARER_OBJECT),
    "learning:what_worked": get_only(CASE_LIST),
    "learning:what_worked_write": get_post((LOGIN, OK, N, F, F, OK, F, N, N)),
    "learning:what_worked_approve": get_post((LOGIN, F, N, F, F, OK, F, N, N)),
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
    Agreement,
    SupportCheck,
    Membership,
    Organisation,
    SignalCategory,
    Notification,
    DigestPreference,
    TeamMember,
    AccessRequest,
    GlassBreak,
    Conversation,
    CorrectionRequest,
    ParentsView,
    SummaryItem,
)


def _count_statement():
    """One statement that counts the rows of every COUNTED model (its default manager's
    query, compiled once per test): 18 cells x 2 x 16 count() calls a URL, each built anew by
    the ORM, cost about as much CPU as the cells' requests (issue 17)."""
    parts, params = [], []
    for n, model in enumerate(COUNTED):
        sql, part_params = model.objects.all().query.sql_with_params()
        # The ORM's own SQL of a manager's query, no input: nothing to inject.
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) counted_{n})")  # noqa: S608
        params.extend(part_params)
    return "SELECT " + ", ".join(parts), params


def _counts(statement):
    sql, params = statement
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return tuple(cursor.fetchone())


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
    if "camera=()" not in response.get("Permissions-Policy", ""):
        problems.append("no Permissions-Policy")
    if logged_in and "no-store" not in response.get("Cache-Control", ""):
        problems.append("no Cache-Control: no-store")
    return problems


ALL_URLS = named_patterns()


def test_every_url_pattern_has_an_expectation():
    missing = [name for name, _, _ in ALL_URLS if name not in EXPECTATIONS]
    assert not missing, f"new URL without expectation: {missing} (add it to EXPECTATIONS)"
    stale = set(EXPECTATIONS) - {name for name, _, _ in ALL_URLS}
    assert not stale, f"expectations for URLs that no longer exist: {sorted(stale)}"


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker):
    """The organisations, people, world and logged-in clients, made once for the module's
    115 URLs in a transaction that is rolled back at its end (as Django's setUpTestData):
    each URL's test runs in a savepoint of it, and each cell in a savepoint of that, rolled
    back. Made anew for every URL, they were about a quarter of this module's time (issue 17).
    """
    from django.apps import apps

    from organisations.models import Role
    from tests.conftest import _member, ensure_shipped_catalogue
    from tests.factories import OrganisationFactory

    with django_db_blocker.unblock(), transaction.atomic():
        ensure_shipped_catalogue(apps)
        org_a = OrganisationFactory(name="Basisschool A")
        org_b = OrganisationFactory(name="Kinderopvang B")
        professional_a = _member(org_a, "alice", Role.PROFESSIONAL)
        lead_a = _member(org_a, "lena", Role.LEAD)
        admin_a = _member(org_a, "adam", Role.ADMIN)
        professional_b = _member(org_b, "bob", Role.PROFESSIONAL)
        lead_b = _member(org_b, "bea", Role.LEAD)
        world = build_world(org_a, professional_a, lead_a)
        users = (
            None,
            professional_a,
            world.outsider,
            world.glass,
            world.author,
            lead_a,
            admin_a,
            professional_b,
            lead_b,
        )
        clients = {persona: _logged_in(user) for persona, user in zip(PERSONAS, users, strict=True)}
        yield world, clients
        transaction.set_rollback(True)


@pytest.mark.parametrize(("name", "route", "params"), ALL_URLS, ids=[u[0] for u in ALL_URLS])
def test_matrix(name, route, params, matrix, db):
    assert name in EXPECTATIONS, f"new URL without expectation: {name} ({route})"
    world, clients = matrix
    url = url_for(name, params, world)
    failures = []
    # No response.context needed: skip the test client's copy of every template context.
    no_contexts = mock.patch("django.test.client.store_rendered_templates", lambda *a, **k: None)
    with no_contexts:
        _run_cells(name, url, clients, failures)
    assert not failures, f"{name} ({url}):\n  " + "\n  ".join(failures)


def _logged_in(user):
    """A client (anonymous for None) and its cookies as the login left them: each cell
    starts from these, so that a logout or a message in one cell reaches no other."""
    http = Client()
    if user is not None:
        http.force_login(user)
    return http, copy.deepcopy(http.cookies)


def _run_cells(name, url, clients, failures):
    counting = _count_statement()
    for method in ("GET", "POST"):
        for persona, expected in zip(PERSONAS, EXPECTATIONS[name][method], strict=True):
            http, cookies = clients[persona]
            http.cookies = copy.deepcopy(cookies)
            with transaction.atomic():
                before = _counts(counting)
                response = http.get(url) if method == "GET" else http.post(url, {})
                after = _counts(counting)
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
            body = response.content.decode(errors="replace")
            leaked = [s for s in SECRETS_FOR[persona] if s in body]
            if leaked:
                failures.append(f"{cell}: leaks {leaked}")
            problems = _header_problems(response, logged_in=persona != "anonymous")
            if problems and response.status_code != 405:
                failures.append(f"{cell}: headers: {problems}")
