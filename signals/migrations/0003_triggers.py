"""The observations' triggers, on PostgreSQL and SQLite (signals/observations/triggers.py).

Immutability (UPDATE and DELETE refused, except through the purge's door; on SQLite new
here, with the door's table), and the upkeep of LatestObservation on an insert of an
observation and on a change of a category's weight or kind. Each statement replaces what
it finds, so on a database that ran the former 0003 and 0008 this swaps their hand-written
triggers for the generated ones; LatestObservation is then brought up to date once.
The system check stap0signals.E001 reports a trigger that is missing afterwards.
"""

from django.db import migrations

from signals.observations.triggers import install_triggers, uninstall_triggers


class Migration(migrations.Migration):
    dependencies = [("stap0signals", "0002_shipped_catalogue")]

    operations = [migrations.RunPython(install_triggers, uninstall_triggers)]
