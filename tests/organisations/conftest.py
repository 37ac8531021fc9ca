import importlib

import pytest


@pytest.fixture
def shipped_catalogue(transactional_db):
    """The shipped catalogue for a transactional test: the data migration's rows are flushed
    after each such test, so load them again when an earlier one took them."""
    from django.apps import apps

    from signals.models import SignalCategory

    if not SignalCategory.objects.filter(organisation__isnull=True).exists():
        importlib.import_module("signals.migrations.0002_shipped_catalogue").load_catalogue(
            apps, None
        )
    return SignalCategory.objects.filter(organisation__isnull=True)
