"""`make pages`: how fast the pages people open most are, beside the login page.

A fresh PostgreSQL database with the demo (no scaling), the production settings
(`DEBUG=0`), gunicorn with 3 sync workers; logged in as the demo lead and as a demo
professional, `wrk` (Debian's package) with 8 connections asks for each page for a
while, the session cookie passed as a header. Printed per page: requests per second,
the ratio to the login page, the median latency under load, the server time of one
request on its own (median of a few sequential requests) and the number of database
queries one request makes (Django's test client against the same database).

Environment (all optional):
    PAGES_DATABASE_URL  postgres://stap0:stap0@127.0.0.1:5432/stap0_pages; dropped and
                        created again at every run, so its name must contain "pages"
    PAGES_SECONDS       10     wrk's duration per page
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
    """(requests per second, median latency in ms, non-2xx responses) of one wrk run."""
    command = [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    done = subprocess.run(  # noqa: S603 - wrk, fixed arguments
        [*command, f"{base}{path}"], capture_output=True, text=True, check=True
    )
    out = done.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    median = re.search(r"50%\s+([\d.]+)(us|ms|s)\b", out)
    factor = {"us": 0.001, "ms": 1, "s": 1000}[median.group(2)] if median else 0
    latency = float(median.group(1)) * factor if median else 0.0
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return rate, latency, int(bad.group(1)) if bad else 0


def load_average():
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def main():
    wrk = os.environ.get("WRK") or shutil.which("wrk")
    if not wrk:
        raise SystemExit("wrk ontbreekt: apt-get install wrk")
    database_url = os.environ.get("PAGES_DATABASE_URL") or DEFAULT_DATABASE
    seconds = int(os.environ.get("PAGES_SECONDS", "10"))
    connections = int(os.environ.get("PAGES_CONNECTIONS", "8"))
    workers = int(os.environ.get("PAGES_WORKERS", "3"))
    samples = int(os.environ.get("PAGES_SAMPLES", "15"))

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
    rows = []
    try:
        cookies = {None: ""}
        for username in (LEAD, PROFESSIONAL):
            cookies[username] = session(server.url, username, paths["password"])
        load_before = load_average()
        for label, username, name, _needs in PAGES:
            path, cookie = paths[name], cookies[username]
            fetch(server.url, path, cookie)  # warm up this page in every worker
            ms = server_ms(server.url, path, cookie, samples)
            rate, latency, bad = run_wrk(
                wrk, server.url, path, cookie, seconds=seconds, connections=connections
            )
            if bad:
                raise SystemExit(f"{label}: {bad} antwoorden zonder 2xx/3xx")
            status, _s = fetch(server.url, path, cookie)
            if status != 200:
                raise SystemExit(f"{label}: status {status} na wrk (sessie verlopen?)")
            rows.append([label, path, username, rate, latency, ms])
            print(f"   {label:<26} {rate:7.1f} req/s")
        load_after = load_average()
    finally:
        server.stop()
    queries = django_output(
        env,
        QUERIES_SCRIPT.format(pages=json.dumps([[r[0], r[2], r[1]] for r in rows])),
        "QUERIES",
    )
    report(rows, queries, seconds=seconds, connections=connections, workers=workers)
    print(f"load average voor/na: {load_before} / {load_after} ({os.cpu_count()} cores)")
    return 0


def report(rows, queries, **run):
    print()
    print(
        "stap0 pagina's: wrk {connections} verbindingen, {seconds}s per pagina, "
        "gunicorn {workers} workers, PostgreSQL, DEBUG=0, demo".format(**run)
    )
    login_rate = rows[0][3]
    header = (
        f"{'pagina':<26} {'req/s':>7} {'login/x':>7} {'p50 (wrk)':>10} {'server':>8} {'queries':>7}"
    )
    print(header)
    print("-" * len(header))
    for label, _path, _user, rate, latency, ms in rows:
        ratio = login_rate / rate if rate else 0
        status, count = queries.get(label, [0, 0])
        count_text = str(count) if status == 200 else f"({status})"
        print(f"{label:<26} {rate:7.1f} {ratio:6.1f}x {latency:8.1f}ms {ms:6.1f}ms {count_text:>7}")
    print()
    print("login/x: hoeveel keer zo duur als de inlogpagina (req/s van login gedeeld door die")
    print("van de pagina); server: mediaan van losse verzoeken na elkaar; queries: een verzoek.")


if __name__ == "__main__":
    sys.exit(main())
