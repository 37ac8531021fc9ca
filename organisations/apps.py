from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "organisations"
    label = "organisations"
    verbose_name = "Organisaties"
