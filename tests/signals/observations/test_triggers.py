"""The triggers are generated from the code, and a system check says when one is missing.

On SQLite a migration that rebuilds a table (most AlterField operations do) drops the
table's triggers with it; without the check, observations would quietly become editable
and the dashboard would stop seeing new ones.
"""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from signals.catalogue.models import RISK_KINDS, Kind
from signals.models import LatestObservation
from signals.observations import triggers

NAMES = [
    (trigger, name) for trigger in triggers.TRIGGERS for name in trigger.names(connection.vendor)
]


def drop(trigger, name):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER {name} ON {trigger.table}")
        else:
            cursor.execute(f"DROP TRIGGER {name}")


def test_every_trigger_is_in_place_and_the_check_passes(db):
    assert triggers.check_triggers(databases=["default"]) == []
    # Both databases refuse changes to observations; SQLite needs a trigger per event.
    expected = 3 if connection.vendor == "postgresql" else 4
    assert len(NAMES) == expected


@pytest.mark.parametrize(("trigger", "name"), NAMES, ids=[name for _t, name in NAMES])
def test_the_check_fails_when_a_trigger_is_missing(db, trigger, name):
    drop(trigger, name)
    errors = triggers.check_triggers(databases=["default"])
    assert [error.id for error in errors] == ["stap0signals.E001"]
    assert name in errors[0].msg
    # It is tagged `database`: `check --database default` and `migrate` run it.
    with pytest.raises(SystemCheckError, match=name):
        call_command("check", databases=["default"])


def test_the_check_is_quiet_before_the_migration_that_installs_the_triggers(db):
    # `migrate` runs the check before it migrates: a fresh database has no triggers yet.
    drop(triggers.LATEST_OBSERVATION, "stap0_latest_observation")
    MigrationRecorder(connection).record_unapplied(*triggers.MIGRATION)
    assert triggers.check_triggers(databases=["default"]) == []


@pytest.mark.skipif(connection.vendor != "sqlite", reason="de deurtabel is er alleen op SQLite")
def test_the_check_fails_without_the_purge_door_on_sqlite(db):
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {triggers.PURGE_DOOR}")
    errors = triggers.check_triggers(databases=["default"])
    assert [error.id for error in errors] == ["stap0signals.E002"]


def test_the_sql_follows_the_risk_kinds_and_the_projection_covers_every_column(monkeypatch):
    assert triggers.is_risk("c.kind") == "c.kind IN ('signal', 'risk')"
    monkeypatch.setattr(triggers, "RISK_KINDS", (*RISK_KINDS, Kind.PROTECTIVE))
    assert triggers.is_risk("c.kind") == "c.kind IN ('signal', 'risk', 'protective')"
    monkeypatch.undo()
    columns = [column for column, _value in triggers.projection("NEW", "c")]
    assert columns == [f.column for f in LatestObservation._meta.concrete_fields]
    for sql in (triggers.UPSERT_NEW, triggers.REBUILD_LATEST):
        assert triggers.is_risk("c.kind") in sql
