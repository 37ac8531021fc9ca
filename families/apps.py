from django.apps import AppConfig


class FamiliesConfig(AppConfig):
    name = "families"
    label = "families"
    verbose_name = "Gezinnen"
