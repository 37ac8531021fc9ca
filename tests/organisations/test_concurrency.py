"""Colleagues clicking at once (issue 21): 8 browsers against the live server, mixed reads
and writes, each with its own login session. No request may fail (no 5xx, every GET 200,
every POST saved), every acknowledged write must be stored once with its access-log entry,
and every page served must have its "view" entry (NEN 7513: no read goes unlogged).

On SQLite the live server's threads share one database file (config/settings_test.py);
on PostgreSQL they each have a connection of their own.
"""

import datetime
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from organisations.models import AccessAction, AccessLogEntry, Role
from signals.models import ColleagueNote, Observation, ParentsDiscussed
from tests.factories import FamilyFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

CLIENTS = 8
ROUNDS = 7  # a professional's round is 5 requests, a lead's 4: 266 requests in all
TOKEN = re.compile(r"\[(conc-[0-9a-f]+-\d+-\d+)\]")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(_NoRedirect())


class Browser:
    """One colleague's browser: the session cookie of a login, CSRF from the forms."""

    def __init__(self, base_url, user):
        self.base_url, self.username = base_url, user.username
        login = Client()
        login.force_login(user)
        name = settings.SESSION_COOKIE_NAME
        self.cookies = {name: login.cookies[name].value}
        self.gets = Counter()  # path -> pages served (200)
        self.posts = Counter()  # path -> changes acknowledged (302)
        self.acknowledged = Counter()  # (kind, token) of acknowledged changes
        self.failures = []

    def _open(self, method, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body, method=method)  # noqa: S310
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            response = OPENER.open(request, timeout=30)
        except urllib.error.HTTPError as exc:
            response = exc
        with response:
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.read().decode(errors="replace")

    def get(self, path):
        status, page = self._open("GET", path)
        if status == 200:
            self.gets[path] += 1
            return page
        self.failures.append(("GET", path, status))
        return ""

    def post(self, path, page, data, acknowledged=None):
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        data = {"csrfmiddlewaretoken": csrf.group(1) if csrf else "", **data}
        status, _body = self._open("POST", path, data)
        if status == 302:
            self.posts[path] += 1
            if acknowledged:
                self.acknowledged[acknowledged] += 1
        else:
            self.failures.append(("POST", path, status))


def professional(browser, families, category, run, number):
    for n in range(ROUNDS):
        family = families[(number + n) % len(families)]
        browser.get(f"/gezinnen/{family}/")
        path = f"/signalen/gezin/{family}/vastleggen/"
        page = browser.get(path)
        token = f"conc-{run}-{number}-{n}"
        observation = {
            "category": category,
            "severity": "2",
            "observed_on": timezone.localdate().isoformat(),
            "description": f"Gezien in de gelijktijdigheidstest [{token}]",
            "parents_discussed": ParentsDiscussed.NOT_YET,
        }
        browser.post(path, page, observation, ("observation", token))
        path = f"/signalen/gezin/{family}/notitie/"
        page = browser.get(path)
        note = {"kind": "recognition", "text": f"Herkenbaar [{token}]"}
        browser.post(path, page, note, ("note", token))


def lead(browser, families, run, number):
    next_review = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    for n in range(ROUNDS):
        family = families[(number + n) % len(families)]
        browser.get(f"/signalen/dashboard/gezin/{family}/")
        path = f"/signalen/gezin/{family}/beoordelen/"
        page = browser.get(path)
        review = {
            "decision": "monitor",
            "rationale": "Besproken; we blijven volgen.",
            "next_review_on": next_review,
            "q1_suspicion": "no",
            "q1_reason": "Geen vermoeden.",
        }
        browser.post(path, page, review)
        browser.get("/signalen/dashboard/")


def _colleagues(organisation):
    """CLIENTS members of the organisation: every fourth a lead, the rest professionals."""
    people = []
    for number in range(CLIENTS):
        role = Role.LEAD if number % 4 == 3 else Role.PROFESSIONAL
        user = UserFactory(username=f"tegelijk{number}")
        MembershipFactory(user=user, organisation=organisation, role=role)
        people.append((user, role))
    return people


def _families(organisation, people):
    """Four families; need-to-know: the professionals are in every family's team (the leads
    read every file)."""
    team = [user for user, role in people if role == Role.PROFESSIONAL]
    creator = people[-1][0]  # the last colleague made them (a lead)
    return [
        str(
            FamilyFactory(
                organisation=organisation, name=f"Gezin {n}", created_by=creator, team=team
            ).public_id
        )
        for n in range(4)
    ]


def _run_at_once(browsers, people, families, category, run):
    """Every browser starts its rounds at the same moment; returns the joined threads."""
    start = threading.Barrier(CLIENTS)

    def work(number, browser, role):
        start.wait()
        if role == Role.LEAD:
            lead(browser, families, run, number)
        else:
            professional(browser, families, category, run, number)

    threads = [
        threading.Thread(target=work, args=(number, browser, role))
        for number, (browser, (_user, role)) in enumerate(zip(browsers, people, strict=True))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return threads


def _assert_stored_once_and_logged(browsers, run):
    """Every acknowledged change is stored once, with its one access-log entry."""
    acknowledged = sum((b.acknowledged for b in browsers), Counter())
    stored = {
        "observation": Observation.objects.filter(description__contains=f"[conc-{run}-"),
        "note": ColleagueNote.objects.filter(text__contains=f"[conc-{run}-"),
    }
    for kind, rows in stored.items():
        text = "description" if kind == "observation" else "text"
        tokens = Counter((kind, TOKEN.search(getattr(row, text))[1]) for row in rows)
        assert tokens == Counter({k: n for k, n in acknowledged.items() if k[0] == kind})
        ids = [str(row.public_id) for row in rows]
        logged = AccessLogEntry.objects.filter(action=AccessAction.CREATE, object_id__in=ids)
        assert Counter(logged.values_list("object_id", flat=True)) == Counter(ids)


def _assert_every_access_logged(browsers, organisation):
    """Per colleague and address: as many entries as pages served and changes acknowledged."""
    served = Counter((b.username, path) for b in browsers for path in b.gets.elements())
    changed = Counter((b.username, path) for b in browsers for path in b.posts.elements())
    entries = AccessLogEntry.objects.filter(organisation=organisation)
    views = Counter(entries.filter(action=AccessAction.VIEW).values_list("username", "path"))
    writes = Counter(entries.exclude(action=AccessAction.VIEW).values_list("username", "path"))
    assert views == served
    assert writes == changed


def test_eight_colleagues_at_once_get_no_errors_and_every_access_is_logged(
    live_server, shipped_catalogue
):
    organisation = OrganisationFactory(name="Gelijktijdig")
    people = _colleagues(organisation)
    families = _families(organisation, people)
    category = shipped_catalogue.filter(kind="risk").first().code
    run = uuid.uuid4().hex[:8]

    browsers = [Browser(live_server.url, user) for user, _role in people]
    threads = _run_at_once(browsers, people, families, category, run)

    assert not any(thread.is_alive() for thread in threads)
    assert [f for b in browsers for f in b.failures] == []
    requests = sum(sum(b.gets.values()) + sum(b.posts.values()) for b in browsers)
    leads = sum(1 for _user, role in people if role == Role.LEAD)
    assert requests == ROUNDS * (5 * (CLIENTS - leads) + 4 * leads) == 266

    _assert_stored_once_and_logged(browsers, run)
    _assert_every_access_logged(browsers, organisation)
