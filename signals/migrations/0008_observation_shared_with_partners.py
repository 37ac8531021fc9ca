"""`Observation.shared_with_partners` ("delen met ketenpartners", issue 15): the author lets
another organisation of the region read the entry once the parents consented on both sides
of a match to "ook zorgen per domein"; never with `confidential` (a check constraint).

The triggers go first and come back last, as in 0006: on SQLite the new column rebuilds the
observation table, which drops its triggers."""

from django.conf import settings
from django.db import migrations, models

from signals.observations.triggers import install_triggers, uninstall_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("families", "0005_support_check"),
        ("stap0signals", "0007_agreements_veilig_thuis"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(uninstall_triggers, install_triggers),
        migrations.AddField(
            model_name="observation",
            name="shared_with_partners",
            field=models.BooleanField(default=False, verbose_name="delen met ketenpartners"),
        ),
        migrations.AddConstraint(
            model_name="observation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("confidential", True), ("shared_with_partners", True), _negated=True
                ),
                name="obs_shared_not_confidential",
            ),
        ),
        migrations.RunPython(install_triggers, uninstall_triggers),
    ]
