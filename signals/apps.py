from django.apps import AppConfig
from django.core import checks


class SignalsConfig(AppConfig):
    name = "signals"
    # "signals" would shadow nothing in Django, but a distinct label keeps table
    # names obvious in SQL: stap0signals_observation.
    label = "stap0signals"
    verbose_name = "Signalen"

    def ready(self):
        # Fill the hooks of the floors below: organisations names no model of ours.
        from organisations import hooks
        from organisations.scoping import register_scope
        from signals.notes.selectors import for_me_badge

        for model in (
            *("observation", "latestobservation", "colleaguenote", "lookrequest", "review"),
            "agreement",
        ):
            register_scope(
                f"stap0signals.{model}", organisation="family__organisation", family="family"
            )
        hooks.menu_badges.register(for_me_badge)

        from signals.observations.triggers import check_triggers

        checks.register(check_triggers, checks.Tags.database)
