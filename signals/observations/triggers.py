"""The observations' database triggers, generated from the models and the code's constants.

- Immutability: the database refuses UPDATE and DELETE of observation rows, on PostgreSQL
  and on SQLite alike, unless the purge opened the door for its own transaction
  (`signals.observations.immutability.purge_allowed`).
- LatestObservation: an insert of an observation writes the row of its chain (only a newer
  version, a higher id, replaces it), with when its acute flag was raised and when its first
  version was logged; a change of a category's weight, kind or `lasting` reaches its rows.
  `LatestObservation`'s columns, the risk kinds (`RISK_KINDS`) and the table names come
  from the code, so the SQL follows them.

Migration 0003_triggers installs them, 0004 and 0006 again for the columns they add (each from the
models as they are at that migration); the system check `stap0signals.E001` reports a
missing one (organisations/triggers.py has the machinery).
"""

from dataclasses import dataclass

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

# The purge's door. PostgreSQL: a setting the purge sets with SET LOCAL, so that it ends with
# its transaction. SQLite has no such setting and its triggers cannot read a TEMP table: a
# row in this table, written and deleted inside the purge's transaction, is the door there.
# SQLite lets one connection write at a time and shows no uncommitted row to another, so no
# other connection can pass while it is open.
PURGE_SETTING = "stap0.allow_purge"
PURGE_DOOR = "stap0_purge_door"
REFUSED = "stap0: observaties worden nooit gewijzigd of verwijderd"


@dataclass(frozen=True)
class Models:
    """The three models the SQL is generated from: the code's, or a migration's historical
    ones (a migration installs the triggers that fit the tables as they are at that point)."""

    observation: object
    category: object
    latest: object

    @property
    def observation_table(self):
        return self.observation._meta.db_table

    @property
    def category_table(self):
        return self.category._meta.db_table

    @property
    def latest_table(self):
        return self.latest._meta.db_table

    @property
    def version(self):
        return self.latest._meta.get_field("observation").column

    def latest_columns(self):
        return [field.column for field in self.latest._meta.concrete_fields]

    def category_columns(self):
        return {field.column for field in self.category._meta.concrete_fields}


CODE = Models(Observation, SignalCategory, LatestObservation)


def is_risk(kind):
    """SQL: whether the category kind in column `kind` counts as risk (RISK_KINDS)."""
    return f"{kind} IN ({sql_list(RISK_KINDS)})"


def _acute_since(row, table):
    """SQL: when the chain of observation `row` was made acute (`raises_acute`), or NULL.

    The last version up to `row` that raised the flag: acute, and its version before it not
    acute or of a lower severity. That version lies within the run of acute versions that
    ends at `row` (the run's first version raised it), so later corrections that did not
    raise it keep its moment.
    """
    raised = (
        f"SELECT v.created_at FROM {table} v"  # noqa: S608
        f" WHERE v.chain = {row}.chain AND v.id <= {row}.id AND v.acute"
        f" AND NOT EXISTS (SELECT 1 FROM {table} p WHERE p.chain = v.chain"
        f" AND p.id = (SELECT MAX(q.id) FROM {table} q WHERE q.chain = v.chain AND q.id < v.id)"
        " AND p.acute AND p.severity >= v.severity)"
        " ORDER BY v.id DESC LIMIT 1"
    )
    return f"CASE WHEN {row}.acute THEN ({raised}) END"


def projection(row, category, models=CODE, *, chain_known=False):
    """[(column of LatestObservation, its value)] for the observation `row` of `category`.

    A column named as one of the observation's takes its value; the others are the
    version's id, whether its category counts as risk, the category's weight and whether it
    is lasting, when the chain's acute flag was raised and when its first version was logged.
    With `chain_known` (the trigger: `row` is the chain's newest version and the chain's row,
    if any, holds the version before it), these last two are what `row` alone says; the
    upsert then takes them from the chain's row (`_chain_updates`). Otherwise (the rebuild)
    they are read from the chain's versions.
    """
    table = models.observation_table
    if chain_known:
        acute_since = f"CASE WHEN {row}.acute THEN {row}.created_at END"
        first_logged_at = f"{row}.created_at"
    else:
        acute_since = _acute_since(row, table)
        first_logged_at = f"(SELECT MIN(x.created_at) FROM {table} x WHERE x.chain = {row}.chain)"  # noqa: S608
    derived = {
        models.version: f"{row}.{models.observation._meta.pk.column}",
        "risk": is_risk(f"{category}.kind"),
        "weight": f"{category}.weight",
        "lasting": f"{category}.lasting",
        "acute_since": acute_since,
        "first_logged_at": first_logged_at,
    }
    own = {field.column for field in models.observation._meta.concrete_fields}
    pairs = []
    for field in models.latest._meta.concrete_fields:
        if field.column in derived:
            pairs.append((field.column, derived[field.column]))
        elif field.column in own:
            pairs.append((field.column, f"{row}.{field.column}"))
        else:
            raise LookupError(f"LatestObservation.{field.name}: not a column of Observation")
    return pairs


def _chain_updates(latest):
    """{column: value} of the upsert's update that read the chain's row (`latest`), which
    holds the version before the new one (`raises_acute`): no query over the versions, so
    that an insert costs the same however many observations there are."""
    return {
        "acute_since": (
            f"CASE WHEN excluded.acute AND (NOT {latest}.acute"
            f" OR excluded.severity > {latest}.severity) THEN excluded.created_at"
            f" WHEN excluded.acute THEN {latest}.acute_since END"
        ),
        "first_logged_at": f"COALESCE({latest}.first_logged_at, excluded.first_logged_at)",
    }


def _upsert(row, source, where, *, only_newer, models=CODE):
    """INSERT … SELECT of the LatestObservation rows of observations `row` (category c) from
    `source`; with `only_newer`, a chain's row is replaced by a higher id only."""
    pairs = projection(row, "c", models, chain_known=only_newer)
    latest, version = models.latest_table, models.version
    key = models.latest._meta.pk.column
    special = _chain_updates(latest) if only_newer else {}
    updates = ",\n    ".join(
        f"{col} = {special.get(col, f'excluded.{col}')}" for col, _value in pairs if col != key
    )
    newer = f"\nWHERE {latest}.{version} < excluded.{version}" if only_newer else ""
    return (
        f"INSERT INTO {latest} ({', '.join(col for col, _value in pairs)})\n"
        f"SELECT {', '.join(value for _col, value in pairs)}\n"
        f"FROM {source}\n"
        # SQLite needs the WHERE to read ON CONFLICT as the upsert, not a join's ON.
        f"WHERE {where}\n"
        f"ON CONFLICT ({key}) DO UPDATE SET\n    {updates}{newer};"
    )


def upsert_new(models=CODE):
    """The observation that fires the trigger is NEW."""
    return _upsert(
        "NEW",
        f"{models.category_table} c",
        "c.id = NEW.category_id",
        only_newer=True,
        models=models,
    )


def rebuild_latest(models=CODE):
    """Every chain's latest version (its highest id), once: for the migration that installs
    the triggers, and to repair the table after they were missing."""
    table = models.observation_table
    return _upsert(
        "o",
        f"{table} o JOIN {models.category_table} c ON c.id = o.category_id",
        f"o.id IN (SELECT MAX(id) FROM {table} GROUP BY chain)",  # noqa: S608
        only_newer=False,
        models=models,
    )


def triggers_for(models=CODE):
    """(immutability, LatestObservation on insert, LatestObservation on a category change)."""
    upsert = upsert_new(models)
    # A change of a category reaches its rows: the columns LatestObservation copies from it.
    copied = [("weight", "NEW.weight"), ("risk", is_risk("NEW.kind"))]
    if "lasting" in models.latest_columns() and "lasting" in models.category_columns():
        copied.append(("lasting", "NEW.lasting"))
    category_update = (
        f"UPDATE {models.latest_table} SET "  # noqa: S608
        + ", ".join(f"{col} = {value}" for col, value in copied)
        + " WHERE category_id = NEW.id;"
    )
    watched = ("weight", "kind", "lasting") if len(copied) == 3 else ("weight", "kind")
    return (
        Trigger(
            name="stap0_observation_immutable",
            table=models.observation_table,
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
        ),
        Trigger(
            name="stap0_latest_observation",
            table=models.observation_table,
            timing="AFTER",
            events=("INSERT",),
            postgresql=f"{upsert}\nRETURN NULL;",
            sqlite=upsert,
        ),
        Trigger(
            name="stap0_latest_observation_category",
            table=models.category_table,
            timing="AFTER",
            events=("UPDATE",),
            columns=watched,
            postgresql=f"{category_update}\nRETURN NULL;",
            sqlite=category_update,
        ),
    )


OBSERVATION = CODE.observation_table
CATEGORY = CODE.category_table
LATEST = CODE.latest_table
VERSION = CODE.version
UPSERT_NEW = upsert_new()
REBUILD_LATEST = rebuild_latest()
TRIGGERS = triggers_for()
OBSERVATION_IMMUTABLE, LATEST_OBSERVATION, LATEST_OBSERVATION_CATEGORY = TRIGGERS

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


def _models_of(apps):
    """The models as they are at the migration that runs (or the code's, without `apps`)."""
    if apps is None:
        return CODE
    return Models(
        apps.get_model("stap0signals", "Observation"),
        apps.get_model("stap0signals", "SignalCategory"),
        apps.get_model("stap0signals", "LatestObservation"),
    )


def install_triggers(apps, schema_editor):
    """For a migration's RunPython: the door, every trigger, and LatestObservation rebuilt,
    all generated from the tables as they are at that migration."""
    models = _models_of(apps)
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE TABLE IF NOT EXISTS {PURGE_DOOR} (opened integer NOT NULL)", params=None
        )
    install(schema_editor, triggers_for(models))
    schema_editor.execute(rebuild_latest(models), params=None)


def uninstall_triggers(apps, schema_editor):
    uninstall(schema_editor, triggers_for(_models_of(apps)))
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {PURGE_DOOR}", params=None)
