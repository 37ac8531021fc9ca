from django.apps import AppConfig
from django.core import checks


class OrganisationsConfig(AppConfig):
    name = "organisations"
    label = "organisations"
    verbose_name = "Organisaties"

    def ready(self):
        from organisations.triggers import check_triggers

        checks.register(check_triggers, checks.Tags.database)
