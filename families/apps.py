from django.apps import AppConfig


class FamiliesConfig(AppConfig):
    name = "families"
    label = "families"
    verbose_name = "Gezinnen"

    def ready(self):
        # Fill the hooks of the floor below: organisations names no model of ours.
        from organisations import hooks
        from organisations.scoping import register_scope

        from .scoping import family_names

        register_scope("families.family", organisation="organisation", family="")
        for model in ("child", "networkmember", "chainpartner", "supportcheck"):
            register_scope(
                f"families.{model}", organisation="family__organisation", family="family"
            )
        hooks.family_names.register(family_names)
