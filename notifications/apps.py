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

        register_scope("notifications.notification", organisation="organisation", family="family")
        hooks.menu_badges.register(unread_badge)
