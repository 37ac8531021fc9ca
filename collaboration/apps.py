from django.apps import AppConfig


class CollaborationConfig(AppConfig):
    """A top floor: working across organisations of one region (a samenwerkingsverband).

    Only match tokens cross the boundary until the parents consent; see the README's data map.
    """

    name = "collaboration"
    label = "collaboration"
    verbose_name = "Samenwerken"

    def ready(self):
        from families.services import child_identity_changed
        from organisations.scoping import register_scope
        from signals.observations.services import sharing_offered

        from .services import child_identity_changed as retoken
        from .services import takes_part

        child_identity_changed.register(retoken)
        sharing_offered.register(takes_part)

        register_scope(
            "collaboration.involvementsignal", organisation="organisation", family="family"
        )
        register_scope("collaboration.handover", organisation="to_organisation")
