"""Two signals for the same child raised at the same moment make one match (PostgreSQL:
SQLite serialises every write and cannot race)."""

import threading
import time

import pytest
from django.db import connection, connections

from collaboration import services
from collaboration.models import Match


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_signals_make_one_match(
    monkeypatch, region, family_a, family_b, professional_a, professional_b, today
):
    if connection.vendor != "postgresql":
        pytest.skip("a race needs PostgreSQL")
    barrier = threading.Barrier(2)
    # Widen the window between a signal's insert and its matching: without the slot's lock
    # both transactions would miss each other and make no match at all.
    original = services._match

    def slow_match(signal, slot):
        time.sleep(0.5)
        return original(signal, slot)

    monkeypatch.setattr(services, "_match", slow_match)
    errors = []

    def raise_signal(child, user):
        try:
            barrier.wait()
            services.signal_raise(child=child, raised_by=user, parents_informed_on=today)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=raise_signal, args=(family_a[1], professional_a)),
        threading.Thread(target=raise_signal, args=(family_b[1], professional_b)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Match.objects.count() == 1
