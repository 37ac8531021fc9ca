from django.apps import AppConfig


class LearningConfig(AppConfig):
    """A top floor: learning together (issue 20). Team consultations with anonymised
    vignettes and the team's page "wat werkte"; both are boundaries (README, data map)."""

    name = "learning"
    label = "learning"
    verbose_name = "Samen leren"

    def ready(self):
        from notifications import hooks as notification_hooks
        from organisations.scoping import register_scope
        from signals.catalogue import hooks as catalogue_hooks
        from signals.dashboard import hooks as dashboard_hooks

        from . import due, panels

        register_scope("learning.consultation", organisation="organisation")
        # A vignette is anonymised: every professional of the organisation reads it; its
        # link back to the family follows need-to-know (views._vignettes).
        register_scope("learning.vignette", organisation="consultation__organisation")
        # The contact person's own lines are of the family's file; the approved version is
        # read through find_only (selectors.approved_items).
        register_scope("learning.whatworked", organisation="organisation", family="family")
        notification_hooks.due_events.register(due.invite_due)
        catalogue_hooks.category_panels.register(panels.category_panel)
        dashboard_hooks.overview_panels.register(panels.overview_panel)
