from django.apps import AppConfig


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

        def readable(queryset, user):
            return queryset.readable_by(user)

        # Need-to-know: an entry of a family's file is read by those who read the file, and by
        # its author (their own entries, also from outside the team); a confidential one only
        # by its author and the leads.
        org = "family__organisation"
        register_scope(
            "stap0signals.observation",
            organisation=org,
            family="family",
            author="observer",
            confidential=readable,
        )
        register_scope(
            "stap0signals.colleaguenote",
            organisation=org,
            family="family",
            author="author",
            confidential=readable,
        )
        register_scope(
            "stap0signals.review", organisation=org, family="family", confidential=readable
        )
        for model in ("latestobservation", "lookrequest"):
            register_scope(f"stap0signals.{model}", organisation=org, family="family")
        hooks.menu_badges.register(for_me_badge)
