from django.apps import AppConfig


class SignalsConfig(AppConfig):
    name = "signals"
    # "signals" would shadow nothing in Django, but a distinct label keeps table
    # names obvious in SQL: stap0signals_observation.
    label = "stap0signals"
    verbose_name = "Signalen"
