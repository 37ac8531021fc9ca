from django.apps import AppConfig


class DossierConfig(AppConfig):
    """A top floor: what composes all floors about one family (the complete file, the purge)."""

    name = "dossier"
    label = "dossier"
    verbose_name = "Dossier"
