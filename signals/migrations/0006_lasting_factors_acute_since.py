"""Lasting risk factors and when an acute flag was raised (design.md, "The accumulation model").

- `SignalCategory.lasting`, set on the shipped circumstances that catalogue.json marks
  (a parent's intellectual disability, addiction or psychiatric illness, debts, poor
  housing, violence between the parents); only risk factors can be lasting.
- `Observation.ended_on`: the day a lasting factor stopped applying, set by a correction.
- LatestObservation gets `lasting`, `ended_on`, `acute_since` (the version that raised the
  chain's acute flag) and `first_logged_at`, and its covering index their columns.

The triggers go first: on SQLite the new columns and constraints rebuild the tables, and a
rebuilt table cannot be renamed while a trigger of another table names it. The last step
installs them again, generated from the models as they are here, and fills the new columns
of every LatestObservation row. Going back, the same in reverse with the former tables.
"""

import json
from pathlib import Path

from django.conf import settings
from django.db import migrations, models


from signals.observations.triggers import install_triggers, uninstall_triggers

CATALOGUE = Path(__file__).resolve().parent.parent / "catalogue.json"


def mark_lasting(apps, schema_editor):
    """The shipped categories that catalogue.json marks as lasting (by code)."""
    SignalCategory = apps.get_model("stap0signals", "SignalCategory")
    entries = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    codes = [entry["code"] for entry in entries if entry.get("lasting")]
    SignalCategory.objects.filter(organisation__isnull=True, code__in=codes, kind="risk").update(
        lasting=True
    )


class Migration(migrations.Migration):

    dependencies = [
        ('families', '0004_child_last_name'),
        ('organisations', '0004_need_to_know'),
        ('stap0signals', '0005_seed_teams'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(uninstall_triggers, install_triggers),
        migrations.RemoveIndex(
            model_name='latestobservation',
            name='latest_obs_family_risk',
        ),
        migrations.AddField(
            model_name='latestobservation',
            name='acute_since',
            field=models.DateTimeField(null=True),
        ),
        migrations.AddField(
            model_name='latestobservation',
            name='ended_on',
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name='latestobservation',
            name='first_logged_at',
            field=models.DateTimeField(null=True),
        ),
        migrations.AddField(
            model_name='latestobservation',
            name='lasting',
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name='observation',
            name='ended_on',
            field=models.DateField(blank=True, null=True, verbose_name='niet meer van toepassing sinds'),
        ),
        migrations.AddField(
            model_name='signalcategory',
            name='lasting',
            field=models.BooleanField(default=False, help_text='Een omstandigheid, geen gebeurtenis: telt volledig mee tot een correctie vastlegt dat het voorbij is.', verbose_name='blijvend'),
        ),
        migrations.AddIndex(
            model_name='latestobservation',
            index=models.Index(condition=models.Q(('risk', True)), fields=['family', 'observed_on', 'category', 'severity', 'weight', 'acute', 'acute_since', 'first_logged_at', 'lasting', 'ended_on', 'observer', 'risk'], name='latest_obs_family_risk_v2'),
        ),
        migrations.AddConstraint(
            model_name='observation',
            constraint=models.CheckConstraint(condition=models.Q(('ended_on__isnull', True), ('ended_on__gte', models.F('observed_on')), _connector='OR'), name='obs_ended_after_observed'),
        ),
        migrations.AddConstraint(
            model_name='signalcategory',
            constraint=models.CheckConstraint(condition=models.Q(('lasting', False), ('kind', 'risk'), _connector='OR'), name='category_lasting_is_risk'),
        ),
        migrations.RunPython(mark_lasting, migrations.RunPython.noop),
        migrations.RunPython(install_triggers, uninstall_triggers),
    ]
