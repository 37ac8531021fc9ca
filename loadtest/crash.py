"""`make crashtest`: kill -9 gunicorn while colleagues log observations, then count what survived.

A few client threads log observations through the real form, each with a unique token in
its description, and remember which ones the server acknowledged (302 after the POST).
Meanwhile the script kills every gunicorn worker with SIGKILL, later the master (and what
is left of its process group, as in a power cut), and starts gunicorn again. At the end it
checks in PostgreSQL that every acknowledged observation is there exactly once, that no token
is stored twice, and that nothing is half-written: each stored observation is a complete
first version (its own chain, a category, its family's last activity not before it) with
exactly one "create" line in the access log.

Environment: DATABASE_URL (default postgres://stap0:stap0@127.0.0.1:5432/stap0_crash, created
when missing), CRASH_THREADS (8), CRASH_PHASE_SECONDS (4), CRASH_ROUNDS (3 rounds of killing
the workers before the master).
"""

import os
import random
import re
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
import forms
from server import Gunicorn, ensure_database, environment, free_port, manage

DEFAULT_DATABASE = "postgres://stap0:stap0@127.0.0.1:5432/stap0_crash"
PASSWORD = "stap0-demo-2026"  # noqa: S105 - the demo's printed password


class Writer(threading.Thread):
    """One colleague logging observations as fast as the server lets them."""

    def __init__(self, base_url, username, run_id, number, stop):
        super().__init__(daemon=True)
        self.base_url, self.username, self.run_id, self.number = base_url, username, run_id, number
        self.stop = stop
        self.session = None
        self.families = []
        self.attempted = []  # every token posted
        self.acknowledged = []  # tokens the server answered with a redirect
        self.refused = []  # tokens answered with the form again (bad input: nothing saved)
        self.errors = Counter()  # what went wrong on the way (connection refused, 502...)

    def login(self):
        self.session = requests.Session()
        page = self.session.get(f"{self.base_url}/inloggen/", timeout=10)
        response = self.session.post(
            f"{self.base_url}/inloggen/",
            data={
                "csrfmiddlewaretoken": forms.csrf_token(page.text),
                "username": self.username,
                "password": PASSWORD,
                "next": "",
            },
            allow_redirects=False,
            timeout=10,
        )
        if response.status_code != 302:
            raise RuntimeError(f"login {self.username}: {response.status_code}")
        listing = self.session.get(f"{self.base_url}/gezinnen/", timeout=10)
        self.families = forms.links(listing.text, "/gezinnen/{uuid}/")
        if not self.families:
            raise RuntimeError(f"{self.username} ziet geen gezinnen")

    def run(self):
        seq = 0
        while not self.stop.is_set():
            try:
                if self.session is None:
                    self.login()
                family = random.choice(self.families)
                path = f"{self.base_url}/signalen/gezin/{family}/vastleggen/"
                page = self.session.get(path, timeout=10)
                if "/inloggen/" in page.url:
                    self.session = None
                    continue
                form = forms.find_form(page.text, "description")
                categories = forms.options(form, "category") if form else []
                if page.status_code != 200 or not categories:  # e.g. cut off by a kill
                    self.errors[f"form {page.status_code}"] += 1
                    time.sleep(0.1)
                    continue
                seq += 1
                token = f"crash-{self.run_id}-{self.number}-{seq}"
                data = forms.submission(
                    form,
                    category=random.choice(categories),
                    severity=str(random.randint(1, 3)),
                    description=f"Waargenomen tijdens de crashtest. [{token}]",
                    acute=None,
                )
                self.attempted.append(token)
                response = self.session.post(path, data=data, allow_redirects=False, timeout=10)
                if response.status_code == 302:
                    self.acknowledged.append(token)
                elif response.status_code == 200:
                    self.refused.append(token)
                    self.errors[f"refused: {forms.form_errors(response.text)[:80]}"] += 1
                else:
                    self.errors[f"post {response.status_code}"] += 1
            except requests.RequestException as exc:
                self.errors[type(exc).__name__] += 1
                time.sleep(0.1)
            except Exception as exc:  # noqa: BLE001 - keep writing; count what went wrong
                self.errors[f"{type(exc).__name__}: {exc}"[:80]] += 1
                self.session = None
                time.sleep(0.2)


def main():
    database_url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE
    threads = int(os.environ.get("CRASH_THREADS", "8"))
    phase = float(os.environ.get("CRASH_PHASE_SECONDS", "4"))
    rounds = int(os.environ.get("CRASH_ROUNDS", "3"))
    ensure_database(database_url)
    env = environment(database_url)
    print(f"== voorbereiden: {database_url.rsplit('@', 1)[-1]}")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo", "--quiet-logins")
    manage(env, "scale_demo", "--families", "40", "--colleagues", str(threads))
    manage(env, "collectstatic", "--noinput", "-v0")

    run_id = uuid.uuid4().hex[:8]
    server = Gunicorn(env, free_port(), workers=3, log_name="crash-gunicorn").start()
    stop = threading.Event()
    writers = [
        Writer(server.url, f"collega{n:02d}", run_id, n, stop) for n in range(1, threads + 1)
    ]
    for writer in writers:
        writer.start()
    try:
        time.sleep(phase)
        # The master replaces killed workers at once; kill the new ones too, at odd moments,
        # so that some die in the middle of a request's transaction.
        for n in range(rounds):
            pids = server.kill_workers()
            print(f"== kill -9 workers {pids} (ronde {n + 1})")
            time.sleep(random.uniform(0.3, 1.2) if n < rounds - 1 else phase)
        print(f"== kill -9 master {server.process.pid} en wat er van de groep over is")
        server.kill_master()
        time.sleep(1)
        print("== gunicorn opnieuw starten")
        server.start()
        time.sleep(phase)
    finally:
        stop.set()
        for writer in writers:
            writer.join(timeout=15)
        server.stop()
    return check(env, run_id, writers)


def check(env, run_id, writers):
    _setup_django(env)
    from signals.models import Observation

    stored = Observation.objects.filter(description__contains=f"[crash-{run_id}-")
    tokens = _stored_tokens(stored, run_id)
    sent = _sent(writers)
    figures = {**_delivery(tokens, sent), **_integrity(stored), **_access_log(stored)}
    _report(run_id, writers, tokens, sent, figures)
    bad = any(figures[name] for name in PROBLEMS) or not sent["acknowledged"]
    print("  UITKOMST: " + ("NIET IN ORDE" if bad else "in orde: niets kwijt, niets dubbel"))
    return 1 if bad else 0


# The figures that must all be zero (and at least one write acknowledged).
PROBLEMS = (
    "missing",
    "duplicates",
    "incomplete",
    "stale_family",
    "unprojected",
    "without_log",
    "double_log",
    "orphans",
)


def _setup_django(env):
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()


def _stored_tokens(stored, run_id):
    """How often each writer's token is in the database."""
    tokens = Counter()
    pattern = re.compile(rf"\[(crash-{run_id}-\d+-\d+)\]")
    for description in stored.values_list("description", flat=True):
        tokens[pattern.search(description).group(1)] += 1
    return tokens


def _sent(writers):
    """What the writers posted and heard back, all together."""
    sent = {"attempted": [], "acknowledged": [], "refused": [], "errors": Counter()}
    for w in writers:
        sent["attempted"] += w.attempted
        sent["acknowledged"] += w.acknowledged
        sent["refused"] += w.refused
        sent["errors"].update(w.errors)
    return sent


def _delivery(tokens, sent):
    acknowledged = sent["acknowledged"]
    known = set(acknowledged)
    return {
        "missing": [t for t in acknowledged if tokens[t] == 0],
        "duplicates": [t for t, n in tokens.items() if n > 1],
        "unacknowledged_stored": [t for t in tokens if t not in known],
    }


def _integrity(stored):
    from django.db.models import Exists, F, OuterRef, Q

    from signals.models import LatestObservation

    # Half-written: a row that is not a whole first version, or whose family's last
    # activity was not moved with it (both are written in the same transaction).
    incomplete = stored.filter(
        Q(amends__isnull=False) | ~Q(chain=F("public_id")) | Q(category__isnull=True)
    ).count()
    stale_family = stored.filter(family__last_activity_at__lt=F("created_at")).count()
    # The dashboard scores from LatestObservation, written by a trigger in the same
    # transaction: every stored observation (each a chain of its own here) must have its row.
    unprojected = stored.exclude(
        Exists(
            LatestObservation.objects.filter(chain=OuterRef("chain"), observation=OuterRef("pk"))
        )
    ).count()
    return {"incomplete": incomplete, "stale_family": stale_family, "unprojected": unprojected}


def _access_log(stored):
    from django.db.models import Count

    from organisations.models import AccessLogEntry
    from signals.models import Observation

    public_ids = [str(p) for p in stored.values_list("public_id", flat=True)]
    log_counts = Counter(
        AccessLogEntry.objects.filter(
            action="create", object_type="observation", object_id__in=public_ids
        ).values_list("object_id", flat=True)
    )
    orphans = (
        AccessLogEntry.objects.filter(action="create", object_type="observation")
        .exclude(
            object_id__in=[str(p) for p in Observation.objects.values_list("public_id", flat=True)]
        )
        .aggregate(n=Count("id"))["n"]
    )
    return {
        "without_log": sum(1 for p in public_ids if log_counts[p] == 0),
        "double_log": sum(1 for p in public_ids if log_counts[p] > 1),
        "orphans": orphans,
    }


def _report(run_id, writers, tokens, sent, figures):
    attempted, acknowledged = sent["attempted"], sent["acknowledged"]
    print()
    print(f"stap0 crashtest {run_id}: {len(writers)} schrijvers, PostgreSQL")
    print(f"  pogingen (POST verstuurd)            {len(attempted)}")
    print(f"  bevestigd (302)                      {len(acknowledged)}")
    print(f"  geweigerd (formulier terug)          {len(sent['refused'])}")
    unanswered = len(attempted) - len(acknowledged) - len(sent["refused"])
    print(f"  zonder antwoord (server gedood)      {unanswered}")
    print(f"  gevonden in de database              {sum(tokens.values())}")
    once = sum(1 for t in acknowledged if tokens[t] == 1)
    print(f"  bevestigd en precies 1x gevonden     {once}")
    print(f"  bevestigd maar ontbrekend            {len(figures['missing'])}")
    print(f"  dubbel opgeslagen                    {len(figures['duplicates'])}")
    lost = len(figures["unacknowledged_stored"])
    print(f"  opgeslagen zonder bevestiging        {lost} (antwoord verloren)")
    print(f"  half geschreven observaties          {figures['incomplete']}")
    print(f"  gezin: laatste activiteit te oud     {figures['stale_family']}")
    print(f"  zonder rij voor het dashboard        {figures['unprojected']}")
    log = (figures["without_log"], figures["double_log"])
    print(f"  zonder / dubbele toegangslogregel    {log[0]} / {log[1]}")
    print(f"  logregel zonder observatie           {figures['orphans']}")
    if sent["errors"]:
        print("  onderweg: " + ", ".join(f"{k} x{v}" for k, v in sent["errors"].most_common(6)))


if __name__ == "__main__":
    sys.exit(main())
