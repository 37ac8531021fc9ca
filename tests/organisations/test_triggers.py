"""The access log's append-only trigger (PostgreSQL) and the check that it is there."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection

from organisations import triggers


def test_the_check_passes_on_a_migrated_database(db):
    assert triggers.check_triggers(databases=["default"]) == []


def test_the_access_log_trigger_is_for_postgresql_only():
    trigger = triggers.ACCESS_LOG_APPEND_ONLY
    assert trigger.names("postgresql") == ["stap0_accesslog_append_only"]
    assert trigger.names("sqlite") == []
    assert trigger.create_sql("sqlite") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="de trigger is er op PostgreSQL")
def test_the_check_fails_when_the_access_log_trigger_is_missing(db):
    trigger = triggers.ACCESS_LOG_APPEND_ONLY
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {trigger.name} ON {trigger.table}")
    errors = triggers.check_triggers(databases=["default"])
    assert [error.id for error in errors] == ["organisations.E001"]
    with pytest.raises(SystemCheckError, match=trigger.name):
        call_command("check", databases=["default"])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="de trigger is er op PostgreSQL")
def test_a_disabled_trigger_counts_as_missing(db):
    trigger = triggers.ACCESS_LOG_APPEND_ONLY
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {trigger.table} DISABLE TRIGGER {trigger.name}")
    assert [e.id for e in triggers.check_triggers(databases=["default"])] == ["organisations.E001"]
