"""Database triggers, each written once in Python and generated for both databases.

An app lists its triggers in a `triggers` module (this one for the access log,
signals/observations/triggers.py for observations); a migration installs them with
`install`, and a system check with the tag `database` (run by `migrate` and by
`check --database default`) reports every trigger that its migration installed and that is
gone: on SQLite, a later migration that rebuilds a table drops the table's triggers with it.
"""

from dataclasses import dataclass

from django.core import checks
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

from organisations.models import AccessLogEntry

# In an SQLite body: the event of the trigger that runs it.
EVENT = "%(event)s"


def sql_text(value):
    """`value` as an SQL string literal (for the app's own constants, never for input)."""
    return "'" + str(value).replace("'", "''") + "'"


def sql_list(values):
    return ", ".join(sql_text(v) for v in values)


@dataclass(frozen=True)
class Trigger:
    """A row trigger on `table`: `timing` (BEFORE, AFTER) any of `events`.

    `postgresql` is the body of its plpgsql function (named like the trigger); `sqlite` the
    statements of its body, with EVENT for the event, or None where it exists on
    PostgreSQL only. An SQLite trigger takes one event: with several, each gets a trigger
    of its own, named `<name>_<event>`. `columns`: UPDATE OF these columns only, and only
    when one of them changed.
    """

    name: str
    table: str
    timing: str
    events: tuple
    postgresql: str
    sqlite: str | None = None
    columns: tuple = ()

    def _sqlite_names(self):
        if len(self.events) == 1:
            return {self.events[0]: self.name}
        return {event: f"{self.name}_{event.lower()}" for event in self.events}

    def names(self, vendor):
        """The trigger names this definition makes on `vendor`'s database."""
        if vendor == "postgresql":
            return [self.name]
        if vendor == "sqlite" and self.sqlite is not None:
            return list(self._sqlite_names().values())
        return []

    def _events(self, events):
        of = f" OF {', '.join(self.columns)}" if self.columns else ""
        return " OR ".join(f"{event}{of}" if event == "UPDATE" else event for event in events)

    def _changed(self, distinct):
        return " OR ".join(f"OLD.{c} {distinct} NEW.{c}" for c in self.columns)

    def create_sql(self, vendor):
        """Statements that (re)create it: every one can run on a database that has it."""
        if vendor == "postgresql":
            when = f"WHEN ({self._changed('IS DISTINCT FROM')})" if self.columns else ""
            return [
                f"CREATE OR REPLACE FUNCTION {self.name}() RETURNS trigger AS $$\n"
                f"BEGIN\n{self.postgresql}\nEND;\n$$ LANGUAGE plpgsql",
                f"DROP TRIGGER IF EXISTS {self.name} ON {self.table}",
                f"CREATE TRIGGER {self.name} {self.timing} {self._events(self.events)}"
                f" ON {self.table} FOR EACH ROW {when} EXECUTE FUNCTION {self.name}()",
            ]
        statements = []
        when = f"WHEN {self._changed('IS NOT')}" if self.columns else ""
        for event, name in self._sqlite_names().items() if self.sqlite is not None else ():
            body = self.sqlite.replace(EVENT, event)
            statements += [
                f"DROP TRIGGER IF EXISTS {name}",
                f"CREATE TRIGGER {name} {self.timing} {self._events([event])} ON {self.table}"
                f" FOR EACH ROW {when}\nBEGIN\n{body}\nEND",
            ]
        return statements

    def drop_sql(self, vendor):
        if vendor == "postgresql":
            return [
                f"DROP TRIGGER IF EXISTS {self.name} ON {self.table}",
                f"DROP FUNCTION IF EXISTS {self.name}()",
            ]
        return [f"DROP TRIGGER IF EXISTS {name}" for name in self.names(vendor)]


def execute(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement, params=None)


def install(schema_editor, triggers):
    """Create (or replace) `triggers` on the database of `schema_editor`."""
    vendor = schema_editor.connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise NotImplementedError(f"stap0 runs on PostgreSQL and SQLite, not on {vendor}")
    for trigger in triggers:
        execute(schema_editor, trigger.create_sql(vendor))


def uninstall(schema_editor, triggers):
    vendor = schema_editor.connection.vendor
    for trigger in triggers:
        execute(schema_editor, trigger.drop_sql(vendor))


def present(connection):
    """{(table, trigger name)} of the enabled triggers in the database."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, t.tgname FROM pg_trigger t"
                " JOIN pg_class c ON c.oid = t.tgrelid"
                " WHERE NOT t.tgisinternal AND t.tgenabled <> 'D'"
                " AND pg_catalog.pg_table_is_visible(c.oid)"
            )
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
        else:
            return set()
        return set(cursor.fetchall())


def missing(connection, triggers):
    """The names of `triggers` that are not (or not enabled) on `connection`'s database."""
    found = present(connection)
    return [
        name
        for trigger in triggers
        for name in trigger.names(connection.vendor)
        if (trigger.table, name) not in found
    ]


def installed_by(connection, migration):
    """Whether `migration` ((app label, name)) is applied: before that, nothing is missing."""
    recorder = MigrationRecorder(connection)
    return recorder.has_table() and migration in recorder.applied_migrations()


def trigger_check(*, triggers, migration, check_id, repair):
    """A system check (register it with the tag `database`): an Error per missing trigger.

    `migration` installed them; `repair` names the function that installs them again.
    """

    def check(app_configs=None, databases=None, **kwargs):
        errors = []
        for alias in databases or ():
            connection = connections[alias]
            if not installed_by(connection, migration):
                continue
            for name in missing(connection, triggers):
                errors.append(
                    checks.Error(
                        f"De databasetrigger {name} ontbreekt in database '{alias}'.",
                        hint=(
                            f"Migratie {migration[0]}.{migration[1]} maakte hem aan. Een"
                            " latere migratie die de tabel opnieuw opbouwt (SQLite doet dat"
                            " bij de meeste AlterField), verliest de triggers van die tabel"
                            f" en moet ze weer aanmaken: RunPython({repair}); draai die"
                            " met manage.py migrate --skip-checks."
                        ),
                        id=check_id,
                    )
                )
        return errors

    return check


# --- the access log ----------------------------------------------------------------------

ACCESS_LOG_APPEND_ONLY = Trigger(
    name="stap0_accesslog_append_only",
    table=AccessLogEntry._meta.db_table,
    timing="BEFORE",
    events=("UPDATE", "DELETE"),
    postgresql=(
        "RAISE EXCEPTION 'stap0: het toegangslog kan niet worden gewijzigd of verwijderd (%)',"
        " TG_OP USING ERRCODE = 'insufficient_privilege';"
    ),
)

TRIGGERS = (ACCESS_LOG_APPEND_ONLY,)

check_triggers = trigger_check(
    triggers=TRIGGERS,
    migration=("organisations", "0002_accesslog_append_only_trigger"),
    check_id="organisations.E001",
    repair="organisations.triggers.install_triggers",
)


def install_triggers(apps, schema_editor):
    """For a migration's RunPython: the access log is append-only (PostgreSQL)."""
    install(schema_editor, TRIGGERS)


def uninstall_triggers(apps, schema_editor):
    uninstall(schema_editor, TRIGGERS)
