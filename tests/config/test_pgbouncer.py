"""DATABASE_PGBOUNCER=1: what Django needs behind PgBouncer in transaction mode.

The settings test runs everywhere; the others only through a PgBouncer (`.ci/pgbouncer`
starts one in front of the test database and runs this module with DATABASE_PGBOUNCER=1).
"""

import json
import os
import subprocess
import sys

import pytest
from django.db import connection, transaction

from families.models import Family
from tests.factories import FamilyFactory

PRINT_DATABASE = (
    "import json, config.settings as s; d = s.DATABASES['default'];"
    "print(json.dumps({'cursors': d.get('DISABLE_SERVER_SIDE_CURSORS', False),"
    " 'options': d['OPTIONS']}))"
)


def database_settings(**env):
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_PGBOUNCER"}
    environment.update(DEBUG="0", SECRET_KEY="x", **env)
    result = subprocess.run(  # noqa: S603 - this Python, a fixed script
        [sys.executable, "-c", PRINT_DATABASE],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_pgbouncer_setting_turns_off_what_lives_in_a_session():
    url = "postgres://u:p@db.internal:6432/stap0"
    behind = database_settings(DATABASE_URL=url, DATABASE_PGBOUNCER="1")
    assert behind["cursors"] is True
    assert behind["options"]["prepare_threshold"] is None
    assert "options" not in behind["options"]  # PgBouncer refuses startup options
    direct = database_settings(DATABASE_URL=url)
    assert direct["cursors"] is False
    assert direct["options"]["options"] == "-c jit=off"


through_pgbouncer = pytest.mark.skipif(
    os.environ.get("DATABASE_PGBOUNCER") != "1" or connection.vendor != "postgresql",
    reason="only through PgBouncer (.ci/pgbouncer)",
)


@through_pgbouncer
def test_the_connection_goes_through_a_pooler(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('port')")
        server_port = cursor.fetchone()[0]
    assert str(connection.settings_dict["PORT"]) != server_port


@through_pgbouncer
@pytest.mark.django_db(transaction=True)
def test_iterator_and_transactions_outside_one_session():
    FamilyFactory.create_batch(5)
    # An iterator outside a transaction would declare a WITH HOLD cursor in one server
    # session and fetch from another; without server-side cursors it reads in one go.
    names = [family.name for family in Family.objects.order_by("name").iterator(chunk_size=2)]
    assert len(names) == 5
    for _ in range(3):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT set_config('jit', 'off', true)")
            cursor.execute("SELECT count(*) FROM families_family")
            assert cursor.fetchone()[0] == 5
    # More runs of one query than psycopg's prepare threshold (5) without an error.
    for _ in range(8):
        assert Family.objects.filter(name__in=names).count() == 5
