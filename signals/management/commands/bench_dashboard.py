"""Measure the dashboard against its bare aggregate query, with many families (issue 5),
and the same organisation among a region's others against itself alone (issue 18).

DATABASE_URL=postgres://… manage.py bench_dashboard --families 10000 --observations 300000

Region scale: `--other-organisations 200` fills 200 other organisations (each
`--other-families` families, `--other-observations` observation rows; COPY on PostgreSQL)
beside the measured one; `--alone-database NAME` names a second database (migrated, on the
same server) that holds the measured organisation alone, filled from the same seed. The
pages are then timed in turns on both, so that the ratio shared/alone is measured back to
back. `--explain` prints EXPLAIN (ANALYZE, BUFFERS) of every query each page runs.
"""

import statistics
import time
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from families.models import Family, TeamMember, TeamReason
from organisations.models import Membership, Organisation, Role
from signals.accumulation import assess_families, tune_for_aggregates
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
# The region's other organisations, each with a lead of its own (the load test logs in as them).
OTHER = "Regio {:03d}"
OTHER_LEAD = "region_lead_{:03d}"


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
        parser.add_argument("--other-organisations", type=int, default=0)
        parser.add_argument("--other-families", type=int, default=1000)
        parser.add_argument("--other-observations", type=int, default=30000)
        parser.add_argument("--alone-database", default="")
        parser.add_argument("--explain", action="store_true")
        # For the load test's region scenario (loadtest/run.py, LOAD_REGION): the lead and
        # three professionals of each of the first N other organisations can log in.
        parser.add_argument("--logins", type=int, default=0)
        parser.add_argument("--password", default="stap0-demo-2026")
        parser.add_argument("--fill-only", action="store_true")

    def handle(self, *args, **options):
        # The test client logs in without a second factor; measuring the view, not the login.
        with override_settings(STAP0_REQUIRE_MFA=False):
            self.measure(options)

    def measure(self, options):
        organisation, lead = self.fill(options)
        if options["other_organisations"]:
            self.fill_others(options)
        self.analyze()
        if options["logins"]:
            self.logins(options)
        if options["fill_only"]:
            return
        alone = options["alone_database"]
        if alone:
            with on_database(alone):
                self.fill(options)
                self.analyze()
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
        if alone or options["other_organisations"] or options["explain"]:
            self.measure_pages(options, alone)
        if options["explain"]:
            self.explain(organisation, lead)

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
            self.filled = True
        return organisation, lead

    filled = False

    def analyze(self):
        """After a fill: fresh statistics (a bulk load leaves the planner guessing: the
        working list took 510-670 ms on a freshly filled database, 130 ms after ANALYZE)
        and, outside a transaction, VACUUM for the visibility map (index-only scans)."""
        if connection.vendor != "postgresql" or not self.filled:
            return
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        self.stdout.write(f"VACUUM ANALYZE: {time.perf_counter() - start:.1f} s")
        self.filled = False

    def fill_others(self, options):
        """The region's other organisations, each with a lead and professionals, filled once."""
        User = get_user_model()
        wanted = options["other_organisations"]
        start = time.perf_counter()
        for number in range(1, wanted + 1):
            organisation, _created = Organisation.objects.get_or_create(name=OTHER.format(number))
            if Family.objects.filter(organisation=organisation).exists():
                continue
            lead, _created = User.objects.get_or_create(username=OTHER_LEAD.format(number))
            Membership.objects.update_or_create(
                user=lead,
                organisation=organisation,
                defaults={"role": Role.LEAD, "is_active": True},
            )
            generate(
                organisation=organisation,
                families=options["other_families"],
                observations=options["other_observations"],
                observers=[lead],
                seed=options["seed"] + 1000 * number,
            )
            self.filled = True
            if number % 10 == 0 or number == wanted:
                elapsed = time.perf_counter() - start
                self.stdout.write(f"andere organisaties: {number}/{wanted} in {elapsed:.0f} s")
                self.stdout.flush()

    def logins(self, options):
        """Passwords for the lead and three professionals (`region_prof_NNN_K`, in the team
        of 60 families each, every third) of the first `--logins` other organisations."""
        User = get_user_model()
        for number in range(1, options["logins"] + 1):
            organisation = Organisation.objects.get(name=OTHER.format(number))
            people = [User.objects.get(username=OTHER_LEAD.format(number))]
            families = list(Family.objects.filter(organisation=organisation).order_by("pk"))
            for k in range(1, 4):
                user, _created = User.objects.get_or_create(
                    username=f"region_prof_{number:03d}_{k}"
                )
                Membership.objects.get_or_create(
                    user=user, organisation=organisation, defaults={"role": Role.PROFESSIONAL}
                )
                for family in families[k - 1 :: 3][:60]:
                    TeamMember.objects.get_or_create(
                        family=family, user=user, defaults={"reason": TeamReason.ADDED}
                    )
                people.append(user)
            for user in people:
                if not user.check_password(options["password"]):
                    user.set_password(options["password"])
                    user.save(update_fields=["password"])
        self.stdout.write(f"inloggen: {options['logins']} organisaties, elk 1 lead en 3 collega's")

    def pages(self, organisation, lead):
        """(label, url) of the pages a lead of `organisation` opens, for its busiest family."""
        family = (
            assess_families(
                Family.objects.filter(organisation=organisation),
                as_of=timezone.localdate(),
                organisations=[organisation],
            )
            .order_by("-status_rank", "-score", "name")
            .first()
        )
        return [
            ("dashboard", reverse("signals:dashboard")),
            ("uitleg (explanation)", reverse("signals:explanation", args=[family.public_id])),
            ("gezin (family page)", reverse("families:detail", args=[family.public_id])),
            ("gezinnen (family list)", reverse("families:list")),
            ("overzicht (overview)", reverse("signals:overview")),
        ]

    def setup_client(self):
        organisation = Organisation.objects.get(name=ORGANISATION)
        lead = get_user_model().objects.get(username=LEAD)
        client = Client()
        client.force_login(lead)
        pages = self.pages(organisation, lead)

        def bare():
            with transaction.atomic():
                tune_for_aggregates()
                sql, params = worklist_sql(
                    Family.objects.filter(organisation=organisation),
                    organisation=organisation,
                    today=timezone.localdate(),
                )
                with connection.cursor() as cursor:
                    cursor.execute(f"{sql} LIMIT %s", [*params, PAGE_SIZE])
                    cursor.fetchall()

        runs = [("kale query (bare)", bare)]
        for label, url in pages:
            runs.append((label, lambda url=url: check(client.get(url, secure=True), url)))
        return runs

    def measure_pages(self, options, alone):
        """Every page (and the bare query), in turns on the shared database and alone."""
        repeat = max(10, options["repeat"])
        databases = [connection.settings_dict["NAME"]] + ([alone] if alone else [])
        runs = {}
        for name in databases:
            with on_database(name):
                runs[name] = self.setup_client()
        times = {name: [[] for _ in runs[name]] for name in databases}
        for turn in range(repeat):
            order = databases if turn % 2 == 0 else databases[::-1]
            for name in order:
                with on_database(name):
                    for _label, run in runs[name]:  # warm-up after the new connection
                        run()
                    for (_label, run), measured in zip(runs[name], times[name], strict=True):
                        start = time.perf_counter()
                        run()
                        measured.append((time.perf_counter() - start) * 1000)
        shared = databases[0]
        families = Family.objects.filter(organisation__name=ORGANISATION).count()
        everything = (Organisation.objects.count(), Family.objects.count())
        self.stdout.write(
            f"regio: {everything[0]} organisaties, {everything[1]} gezinnen,"
            f" {Observation.objects.count()} observaties; gemeten organisatie: {families} gezinnen"
        )
        header = f"{'pagina (median of ' + str(repeat) + ')':<32} {'shared':>9}"
        self.stdout.write(header + (f" {'alone':>9} {'ratio':>6}" if alone else ""))
        for index, (label, _run) in enumerate(runs[shared]):
            shared_ms = statistics.median(times[shared][index])
            line = f"{label:<32} {shared_ms:8.1f}ms"
            if alone:
                alone_ms = statistics.median(times[alone][index])
                line += f" {alone_ms:8.1f}ms {shared_ms / alone_ms:6.2f}"
            self.stdout.write(line)
        dashboard_ms = statistics.median(times[shared][1])
        bare_ms = statistics.median(times[shared][0])
        self.stdout.write(f"dashboard / bare (shared):       {dashboard_ms / bare_ms:8.2f}")

    def explain(self, organisation, lead):
        """EXPLAIN (ANALYZE, BUFFERS) of every SELECT each page runs; the slowest at the end."""
        if connection.vendor != "postgresql":
            self.stdout.write("--explain: alleen op PostgreSQL")
            return
        client = Client()
        client.force_login(lead)
        slowest = []
        for label, url in self.pages(organisation, lead):
            with CaptureQueriesContext(connection) as captured:
                check(client.get(url, secure=True), url)
            self.stdout.write(f"\n==== {label}: {url} ({len(captured)} queries)")
            for query in captured:
                sql = query["sql"]
                if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                    continue
                with transaction.atomic(), connection.cursor() as cursor:
                    tune_for_aggregates()
                    cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                    plan = "\n".join(row[0] for row in cursor.fetchall())
                ms = float(plan.rsplit("Execution Time: ", 1)[1].split(" ")[0])
                slowest.append((ms, label, sql, plan))
                self.stdout.write(f"-- {ms:.2f} ms: {sql[:300]}\n{plan}\n")
        slowest.sort(key=lambda item: item[0], reverse=True)
        self.stdout.write("\n==== langzaamste queries")
        for ms, label, sql, _plan in slowest[:5]:
            self.stdout.write(f"{ms:8.2f} ms  {label}: {sql[:200]}")
        if slowest:
            self.stdout.write(f"\nplan van de langzaamste:\n{slowest[0][3]}")


def check(response, url):
    if response.status_code != 200:
        raise RuntimeError(f"{url}: HTTP {response.status_code}")
    return response


@contextmanager
def on_database(name):
    """The default connection on database `name` (same server and role) for a while."""
    previous = connection.settings_dict["NAME"]
    if name == previous:
        yield
        return
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = previous
