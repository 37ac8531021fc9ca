"""The observations' database triggers, generated from the models and the code's constants.

- Immutability: the database refuses UPDATE and DELETE of observation rows, on PostgreSQL
  and on SQLite alike, unless the purge opened the door for its own transaction
  (`signals.observations.immutability.purge_allowed`).
- LatestObservation: an insert of an observation writes the row of its chain (only a newer
  version, a higher id, replaces it); a change of a category's weight or kind reaches its
  rows. `LatestObservation`'s columns, the risk kinds (`RISK_KINDS`) and the table names
  come from the code, so the SQL follows them.

Migration 0003_triggers installs them; the system check `stap0signals.E001` reports a
missing one (organisations/triggers.py has the machinery).
"""

from django.core import checks
from django.db import connections

from organisations.triggers import (
    EVENT,
    Trigger,
    install,
    installed_by,
    sql_list,
    sql_text,
    trigger_check,
    uninstall,
)
from signals.catalogue.models import RISK_KINDS, SignalCategory
from signals.observations.models import LatestObservation, Observation

OBSERVATION = Observation._meta.db_table
CATEGORY = SignalCategory._meta.db_table
LATEST = LatestObservation._meta.db_table
VERSION = LatestObservation._meta.get_field("observation").column

# The purge's door. PostgreSQL: a setting the purge sets with SET LOCAL, so that it ends with
# its transaction. SQLite has no such setting and its triggers cannot read a TEMP table: a
# row in this table, written and deleted inside the purge's transaction, is the door there.
# SQLite lets one connection write at a time and shows no uncommitted row to another, so no
# other connection can pass while it is open.
PURGE_SETTING = "stap0.allow_purge"
PURGE_DOOR = "stap0_purge_door"
REFUSED = "stap0: observaties worden nooit gewijzigd of verwijderd"


def is_risk(kind):
    """SQL: whether the category kind in column `kind` counts as risk (RISK_KINDS)."""
    return f"{kind} IN ({sql_list(RISK_KINDS)})"


def projection(row, category):
    """[(column of LatestObservation, its value)] for the observation `row` of `category`.

    A column named as one of the observation's takes its value; the others are the
    version's id, whether its category counts as risk, and the category's weight.
    """
    derived = {
        VERSION: f"{row}.{Observation._meta.pk.column}",
        "risk": is_risk(f"{category}.kind"),
        "weight": f"{category}.weight",
    }
    own = {field.column for field in Observation._meta.concrete_fields}
    pairs = []
    for field in LatestObservation._meta.concrete_fields:
        if field.column in derived:
            pairs.append((field.column, derived[field.column]))
        elif field.column in own:
            pairs.append((field.column, f"{row}.{field.column}"))
        else:
            raise LookupError(f"LatestObservation.{field.name}: not a column of Observation")
    return pairs


def _upsert(row, source, where, *, only_newer):
    """INSERT … SELECT of the LatestObservation rows of observations `row` (category c) from
    `source`; with `only_newer`, a chain's row is replaced by a higher id only."""
    pairs = projection(row, "c")
    key = LatestObservation._meta.pk.column
    updates = ",\n    ".join(f"{col} = excluded.{col}" for col, _value in pairs if col != key)
    newer = f"\nWHERE {LATEST}.{VERSION} < excluded.{VERSION}" if only_newer else ""
    return (
        f"INSERT INTO {LATEST} ({', '.join(col for col, _value in pairs)})\n"
        f"SELECT {', '.join(value for _col, value in pairs)}\n"
        f"FROM {source}\n"
        # SQLite needs the WHERE to read ON CONFLICT as the upsert, not a join's ON.
        f"WHERE {where}\n"
        f"ON CONFLICT ({key}) DO UPDATE SET\n    {updates}{newer};"
    )


# The observation that fires the trigger is NEW.
UPSERT_NEW = _upsert("NEW", f"{CATEGORY} c", "c.id = NEW.category_id", only_newer=True)

# Every chain's latest version (its highest id), once: for the migration that installs the
# triggers, and to repair the table after they were missing.
REBUILD_LATEST = _upsert(
    "o",
    f"{OBSERVATION} o JOIN {CATEGORY} c ON c.id = o.category_id",
    f"o.id IN (SELECT MAX(id) FROM {OBSERVATION} GROUP BY chain)",  # noqa: S608
    only_newer=False,
)

OBSERVATION_IMMUTABLE = Trigger(
    name="stap0_observation_immutable",
    table=OBSERVATION,
    timing="BEFORE",
    events=("UPDATE", "DELETE"),
    postgresql=(
        f"IF current_setting({sql_text(PURGE_SETTING)}, true) = 'on' THEN\n"
        "    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\n"
        "    RETURN NEW;\n"
        "END IF;\n"
        f"RAISE EXCEPTION '{REFUSED} (%)', TG_OP USING ERRCODE = 'insufficient_privilege';"
    ),
    sqlite=(
        f"SELECT RAISE(ABORT, '{REFUSED} ({EVENT})')\n"  # noqa: S608
        f"WHERE NOT EXISTS (SELECT 1 FROM {PURGE_DOOR});"
    ),
)

LATEST_OBSERVATION = Trigger(
    name="stap0_latest_observation",
    table=OBSERVATION,
    timing="AFTER",
    events=("INSERT",),
    postgresql=f"{UPSERT_NEW}\nRETURN NULL;",
    sqlite=UPSERT_NEW,
)

_CATEGORY_UPDATE = (
    f"UPDATE {LATEST} SET weight = NEW.weight, risk = {is_risk('NEW.kind')}"  # noqa: S608
    " WHERE category_id = NEW.id;"
)

LATEST_OBSERVATION_CATEGORY = Trigger(
    name="stap0_latest_observation_category",
    table=CATEGORY,
    timing="AFTER",
    events=("UPDATE",),
    columns=("weight", "kind"),
    postgresql=f"{_CATEGORY_UPDATE}\nRETURN NULL;",
    sqlite=_CATEGORY_UPDATE,
)

TRIGGERS = (OBSERVATION_IMMUTABLE, LATEST_OBSERVATION, LATEST_OBSERVATION_CATEGORY)

MIGRATION = ("stap0signals", "0003_triggers")

_check = trigger_check(
    triggers=TRIGGERS,
    migration=MIGRATION,
    check_id="stap0signals.E001",
    repair="signals.observations.triggers.install_triggers",
)


def check_triggers(app_configs=None, databases=None, **kwargs):
    """The system check (tag `database`): every trigger, and on SQLite the purge's door."""
    errors = _check(app_configs=app_configs, databases=databases, **kwargs)
    for alias in databases or ():
        connection = connections[alias]
        if connection.vendor != "sqlite" or not installed_by(connection, MIGRATION):
            continue
        if PURGE_DOOR not in connection.introspection.table_names():
            errors.append(
                checks.Error(
                    f"De tabel {PURGE_DOOR} ontbreekt in database '{alias}': zonder kan de"
                    " bewaartermijn geen observaties verwijderen.",
                    hint="RunPython(signals.observations.triggers.install_triggers).",
                    id="stap0signals.E002",
                )
            )
    return errors


def door_sql(vendor, *, opened):
    """The statement that opens or closes the purge's door for the current transaction."""
    if vendor == "postgresql":
        return f"SET LOCAL {PURGE_SETTING} = {sql_text('on' if opened else 'off')}"
    if vendor == "sqlite":
        if opened:
            return f"INSERT INTO {PURGE_DOOR} VALUES (1)"  # noqa: S608
        return f"DELETE FROM {PURGE_DOOR}"  # noqa: S608
    return None


def install_triggers(apps, schema_editor):
    """For a migration's RunPython: the door, every trigger, and LatestObservation rebuilt."""
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE TABLE IF NOT EXISTS {PURGE_DOOR} (opened integer NOT NULL)", params=None
        )
    install(schema_editor, TRIGGERS)
    schema_editor.execute(REBUILD_LATEST, params=None)


def uninstall_triggers(apps, schema_editor):
    uninstall(schema_editor, TRIGGERS)
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {PURGE_DOOR}", params=None)
