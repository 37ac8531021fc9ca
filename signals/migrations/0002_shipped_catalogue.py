"""Loads the shipped signal catalogue (signals/catalogue.json), written by the project.

Replaces the former 0002_catalogue (squashed into 0001). It updates the shipped categories
by their code, so on a database that ran the former migrations it changes nothing.
"""

import json
from pathlib import Path

from django.db import migrations

CATALOGUE = Path(__file__).resolve().parent.parent / "catalogue.json"


def load_catalogue(apps, schema_editor):
    SignalCategory = apps.get_model("stap0signals", "SignalCategory")
    for entry in json.loads(CATALOGUE.read_text(encoding="utf-8")):
        groups = set(entry["age_groups"])
        SignalCategory.objects.update_or_create(
            code=entry["code"],
            defaults={
                "name": entry["name"],
                "name_en": entry["name_en"],
                "domain": entry["domain"],
                "kind": entry["kind"],
                "weight": entry["weight"],
                "life_area": entry["life_area"],
                "for_age_0_4": "0-4" in groups,
                "for_age_4_12": "4-12" in groups,
                "for_age_12_18": "12-18" in groups,
                "explanation": entry["explanation"],
                "explanation_en": entry["explanation_en"],
                "ask": entry["ask"],
                "ask_en": entry["ask_en"],
                "organisation": None,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("stap0signals", "0001_squashed_0008_latest_observation")]

    operations = [migrations.RunPython(load_catalogue, migrations.RunPython.noop)]
