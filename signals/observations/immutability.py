from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def purge_allowed():
    """Open the observation trigger's door for this transaction alone (PostgreSQL).

    SET LOCAL ends with the transaction, so no other connection or later
    transaction can delete observations.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL stap0.allow_purge = 'on'")
        yield
        if connection.vendor == "postgresql":
            # Nested in an outer transaction (ATOMIC_REQUESTS, a command's atomic), a released
            # savepoint would keep the door open until that transaction ends: close it here.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL stap0.allow_purge = 'off'")
