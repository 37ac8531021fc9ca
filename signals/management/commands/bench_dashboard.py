"""Measure the dashboard against its bare aggregate query, with many families (issue 5).

DATABASE_URL=postgres://… manage.py bench_dashboard --families 10000 --observations 300000
"""

import statistics
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from families.models import Family
from organisations.models import Membership, Organisation, Role
from signals.accumulation import tune_for_aggregates
from signals.dashboard.selectors import PAGE_SIZE, worklist_sql
from signals.observations.models import Observation
from signals.synthetic import generate

ORGANISATION = "Benchmark"
FILTERS = [
    {"status": "accumulation"},
    {"section": "waiting"},
    {"marker": "never"},
    {"marker": "overdue"},
]
LEAD = "bench_lead"


def _medians_ms(runs, repeat):
    """The median time of each of `runs`, taken in turns, so that a busy moment of the
    machine weighs on all of them alike."""
    times = [[] for _ in runs]
    for _ in range(repeat):
        for run, measured in zip(runs, times, strict=True):
            start = time.perf_counter()
            run()
            measured.append((time.perf_counter() - start) * 1000)
    return [statistics.median(measured) for measured in times]


class Command(BaseCommand):
    help = "Vult de organisatie 'Benchmark' (eenmalig) en meet het dashboard tegen zijn kale query."

    def add_arguments(self, parser):
        parser.add_argument("--families", type=int, default=10000)
        parser.add_argument("--observations", type=int, default=300000)
        parser.add_argument("--observers", type=int, default=25)
        parser.add_argument("--repeat", type=int, default=10)
        parser.add_argument("--seed", type=int, default=0)

    def handle(self, *args, **options):
        # The test client logs in without a second factor; measuring the view, not the login.
        with override_settings(STAP0_REQUIRE_MFA=False):
            self.measure(options)

    def measure(self, options):
        organisation, lead = self.fill(options)
        repeat = max(10, options["repeat"])
        client = Client()
        client.force_login(lead)
        url = reverse("signals:dashboard")
        response = client.get(url, secure=True)  # warm-up (and a check that it works)
        if response.status_code != 200:
            self.stderr.write(f"dashboard gaf HTTP {response.status_code}")
            return
        with CaptureQueriesContext(connection) as captured:
            client.get(url, secure=True)
        query_count = len(captured)

        today = timezone.localdate()

        def bare():
            # The view's own query, in a transaction tuned the way the view tunes it: every
            # family's figures and section, the first page, the counts on top beside each row.
            with transaction.atomic():
                tune_for_aggregates()
                sql, params = worklist_sql(
                    Family.objects.filter(organisation=organisation),
                    organisation=organisation,
                    today=today,
                )
                with connection.cursor() as cursor:
                    cursor.execute(f"{sql} LIMIT %s", [*params, PAGE_SIZE])
                    cursor.fetchall()

        bare()
        view_ms, bare_ms = _medians_ms([lambda: client.get(url, secure=True), bare], repeat)
        families = Family.objects.filter(organisation=organisation).count()
        observations = Observation.objects.filter(family__organisation=organisation).count()
        reset_queries()
        self.stdout.write(f"database:           {connection.vendor}")
        self.stdout.write(f"families:           {families}")
        self.stdout.write(f"observations:       {observations}")
        self.stdout.write(f"dashboard (median of {repeat}): {view_ms:8.1f} ms")
        self.stdout.write(f"bare query (median of {repeat}): {bare_ms:8.1f} ms")
        self.stdout.write(f"ratio:              {view_ms / bare_ms:8.2f}")
        self.stdout.write(f"queries per view:   {query_count}")
        # The filters a lead uses: each needs the figures of every family for its count too.
        filtered = [lambda query=query: client.get(url, query, secure=True) for query in FILTERS]
        for query, ms in zip(FILTERS, _medians_ms(filtered, repeat), strict=True):
            label = f"dashboard ?{next(iter(query))}={next(iter(query.values()))}"
            self.stdout.write(f"{label:<32} {ms:8.1f} ms (median of {repeat})")
        self.stdout.write(f"DEBUG:              {settings.DEBUG}")

    def fill(self, options):
        User = get_user_model()
        organisation, _created = Organisation.objects.get_or_create(name=ORGANISATION)
        lead, _created = User.objects.get_or_create(
            username=LEAD, defaults={"first_name": "Bench", "last_name": "Lead"}
        )
        Membership.objects.update_or_create(
            user=lead, organisation=organisation, defaults={"role": Role.LEAD, "is_active": True}
        )
        observers = [lead]
        for i in range(options["observers"]):
            user, _created = User.objects.get_or_create(username=f"bench_prof{i:02d}")
            Membership.objects.get_or_create(
                user=user, organisation=organisation, defaults={"role": Role.PROFESSIONAL}
            )
            observers.append(user)
        existing = Family.objects.filter(organisation=organisation).count()
        missing = options["families"] - existing
        if missing > 0:
            start = time.perf_counter()
            have = Observation.objects.filter(family__organisation=organisation).count()
            per_family = options["observations"] / options["families"]
            generate(
                organisation=organisation,
                families=missing,
                observations=max(0, min(options["observations"] - have, int(missing * per_family))),
                observers=observers,
                seed=options["seed"] + existing,
            )
            self.stdout.write(f"gevuld: {missing} gezinnen in {time.perf_counter() - start:.1f} s")
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    # VACUUM sets the visibility map (index-only scans); not inside a transaction.
                    cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        return organisation, lead
