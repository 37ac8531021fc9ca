"""Personas: a professional, a lead and a beheerder of organisation A; a professional
and a lead of organisation B; an anonymous visitor (the `client` fixture itself)."""

import os

import pytest
from django.test import Client

from organisations.models import Role
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.sqlite_template import Template, remove_database


@pytest.fixture(scope="session")
def _sqlite_template(
    request, django_db_modify_db_settings, django_db_use_migrations, django_db_createdb
):
    """The migrated SQLite test database's template (tests/sqlite_template.py), or None:
    on PostgreSQL, without migrations, with --create-db (migrate for real) or --reuse-db."""
    from django.conf import settings

    databases = settings.DATABASES
    test_name = databases["default"].get("TEST", {}).get("NAME")
    if (
        len(databases) != 1
        or databases["default"]["ENGINE"] != "django.db.backends.sqlite3"
        or not test_name
        or test_name == ":memory:"
        or not django_db_use_migrations
        or django_db_createdb
        or request.config.getvalue("reuse_db")
    ):
        return None
    template = Template(test_name)
    request.addfinalizer(template.release)
    return template


@pytest.fixture(scope="session")
def django_db_keepdb(request, _sqlite_template):
    """Django keeps (does not re-migrate from nothing) a test database copied from the
    template; without a template yet, this process migrates and keeps the template."""
    if _sqlite_template is None:
        return request.config.getvalue("reuse_db")
    return _sqlite_template.copy_in()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, _sqlite_template, django_db_keepdb, django_db_blocker):
    """pytest-django's set-up; then a freshly migrated SQLite database becomes the template,
    and a copied one is removed at the end as Django removes the databases it creates."""
    if _sqlite_template is not None and not django_db_keepdb:
        _sqlite_template.save()
    yield
    if _sqlite_template is not None and django_db_keepdb:
        from django.db import connections

        with django_db_blocker.unblock():
            connections.close_all()
        remove_database(_sqlite_template.test_name)


@pytest.fixture
def org_a(db):
    return OrganisationFactory(name="Basisschool A")


@pytest.fixture
def org_b(db):
    return OrganisationFactory(name="Kinderopvang B")


def _member(org, username, role):
    user = UserFactory(username=username, first_name=username.capitalize())
    MembershipFactory(user=user, organisation=org, role=role)
    return user


@pytest.fixture
def professional_a(org_a):
    return _member(org_a, "alice", Role.PROFESSIONAL)


@pytest.fixture
def colleague_a(org_a):
    return _member(org_a, "annet", Role.PROFESSIONAL)


@pytest.fixture
def lead_a(org_a):
    return _member(org_a, "lena", Role.LEAD)


@pytest.fixture
def admin_a(org_a):
    return _member(org_a, "adam", Role.ADMIN)


@pytest.fixture
def professional_b(org_b):
    return _member(org_b, "bob", Role.PROFESSIONAL)


@pytest.fixture
def lead_b(org_b):
    return _member(org_b, "bea", Role.LEAD)


def _client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def client_professional_a(professional_a):
    return _client_for(professional_a)


@pytest.fixture
def client_colleague_a(colleague_a):
    return _client_for(colleague_a)


@pytest.fixture
def client_lead_a(lead_a):
    return _client_for(lead_a)


@pytest.fixture
def client_admin_a(admin_a):
    return _client_for(admin_a)


@pytest.fixture
def client_professional_b(professional_b):
    return _client_for(professional_b)


@pytest.fixture
def client_lead_b(lead_b):
    return _client_for(lead_b)


@pytest.fixture(autouse=True)
def _shipped_catalogue(request):
    """The shipped catalogue is data that a migration loads. A test that commits (a
    transactional test, the live server) ends with a flush that empties it; under
    pytest-xdist such a test may run before others in the same worker, so every test that
    uses the database finds the catalogue as `migrate` left it."""
    names = request.fixturenames
    if "transactional_db" in names or "live_server" in names:
        request.getfixturevalue("transactional_db")
    elif "db" in names or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
    else:
        return
    from django.apps import apps

    ensure_shipped_catalogue(apps)


def ensure_shipped_catalogue(apps):
    """The shipped catalogue as `migrate` leaves it, loaded again if a flush emptied it."""
    import importlib

    from signals.models import SignalCategory

    if not SignalCategory.objects.filter(organisation__isnull=True).exists():
        migration = importlib.import_module("signals.migrations.0002_shipped_catalogue")
        migration.load_catalogue(apps, None)
        # The shipped lasting risk factors (a parent's LVB, debts, …), as migrated.
        lasting = importlib.import_module("signals.migrations.0006_lasting_factors_acute_since")
        lasting.mark_lasting(apps, None)
        synonyms = importlib.import_module("signals.migrations.0011_category_synonyms")
        synonyms.fill_synonyms(apps, None)


# The suite's longest tests (`pytest --durations`, 1 December 2026: 3 to 60 s each on the
# 2-core machine); none of them is transactional.
HEAVY = (
    "tests/signals/test_accumulation_property.py::test_database_and_python_always_agree",
    "tests/security/test_hostile.py::test_hostile_strings_in_every_field",
    "tests/security/test_hostile.py::test_fuzz_form",
    "tests/signals/test_bench.py::",
    "tests/signals/parents/test_summary_no_leak.py::",
    "tests/signals/test_fuzz_forms.py::",
    "tests/collaboration/test_region_matrix.py::",
    "tests/signals/test_page_queries.py::",
    "tests/demo/test_teams.py::",
)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """The longest tests first, shared over the heads of the pytest-xdist workers' shares.

    worksteal gives each worker an equal slice of the list to begin with and later moves
    tests that have not started; a long test that starts last on one worker keeps the run
    waiting while the other worker has nothing left to do (issue 17). The order within the
    rest stays pytest-django's (transactional tests last)."""
    workers = max(int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")), 1)
    heavy = [item for item in items if item.nodeid.startswith(HEAVY)]
    if not heavy or workers == 1:
        return
    rest = [item for item in items if not item.nodeid.startswith(HEAVY)]
    total, ordered = len(items), []
    for worker in range(workers):
        ordered.extend(heavy[worker::workers])
        take = max((worker + 1) * total // workers - len(ordered), 0)
        ordered.extend(rest[:take])
        rest = rest[take:]
    items[:] = ordered + rest
