"""bench_dashboard runs end to end on a tiny organisation and prints its figures."""

from io import StringIO

from django.core.management import call_command

from families.models import Family


def test_bench_fills_once_and_prints_both_timings(db):
    out = StringIO()
    call_command("bench_dashboard", families=6, observations=30, observers=2, stdout=out)
    text = out.getvalue()
    for label in ("dashboard (median of 10)", "bare query (median of 10)", "ratio", "queries"):
        assert label in text
    call_command("bench_dashboard", families=6, observations=30, observers=2, stdout=StringIO())
    assert Family.objects.filter(organisation__name="Benchmark").count() == 6
