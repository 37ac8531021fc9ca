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
