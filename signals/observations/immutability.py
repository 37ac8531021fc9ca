from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections, transaction

from signals.observations.triggers import door_sql


@contextmanager
def purge_allowed(using=DEFAULT_DB_ALIAS):
    """Open the observation trigger's door for this transaction alone.

    PostgreSQL: SET LOCAL, which ends with the transaction. SQLite: a row in the door table,
    inserted here and deleted again before the transaction ends (signals/observations/
    triggers.py). Either way no other connection or later transaction can change or delete
    observations.
    """
    connection = connections[using]
    with transaction.atomic(using=using):
        _door(connection, opened=True)
        yield
        # Nested in an outer transaction (ATOMIC_REQUESTS, a command's atomic), a released
        # savepoint would keep the door open until that transaction ends: close it here.
        _door(connection, opened=False)


def _door(connection, *, opened):
    statement = door_sql(connection.vendor, opened=opened)
    if statement:
        with connection.cursor() as cursor:
            cursor.execute(statement)
