"""Real-browser journeys: Playwright for Python driving Debian's Chromium against live_server.

`playwright install` cannot download browsers here, so the tests use the system Chromium.
Without it they are skipped at collection with a message that says how to get it, so that
`make test` still passes on a developer's machine.
"""

import importlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import expect

# Debian's headless build of Chromium (package chromium-headless-shell, from the same source
# as the package chromium): Blink and V8 as in the browser, without the browser's window and
# its services. Measured over all the journeys (issue 17; all the processes' CPU, Chromium's
# included, in one cgroup): 214.5 CPU-s against 275.0 with /usr/bin/chromium, the same 26
# passed. Without it, the full browser; STAP0_CHROMIUM picks another.
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
CHROMIUM = os.environ.get(
    "STAP0_CHROMIUM", HEADLESS_SHELL if os.path.exists(HEADLESS_SHELL) else "/usr/bin/chromium"
)
HERE = Path(__file__).resolve().parent
SCREENSHOTS = HERE / "screenshots"
DOCS_SCREENSHOTS = HERE.parent.parent / "docs" / "screenshots"

SKIP_REASON = (
    f"Chromium ontbreekt ({CHROMIUM}): installeer het met `sudo apt-get install "
    "--no-install-recommends chromium-headless-shell` om de browsertests te draaien"
)


def chromium_available():
    return os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)


def in_this_folder(item):
    return HERE in Path(str(item.fspath)).resolve().parents


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Sync Playwright keeps an event loop running in this thread, so Django refuses ORM calls
    from the test (and the database flush after it) unless told that this is fine. Only around
    the browser tests: elsewhere (`check --deploy` in a subprocess) the variable must be absent."""
    if not in_this_folder(item):
        return (yield)
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        return (yield)
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def pytest_itemcollected(item):
    """Mark every test in this folder `browser` as it is collected, before `-m` selects:
    `make test` runs `-m "not browser"` in parallel and then `-m browser` on its own."""
    if in_this_folder(item):
        item.add_marker(pytest.mark.browser)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Skip the browser tests when Chromium is missing.

    And run them last, after pytest-django's own ordering: once Playwright has started, its
    event loop runs in this thread until the session ends, and Django refuses ORM calls in
    any test that would come after (pytest-django puts tests that ask for the database only
    through request.getfixturevalue after the transactional ones)."""
    available = chromium_available()
    skip = pytest.mark.skip(reason=SKIP_REASON)
    browser_items = [item for item in items if in_this_folder(item)]
    for item in browser_items:
        if not available:
            item.add_marker(skip)
    items[:] = [item for item in items if not in_this_folder(item)] + spread(browser_items)


def spread(browser_items):
    """The every-page walk's two halves, one at the head of each half of the list: on two
    pytest-xdist workers (BROWSER_XDIST in the Makefile), worksteal hands each one half of the
    list to begin with, so each begins with a half of the walk (the longest tests; issue 17)."""
    walks = [item for item in browser_items if item.originalname == WALK]
    rest = [item for item in browser_items if item.originalname != WALK]
    if len(walks) != 2:
        return walks + rest
    middle = len(rest) // 2  # the second half then begins at (len(rest) + 2) // 2
    return [walks[0], *rest[:middle], walks[1], *rest[middle:]]


WALK = "test_every_page_fits_phone_and_desktop_with_a_clean_console"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """The browser run's test databases are its own (…_browser, …_gw0_browser): it may run on
    pytest-xdist workers beside the suite's, whose databases are …_gw0, …_gw1."""
    from django.conf import settings

    for db_settings in settings.DATABASES.values():
        name = db_settings.get("TEST", {}).get("NAME")
        if not name and db_settings["ENGINE"] != "django.db.backends.sqlite3":
            name = f"test_{db_settings['NAME']}"
        if name and name != ":memory:":
            db_settings.setdefault("TEST", {})["NAME"] = f"{name}_browser"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Dutch by default, like the users; a fixed desktop size so screenshots compare.
    return {
        **browser_context_args,
        "locale": "nl-NL",
        "timezone_id": "Europe/Amsterdam",
        "viewport": {"width": 1280, "height": 900},
    }


@pytest.fixture
def catalogue(transactional_db):
    """The shipped catalogue: the data migration's rows are flushed between transactional tests."""
    from django.apps import apps

    from signals.models import SignalCategory

    if not SignalCategory.objects.filter(organisation__isnull=True).exists():
        migration = importlib.import_module("signals.migrations.0002_shipped_catalogue")
        migration.load_catalogue(apps, None)
        lasting = importlib.import_module("signals.migrations.0006_lasting_factors_acute_since")
        lasting.mark_lasting(apps, None)
        synonyms = importlib.import_module("signals.migrations.0011_category_synonyms")
        synonyms.fill_synonyms(apps, None)
    return SignalCategory.objects.filter(organisation__isnull=True)


# {the day it was loaded: a copy of the test database just after `load_demo`}, per process.
DEMO_SNAPSHOTS = {}


@pytest.fixture
def demo(catalogue, tmp_path_factory):
    """The demo (`load_demo`) in the test database, after the shipped catalogue; its password.

    `load_demo` costs about 5 CPU-seconds and seven browser tests start with it (issue 17).
    On SQLite the first of them in a process runs it and keeps a copy of the database
    (SQLite's backup API); a later one on the same day gets the database back as that copy:
    the catalogue and the demo as `load_demo` wrote them, with nothing of another test. On
    PostgreSQL each runs `load_demo`."""
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from demo.people import DEMO_PASSWORD

    if connection.vendor != "sqlite":
        call_command("load_demo", quiet_logins=True)
        return DEMO_PASSWORD
    today = timezone.localdate()
    connection.ensure_connection()
    assert connection.get_autocommit(), "the demo's copy is for transactional tests only"
    snapshot = DEMO_SNAPSHOTS.get(today)
    if snapshot is None:
        call_command("load_demo", quiet_logins=True)
        snapshot = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
        target = sqlite3.connect(snapshot)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        DEMO_SNAPSHOTS[today] = snapshot
    else:
        source = sqlite3.connect(snapshot)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    return DEMO_PASSWORD


@pytest.fixture
def world(transactional_db, catalogue):
    """Two organisations, their people (password PASSWORD) and a few families with children."""
    import datetime

    from django.utils import timezone

    from organisations.models import Role
    from tests.factories import (
        ChildFactory,
        FamilyFactory,
        MembershipFactory,
        OrganisationFactory,
        UserFactory,
    )

    org_a = OrganisationFactory(name="Basisschool De Regenboog")
    org_b = OrganisationFactory(name="Kinderopvang Het Speelhuis")

    def member(org, username, first, last, role):
        user = UserFactory(username=username, first_name=first, last_name=last)
        MembershipFactory(user=user, organisation=org, role=role)
        return user

    people = {
        "alice": member(org_a, "alice", "Alice", "Bakker", Role.PROFESSIONAL),
        "annet": member(org_a, "annet", "Annet", "de Boer", Role.PROFESSIONAL),
        "lena": member(org_a, "lena", "Lena", "de Vries", Role.LEAD),
        "bob": member(org_b, "bob", "Bob", "Peeters", Role.PROFESSIONAL),
    }
    today = timezone.localdate()
    families = {}
    for name, child, years in (
        ("Gezin Jansen", "Noor", 8),
        ("Gezin El Amrani", "Sami", 6),
        ("Gezin Visser", "Tim", 10),
    ):
        # Need-to-know: alice and annet are in these families' teams (they read the files).
        family = FamilyFactory(
            organisation=org_a, name=name, team=[people["alice"], people["annet"]]
        )
        ChildFactory(
            family=family,
            first_name=child,
            birth_date=today - datetime.timedelta(days=years * 365 + 30),
        )
        families[name] = family
    families["Gezin Smit"] = FamilyFactory(
        organisation=org_b, name="Gezin Smit", team=[people["bob"]]
    )
    return {"org_a": org_a, "org_b": org_b, "people": people, "families": families}


@pytest.fixture(autouse=True)
def _fast_failures(request):
    """Fail in seconds rather than Playwright's 30: every page here answers in milliseconds."""
    expect.set_options(timeout=8_000)
    if "page" in request.fixturenames:
        request.getfixturevalue("page").set_default_timeout(8_000)


class Counter:
    """Wraps the page's user actions so that a journey can say how many it took.

    A click is one click; a fill of N characters is N keystrokes (what a person types);
    a press is one keystroke; a select is one click (choosing from an open list is
    counted as the click that opens it, the keyboard case counts its own keys).
    """

    def __init__(self, page):
        self.page = page
        self.clicks = 0
        self.keys = 0

    def click(self, locator):
        self.clicks += 1
        locator.click()

    def fill(self, locator, text):
        self.clicks += 1  # focus the field
        self.keys += len(text)
        locator.fill(text)

    def type(self, locator, text):
        """Type into the focused element without clicking it first (keyboard journeys)."""
        self.keys += len(text)
        locator.press_sequentially(text)

    def press(self, key, times=1):
        self.keys += times
        for _ in range(times):
            self.page.keyboard.press(key)

    def select(self, locator, **option):
        self.clicks += 2  # open the list, pick the option
        locator.select_option(**option)

    def check(self, locator):
        self.clicks += 1
        locator.check()

    def report(self, what):
        line = f"{what}: {self.clicks} klikken, {self.keys} toetsaanslagen"
        print(line)
        return line


@pytest.fixture
def counter(page):
    return Counter(page)


@pytest.fixture
def shoot(page):
    """Save a full-page screenshot under tests/browser/screenshots/.

    `docs=True` also refreshes the README's copy in docs/screenshots/ (committed), but only
    when STAP0_DOCS_SCREENSHOTS=1: an ordinary test run leaves the working tree clean."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def _shoot(name, *, docs=False, target=None):
        target = target or page
        path = SCREENSHOTS / f"{name}.png"
        target.screenshot(path=str(path), full_page=True)
        if docs and os.environ.get("STAP0_DOCS_SCREENSHOTS") == "1":
            DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, DOCS_SCREENSHOTS / f"{name}.png")
        return path

    return _shoot


def login(page, live_server, username, counter=None, password=None):
    """Log in through the real form; returns after the first page behind the login."""
    from tests.factories import PASSWORD

    page.goto(f"{live_server.url}/inloggen/")
    act = counter or Counter(page)
    act.fill(page.get_by_label("Gebruikersnaam"), username)
    act.fill(page.get_by_label("Wachtwoord"), password or PASSWORD)
    act.click(page.get_by_role("button", name="Inloggen"))
    page.wait_for_load_state()


def risk_history(world):
    """Gezin El Amrani: four different light risks this month (stapeling by the distinct rule,
    score 4); Gezin Visser: one risk of score 4 (aandacht); Gezin Jansen: nothing (geen)."""
    import datetime

    from django.utils import timezone

    from signals import services
    from signals.models import SignalCategory

    people, families = world["people"], world["families"]
    today = timezone.localdate()
    for n, code in enumerate(
        ["regression-bedwetting", "family-single-parent", "env-poor-housing", "env-frequent-moves"]
    ):
        services.observation_record(
            family=families["Gezin El Amrani"],
            category=SignalCategory.objects.get(code=code),
            severity=1,
            observed_on=today - datetime.timedelta(days=5 + n),
            observer=people["alice"] if n % 2 else people["annet"],
            description=f"Observatie {n + 1} voor de stapeling.",
        )
    services.observation_record(
        family=families["Gezin Visser"],
        category=SignalCategory.objects.get(code="aggressive"),
        severity=2,
        observed_on=today - datetime.timedelta(days=3),
        observer=people["alice"],
        description="Slaat andere kinderen op het plein.",
    )
