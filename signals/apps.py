from django.apps import AppConfig
from django.core import checks


class SignalsConfig(AppConfig):
    name = "signals"
    # "signals" would shadow nothing in Django, but a distinct label keeps table
    # names obvious in SQL: stap0signals_observation.
    label = "stap0signals"
    verbose_name = "Signalen"

    def ready(self):
        from signals.observations.triggers import check_triggers

        checks.register(check_triggers, checks.Tags.database)
