"""Need-to-know: observations, colleague notes and reviews can be confidential.

On SQLite, adding a column with a default rebuilds the observation table, which drops the
trigger that keeps LatestObservation (migration 0008) with the old table: it is created
again here (tests/signals/observations/test_latest_observation.py checks that it exists).
"""

import importlib

from django.db import migrations, models


def recreate_sqlite_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    latest = importlib.import_module("signals.migrations.0008_latest_observation")
    schema_editor.execute("DROP TRIGGER IF EXISTS stap0_latest_observation;", params=None)
    schema_editor.execute(latest.SQLITE[0], params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('stap0signals', '0008_latest_observation'),
    ]

    operations = [
        migrations.AddField(
            model_name='colleaguenote',
            name='confidential',
            field=models.BooleanField(default=False, verbose_name='vertrouwelijk'),
        ),
        migrations.AddField(
            model_name='observation',
            name='confidential',
            field=models.BooleanField(default=False, verbose_name='vertrouwelijk'),
        ),
        migrations.AddField(
            model_name='review',
            name='confidential',
            field=models.BooleanField(default=False, verbose_name='vertrouwelijk'),
        ),
        migrations.RunPython(recreate_sqlite_trigger, migrations.RunPython.noop),
    ]
