"""The database itself refuses UPDATE and DELETE of observation rows, on PostgreSQL and
on SQLite alike; only the purge's door lets them through, for its own transaction."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from signals import services
from signals.models import Observation, SignalCategory
from signals.observations.immutability import purge_allowed
from signals.observations.triggers import PURGE_DOOR, PURGE_SETTING
from tests.factories import FamilyFactory


@pytest.fixture
def observation(org_a, professional_a):
    return services.observation_record(
        family=FamilyFactory(organisation=org_a),
        category=SignalCategory.objects.get(code="hunger"),
        severity=2,
        observed_on=timezone.localdate(),
        observer=professional_a,
        description="Origineel.",
    )


def _refused(action):
    with pytest.raises(DatabaseError, match="nooit gewijzigd of verwijderd"):
        with transaction.atomic():
            action()


def test_orm_update_is_refused(observation):
    _refused(lambda: Observation.objects.filter(pk=observation.pk).update(description="Anders"))
    observation.description = "Anders"
    _refused(observation.save)
    assert Observation.objects.get(pk=observation.pk).description == "Origineel."


def test_orm_delete_is_refused(observation):
    _refused(lambda: Observation.objects.filter(pk=observation.pk).delete())
    _refused(observation.delete)
    assert Observation.objects.filter(pk=observation.pk).exists()


def test_raw_sql_update_and_delete_are_refused(observation):
    table = Observation._meta.db_table

    def update():
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET severity = 3 WHERE id = %s", [observation.pk])  # noqa: S608

    def delete():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE id = %s", [observation.pk])  # noqa: S608

    _refused(update)
    _refused(delete)
    assert Observation.objects.get(pk=observation.pk).severity == 2


def test_purge_allowed_opens_the_door_for_its_own_transaction_only(observation):
    with purge_allowed():
        Observation.objects.filter(pk=observation.pk).update(severity=3)
    assert Observation.objects.get(pk=observation.pk).severity == 3
    # The next transaction is refused again: SET LOCAL ended with the one above.
    _refused(lambda: Observation.objects.filter(pk=observation.pk).update(severity=1))
    with purge_allowed():
        Observation.objects.filter(pk=observation.pk).delete()
    assert not Observation.objects.filter(pk=observation.pk).exists()


def test_purge_allowed_closes_the_door_inside_an_outer_transaction(observation):
    with transaction.atomic():
        with purge_allowed():
            Observation.objects.filter(pk=observation.pk).update(severity=3)
        _refused(lambda: Observation.objects.filter(pk=observation.pk).update(severity=1))
    assert Observation.objects.get(pk=observation.pk).severity == 3


def test_a_failed_purge_leaves_the_door_closed(observation):
    with pytest.raises(RuntimeError):
        with purge_allowed():
            Observation.objects.filter(pk=observation.pk).update(severity=3)
            raise RuntimeError("purge afgebroken")
    assert Observation.objects.get(pk=observation.pk).severity == 2
    _refused(lambda: Observation.objects.filter(pk=observation.pk).delete())


def door_is_open():
    """PostgreSQL: the transaction's setting; SQLite: a row in the door table."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT current_setting(%s, true)", [PURGE_SETTING])
            return cursor.fetchone()[0] == "on"
        cursor.execute(f"SELECT COUNT(*) FROM {PURGE_DOOR}")  # noqa: S608
        return cursor.fetchone()[0] > 0


def test_the_door_is_open_inside_purge_allowed_only(observation):
    assert not door_is_open()
    with purge_allowed():
        assert door_is_open()
    assert not door_is_open()


def test_flush_empties_the_tables_through_the_door(observation):
    # Transactional tests (the browser journeys) end with a flush; on SQLite that is a DELETE.
    if connection.vendor == "postgresql":
        # TRUNCATE refuses a table with foreign-key checks still deferred in this transaction.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    assert not Observation.objects.exists()
    assert not door_is_open()


def test_inserting_a_correction_is_allowed(observation, professional_a):
    services.observation_amend(original=observation, observer=professional_a, reason="Typo")
    assert Observation.objects.filter(chain=observation.chain).count() == 2


def test_flush_asks_before_it_opens_the_door(observation, monkeypatch, capsys):
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    call_command("flush", interactive=True, verbosity=0)
    assert Observation.objects.filter(pk=observation.pk).exists()
    assert "Flush cancelled." in capsys.readouterr().out
