"""On PostgreSQL the database itself refuses UPDATE and DELETE of observation rows."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from signals import services
from signals.models import Observation, SignalCategory
from signals.observations.immutability import purge_allowed
from tests.factories import FamilyFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="de trigger bestaat alleen op PostgreSQL (DATABASE_URL=postgres://…)",
)


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


def test_inserting_a_correction_is_allowed(observation, professional_a):
    services.observation_amend(original=observation, observer=professional_a, reason="Typo")
    assert Observation.objects.filter(chain=observation.chain).count() == 2
