from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """A floor between families and signals: what asks something of a person reaches them
    (a count on every page, a list, a content-free e-mail digest). The floors above emit
    the events (`notifications.services.notify`); this floor stores, shows and mails them."""

    name = "notifications"
    label = "notifications"
    verbose_name = "Berichten"

    def ready(self):
        from organisations import hooks
        from organisations.scoping import register_scope

        from .selectors import unread_badge

        # A notification is its recipient's own, like an author's entry: the scoping keeps
        # the family (a refused one goes in that family's access log) and lets the recipient
        # through; `selectors.visible_notifications` then shows only those about families
        # they read, and a decision, which points to "Mijn signalen".
        register_scope(
            "notifications.notification",
            organisation="organisation",
            family="family",
            author="recipient",
        )
        hooks.menu_badges.register(unread_badge)
