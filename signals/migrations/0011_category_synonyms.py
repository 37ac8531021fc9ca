"""Synonyms on a signal category: everyday words the type-ahead and the catalogue search
look in (issue 19). Fills them for the shipped catalogue from catalogue.json, by code; an
organisation's own categories start without.

The triggers go first and come back last, as in 0006 and 0008: on SQLite the new columns
rebuild the category table, and a trigger of another table that names it stops the rename."""

import json
from pathlib import Path

from django.db import migrations, models

from signals.observations.triggers import install_triggers, uninstall_triggers

CATALOGUE = Path(__file__).resolve().parent.parent / "catalogue.json"


def fill_synonyms(apps, schema_editor):
    """The shipped categories' synonyms as catalogue.json holds them (by code)."""
    SignalCategory = apps.get_model("stap0signals", "SignalCategory")
    for entry in json.loads(CATALOGUE.read_text(encoding="utf-8")):
        SignalCategory.objects.filter(organisation__isnull=True, code=entry["code"]).update(
            synonyms=entry.get("synonyms", ""), synonyms_en=entry.get("synonyms_en", "")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("stap0signals", "0010_conversation_agreements"),
    ]

    operations = [
        migrations.RunPython(uninstall_triggers, install_triggers),
        migrations.AddField(
            model_name="signalcategory",
            name="synonyms",
            field=models.CharField(
                blank=True,
                help_text="Woorden die iemand typt om deze categorie te vinden, gescheiden door komma's. Bijvoorbeeld: geen ontbijt, trek, eten",
                max_length=200,
                verbose_name="zoekwoorden",
            ),
        ),
        migrations.AddField(
            model_name="signalcategory",
            name="synonyms_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="zoekwoorden (Engels)"),
        ),
        migrations.RunPython(fill_synonyms, migrations.RunPython.noop),
        migrations.RunPython(install_triggers, uninstall_triggers),
    ]
