"""Need-to-know: observations, colleague notes and reviews can be confidential.

On SQLite, adding a column with a default rebuilds the observation table, which drops its
triggers with the old table (immutability, LatestObservation upkeep): they are installed
again here from signals/observations/triggers.py; the system check stap0signals.E001 says
so when one is missing.
"""

from django.db import migrations, models

from signals.observations.triggers import install_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("stap0signals", "0003_triggers"),
    ]

    operations = [
        migrations.AddField(
            model_name="colleaguenote",
            name="confidential",
            field=models.BooleanField(default=False, verbose_name="vertrouwelijk"),
        ),
        migrations.AddField(
            model_name="observation",
            name="confidential",
            field=models.BooleanField(default=False, verbose_name="vertrouwelijk"),
        ),
        migrations.AddField(
            model_name="review",
            name="confidential",
            field=models.BooleanField(default=False, verbose_name="vertrouwelijk"),
        ),
        migrations.RunPython(install_triggers, migrations.RunPython.noop),
    ]
