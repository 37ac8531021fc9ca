"""bench_dashboard runs end to end on a tiny organisation and prints its figures."""

from io import StringIO

from django.contrib.auth import get_user_model
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


def test_bench_region_fills_the_others_and_times_the_leads_pages(db):
    out = StringIO()
    options = {"families": 6, "observations": 30, "observers": 2, "other_families": 5}
    call_command(
        "bench_dashboard", **options, other_organisations=2, other_observations=20, stdout=out
    )
    text = out.getvalue()
    assert "andere organisaties: 2/2" in text
    for label in ("dashboard", "uitleg", "gezin (family page)", "gezinnen", "overzicht", "kale"):
        assert label in text.split("regio: ")[1]
    assert Family.objects.filter(organisation__name="Regio 002").count() == 5
    # The load test's people: the lead and three professionals of the first organisation.
    call_command(
        "bench_dashboard",
        **options,
        other_organisations=2,
        logins=1,
        fill_only=True,
        password="load-test-password-1",
        stdout=StringIO(),
    )
    User = get_user_model()
    for username in ("region_lead_001", "region_prof_001_1", "region_prof_001_3"):
        assert User.objects.get(username=username).check_password("load-test-password-1")
    assert User.objects.get(username="region_prof_001_2").family_teams.count() == 2
    assert not User.objects.filter(
        username="region_lead_002", password__startswith="argon"
    ).exists()
