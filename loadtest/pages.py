"""`make pages`: how fast the pages people open most are, beside the login page.

A fresh PostgreSQL database with the demo (no scaling), the production settings
(`DEBUG=0`), gunicorn with 3 sync workers; logged in as the demo lead and as a demo
professional, `wrk` (Debian's package) with 8 connections asks for each page for a
while, the session cookie passed as a header, each run right after one on the login
page. Printed per page: requests per second, the ratio to the login page (each run
against the login run just before it, so that a shared machine's load hits both), the
median latency under load, the server time of one request on its own (median of a few
sequential requests), the processor time per request of gunicorn's workers and of
PostgreSQL (read from /proc: what the page costs, whatever else the machine does) and
the number of database queries one request makes (Django's test client).

Environment (all optional):
    PAGES_DATABASE_URL  postgres://stap0:stap0@127.0.0.1:5432/stap0_pages; dropped and
                        created again at every run, so its name must contain "pages"
    PAGES_SECONDS       5      wrk's duration per run
    PAGES_ROUNDS        2      runs per page, each right after a run on the login page
    PAGES_CONNECTIONS   8      wrk's connections (and threads: 2)
    PAGES_WORKERS       3      gunicorn sync workers
    PAGES_SAMPLES       15     sequential requests for the server time
    WRK                 wrk    the wrk binary
"""

import http.cookiejar
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from forms import find_form, submission
from server import PYTHON, ROOT, Gunicorn, environment, free_port, manage

DEFAULT_DATABASE = "postgres://stap0:stap0@127.0.0.1:5432/stap0_pages"
LEAD, PROFESSIONAL = "lead", "leerkracht"

# (label, user, URL name, needs the family's id); the login page is the yardstick.
PAGES = [
    ("login", None, "login", False),
    ("family page", LEAD, "families:detail", True),
    ("family list", LEAD, "families:list", False),
    ("observation form", LEAD, "signals:family_observation_create", True),
    ("dashboard", LEAD, "signals:dashboard", False),
    ("explanation", LEAD, "signals:explanation", True),
    ("family page (prof.)", PROFESSIONAL, "families:detail", True),
    ("family list (prof.)", PROFESSIONAL, "families:list", False),
    ("observation form (prof.)", PROFESSIONAL, "signals:family_observation_create", True),
]

# Run inside Django (`manage.py shell`): the family to look at and every page's path.
# The family: of the demo school, the one with the most observations among those the
# professional logged about (so that both may open it under need-to-know too).
PATHS_SCRIPT = """
import json
from django.db.models import Count
from django.urls import reverse
from families.models import Family
from django.contrib.auth import get_user_model
from demo.people import DEMO_PASSWORD
prof = get_user_model().objects.get(username={professional!r})
family = (
    Family.objects.filter(observations__observer=prof)
    .annotate(n=Count("observations", distinct=True))
    .order_by("-n", "name")
    .first()
)
out = {{"family": family.name, "observations": family.observations.count()}}
out["password"] = DEMO_PASSWORD
for name, needs in {names!r}:
    if needs:
        key = "family_id" if name.startswith("signals:") else "public_id"
        out[name] = reverse(name, kwargs={{key: family.public_id}})
    else:
        out[name] = reverse(name)
print("PATHS " + json.dumps(out))
"""

# Run inside Django: the number of queries of one request per page, by the test client.
QUERIES_SCRIPT = """
import json
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
pages = json.loads({pages!r})
users = get_user_model().objects
out = {{}}
clients = {{}}
for label, username, path in pages:
    client = clients.get(username)
    if client is None:
        client = clients[username] = Client(HTTP_HOST="127.0.0.1")
        if username:
            client.force_login(users.get(username=username))
    client.get(path)  # the first request of a session sets it up
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    out[label] = [status, len(queries)]
print("QUERIES " + json.dumps(out))
"""


def fresh_database(database_url):
    """Drop and create the database: every run starts from the same demo."""
    import psycopg

    url = urllib.parse.urlparse(database_url)
    name = url.path.lstrip("/")
    if "pages" not in name:
        raise SystemExit(f"De database van dit script heet '...pages...', niet {name}")
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def django_output(env, script, marker):
    """Run `script` in `manage.py shell` and read the JSON after `marker`."""
    done = subprocess.run(  # noqa: S603 - our own manage.py, a fixed script
        [PYTHON, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    for line in done.stdout.splitlines():
        if line.startswith(marker + " "):
            return json.loads(line[len(marker) + 1 :])
    raise SystemExit(f"geen {marker} in:\n{done.stdout}\n{done.stderr}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def session(base, username, password):
    """A logged-in session through the real login form: the cookies as a header value."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{base}/inloggen/") as r:
        html = r.read().decode()
    form = find_form(html, "username")
    data = submission(form, username=username, password=password)
    body = urllib.parse.urlencode(data).encode()
    with opener.open(f"{base}/inloggen/", data=body) as r:
        if "/inloggen/" in r.url:
            raise SystemExit(f"inloggen als {username} lukte niet")
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def fetch(base, path, cookie):
    """(status, seconds) of one GET, without following a redirect."""
    opener = urllib.request.build_opener(NoRedirect)
    headers = {"Cookie": cookie} if cookie else {}
    request = urllib.request.Request(f"{base}{path}", headers=headers)  # noqa: S310 - http only
    start = time.perf_counter()
    try:
        with opener.open(request) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    return status, time.perf_counter() - start


def server_ms(base, path, cookie, samples):
    """The median time of `samples` requests one after the other (the server on its own)."""
    times = []
    for _ in range(samples):
        status, seconds = fetch(base, path, cookie)
        if status != 200:
            raise SystemExit(f"{path}: status {status}")
        times.append(seconds * 1000)
    return statistics.median(times)


def run_wrk(wrk, base, path, cookie, *, seconds, connections):
    """(requests, requests per second, median latency in ms, non-2xx) of one wrk run."""
    command = [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    done = subprocess.run(  # noqa: S603 - wrk, fixed arguments
        [*command, f"{base}{path}"], capture_output=True, text=True, check=True
    )
    out = done.stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    median = re.search(r"50%\s+([\d.]+)(us|ms|s)\b", out)
    factor = {"us": 0.001, "ms": 1, "s": 1000}[median.group(2)] if median else 0
    latency = float(median.group(1)) * factor if median else 0.0
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return requests, rate, latency, int(bad.group(1)) if bad else 0


def cpu_seconds(pids):
    """User + system CPU time of these processes so far (Linux /proc), by pid."""
    ticks = os.sysconf("SC_CLK_TCK")
    found = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / ticks
    return found


class CpuMeter:
    """CPU time that gunicorn's workers and the database's server processes spend: a cost
    per request that other work on a shared machine hardly changes, unlike requests/s."""

    def __init__(self, server, database_url):
        import psycopg

        self.server = server
        self.name = urllib.parse.urlparse(database_url).path.lstrip("/")
        admin = urllib.parse.urlparse(database_url)._replace(path="/postgres").geturl()
        self.conn = psycopg.connect(admin, autocommit=True)

    def _pids(self):
        backends = self.conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s", [self.name]
        ).fetchall()
        return self.server.worker_pids(), [pid for (pid,) in backends]

    def start(self):
        app, db = self._pids()
        return cpu_seconds(app), cpu_seconds(db)

    def since(self, before):
        """(app seconds, database seconds) since `before` (processes that ended are lost)."""
        app, db = self._pids()
        spent = []
        for now, then in zip((cpu_seconds(app), cpu_seconds(db)), before, strict=True):
            spent.append(sum(t - then.get(pid, 0.0) for pid, t in now.items()))
        return tuple(spent)

    def close(self):
        self.conn.close()


def load_average():
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def measure(wrk, server, meter, path, cookie, *, seconds, connections, label):
    """One wrk run: requests/s, median latency and CPU ms per request (app, database)."""
    before = meter.start()
    requests, rate, latency, bad = run_wrk(
        wrk, server.url, path, cookie, seconds=seconds, connections=connections
    )
    app, db = meter.since(before)
    if bad:
        raise SystemExit(f"{label}: {bad} antwoorden zonder 2xx/3xx")
    status, _s = fetch(server.url, path, cookie)
    if status != 200:
        raise SystemExit(f"{label}: status {status} na wrk (sessie verlopen?)")
    per = 1000 / max(requests, 1)
    return {"rate": rate, "latency": latency, "app": app * per, "db": db * per}


def run_pages(server, meter, wrk, paths, cookies, *, seconds, connections, rounds, samples):
    """Per page `rounds` times: wrk on the login page, then on the page right after it, so
    that each page's ratio compares two runs under the same load of the machine."""
    login_path = paths["login"]
    rows = []
    for label, username, name, _needs in PAGES[1:]:
        path, cookie = paths[name], cookies[username]
        fetch(server.url, path, cookie)  # warm up this page in every worker
        ms = server_ms(server.url, path, cookie, samples)
        runs, logins = [], []
        for _ in range(rounds):
            options = {"seconds": seconds, "connections": connections}
            logins.append(measure(wrk, server, meter, login_path, "", label="login", **options))
            runs.append(measure(wrk, server, meter, path, cookie, label=label, **options))
        rows.append(
            {
                "label": label,
                "path": path,
                "user": username,
                "ms": ms,
                "runs": runs,
                "logins": logins,
            }
        )
        rate = statistics.median(r["rate"] for r in runs)
        print(f"   {label:<26} {rate:7.1f} req/s")
    return rows


def main():
    wrk = os.environ.get("WRK") or shutil.which("wrk")
    if not wrk:
        raise SystemExit("wrk ontbreekt: apt-get install wrk")
    database_url = os.environ.get("PAGES_DATABASE_URL") or DEFAULT_DATABASE
    options = {
        "seconds": int(os.environ.get("PAGES_SECONDS", "5")),
        "connections": int(os.environ.get("PAGES_CONNECTIONS", "8")),
        "rounds": int(os.environ.get("PAGES_ROUNDS", "2")),
        "samples": int(os.environ.get("PAGES_SAMPLES", "15")),
    }
    workers = int(os.environ.get("PAGES_WORKERS", "3"))

    fresh_database(database_url)
    env = environment(database_url)
    print(f"== voorbereiden: {database_url.rsplit('@', 1)[-1]} (nieuw), demo")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo", "--quiet-logins")
    manage(env, "collectstatic", "--noinput", "-v0")
    names = sorted({(name, needs) for _label, _user, name, needs in PAGES})
    paths = django_output(env, PATHS_SCRIPT.format(professional=PROFESSIONAL, names=names), "PATHS")
    print(f"== gezin: {paths['family']} ({paths['observations']} observaties)")

    server = Gunicorn(env, free_port(), workers=workers, log_name="pages-gunicorn")
    print(f"== gunicorn ({workers} workers) op {server.url}")
    server.start()
    meter = CpuMeter(server, database_url)
    try:
        cookies = {None: ""}
        for username in (LEAD, PROFESSIONAL):
            cookies[username] = session(server.url, username, paths["password"])
        login_ms = server_ms(server.url, paths["login"], "", options["samples"])
        load_before = load_average()
        rows = run_pages(server, meter, wrk, paths, cookies, **options)
        load_after = load_average()
    finally:
        meter.close()
        server.stop()
    queries = django_output(
        env,
        QUERIES_SCRIPT.format(
            pages=json.dumps(
                [["login", None, paths["login"]]]
                + [[r["label"], r["user"], r["path"]] for r in rows]
            )
        ),
        "QUERIES",
    )
    report(rows, queries, login_ms=login_ms, workers=workers, **options)
    print(f"load average voor/na: {load_before} / {load_after} ({os.cpu_count()} cores)")
    return 0


def _median(runs, key):
    return statistics.median(r[key] for r in runs)


def report(rows, queries, *, login_ms, **run):
    print()
    print(
        "stap0 pagina's: wrk {connections} verbindingen, {rounds}x {seconds}s per pagina na "
        "{rounds}x {seconds}s op de inlogpagina, gunicorn {workers} workers, PostgreSQL, "
        "DEBUG=0, demo".format(**run)
    )
    header = (
        f"{'pagina':<26} {'req/s':>7} {'login/x':>7} {'p50 (wrk)':>10} {'server':>8} "
        f"{'cpu app':>8} {'cpu db':>7} {'cpu/x':>6} {'queries':>7}"
    )
    print(header)
    print("-" * len(header))
    logins = [run for row in rows for run in row["logins"]]
    login_cpu = _median(logins, "app") + _median(logins, "db")
    lines = [
        (
            "login",
            logins,
            [1.0],
            login_ms,
        )
    ]
    for row in rows:
        ratios = [
            login["rate"] / page["rate"]
            for login, page in zip(row["logins"], row["runs"], strict=True)
            if page["rate"]
        ]
        lines.append((row["label"], row["runs"], ratios, row["ms"]))
    for label, runs, ratios, ms in lines:
        cpu = _median(runs, "app") + _median(runs, "db")
        status, count = queries.get(label, [0, 0])
        count_text = str(count) if status == 200 else f"({status})"
        print(
            f"{label:<26} {_median(runs, 'rate'):7.1f} {statistics.median(ratios):6.1f}x "
            f"{_median(runs, 'latency'):8.1f}ms {ms:6.1f}ms {_median(runs, 'app'):6.1f}ms "
            f"{_median(runs, 'db'):5.1f}ms {cpu / login_cpu:5.1f}x {count_text:>7}"
        )
    print()
    print("login/x: req/s van de inlogpagina gedeeld door die van de pagina, elk in de run")
    print("vlak voor de pagina (mediaan); server: mediaan van losse verzoeken na elkaar;")
    print("cpu app / cpu db: processortijd per verzoek van de gunicorn-workers en van")
    print("PostgreSQL; cpu/x: die samen, gedeeld door die van de inlogpagina; queries: per")
    print("verzoek (Django's testclient).")


if __name__ == "__main__":
    sys.exit(main())
