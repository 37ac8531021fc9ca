from django.apps import AppConfig


class FamiliesConfig(AppConfig):
    name = "families"
    label = "families"
    verbose_name = "Gezinnen"

    def ready(self):
        # Fill the hooks of the floor below: organisations names no model of ours.
        from organisations import hooks
        from organisations.scoping import register_file_rule, register_scope

        from .scoping import family_names, file_rule
        from .selectors import access_request_badge

        register_scope("families.family", organisation="organisation", family="")
        for model in (
            *("child", "networkmember", "chainpartner", "teammember"),
            "supportcheck",
        ):
            register_scope(
                f"families.{model}", organisation="family__organisation", family="family"
            )
        # The one who asked, or who opened the file, sees their own request or opening.
        register_scope(
            "families.accessrequest",
            organisation="family__organisation",
            family="family",
            author="requested_by",
        )
        register_scope(
            "families.glassbreak",
            organisation="family__organisation",
            family="family",
            author="user",
        )
        # Need-to-know: who reads which family's file.
        register_file_rule(file_rule)
        hooks.family_names.register(family_names)
        hooks.menu_badges.register(access_request_badge)
