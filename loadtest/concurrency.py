"""Colleagues clicking at the same time: errors and response times at 1, 4 and 16 users.

Not a test (pytest never collects it: `testpaths = ["tests"]`); the suite's own check is
tests/organisations/test_concurrency.py. This script starts the server itself, on a fresh
database of its own, and for each level of concurrency lets that many people work at
once, each with their own login session: professionals (collega01, collega02, ...) open the
family list, a family's page, the observation form, log an observation, write a colleague
note and read "Voor mij"; every fourth person is the demo lead (`lead`), who opens the
dashboard, a family's explanation, its page and records a review. Between two clicks a
person thinks 0.5 to 1.5 seconds (THINK). Every response is checked: a GET must answer
200, a POST 302 (saved); anything else, or a dropped connection, is an error.

    .venv/bin/python loadtest/concurrency.py                    # all three servers
    .venv/bin/python loadtest/concurrency.py sqlite-runserver   # one of them

Servers: `sqlite-runserver` (what `make run` serves: DEBUG=1, runserver, SQLite),
`sqlite-gunicorn` (DEBUG=0, gunicorn with 3 sync workers, SQLite) and `postgres-gunicorn`
(the same on PostgreSQL: DATABASE_URL, or postgres://stap0:stap0@127.0.0.1:5432/
stap0_concurrency; a database whose name ends in `_concurrency` is dropped and created
afresh each run). Environment: USERS ("1,4,16"), CLICKS (clicks per person per level, 24;
at least 48 a level), THINK ("0.5,1.5" seconds), FAMILIES (100). The SQLite files and
server logs go to loadtest/results/ (not in git). Each level prints the load average:
other work on the machine shows in the times.
"""

import http.cookiejar
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import forms
from server import RESULTS, ROOT, Gunicorn, ensure_database, environment, free_port, manage

PASSWORD = "stap0-demo-2026"  # noqa: S105 - the demo's printed password
DEFAULT_POSTGRES = "postgres://stap0:stap0@127.0.0.1:5432/stap0_concurrency"
SERVERS = ("sqlite-runserver", "sqlite-gunicorn", "postgres-gunicorn")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Person:
    """One browser: its own cookies (session, CSRF), timing every click by page."""

    def __init__(self, base_url, username, timings, errors):
        self.base_url, self.username = base_url, username
        self.timings, self.errors = timings, errors
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(jar), _NoRedirect()
        )
        self.families = []

    def request(self, name, path, data=None, expect=200):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base_url + path, data=body)  # noqa: S310 - loopback
        if body is not None:
            req.add_header("Referer", self.base_url + path)
        started = time.perf_counter()
        try:
            with self.opener.open(req, timeout=60) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            status, text = exc.code, exc.read().decode(errors="replace")
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            self.errors[(name, type(exc).__name__)] += 1
            return None
        elapsed = time.perf_counter() - started
        self.timings[name].append(elapsed)
        if status != expect:
            self.errors[(name, status)] += 1
            return None
        return text

    def login(self):
        page = self.request("login (form)", "/inloggen/")
        data = {
            "csrfmiddlewaretoken": forms.csrf_token(page or ""),
            "username": self.username,
            "password": PASSWORD,
        }
        return self.request("login (post)", "/inloggen/", data, expect=302) is not None

    def post_form(self, name, path, page, field, **overrides):
        form = forms.find_form(page or "", field)
        if form is None:
            self.errors[(name, "no form")] += 1
            return
        self.request(name, path, forms.submission(form, **overrides), expect=302)

    def professional_round(self, n):
        listing = self.request("family list", f"/gezinnen/?page={1 + n % 3}")
        self.families = forms.links(listing or "", "/gezinnen/{uuid}/") or self.families
        if not self.families:
            return
        family = random.choice(self.families)
        yield
        self.request("family page", f"/gezinnen/{family}/")
        yield
        path = f"/signalen/gezin/{family}/vastleggen/"
        page = self.request("observation form", path)
        form = forms.find_form(page or "", "description")
        categories = forms.options(form, "category") if form else []
        yield
        self.post_form(
            "observation (post)",
            path,
            page,
            "description",
            category=random.choice(categories) if categories else "",
            severity=str(random.choice([1, 2, 3])),
            description="Gezien tijdens de gelijktijdigheidstest.",
            acute=None,
        )
        yield
        path = f"/signalen/gezin/{family}/notitie/"
        page = self.request("note form", path)
        yield
        self.post_form("note (post)", path, page, "text", kind="recognition", text="Herkenbaar.")
        yield
        self.request("voor mij", "/signalen/voor-mij/")
        yield

    def lead_round(self, n):
        dashboard = self.request("dashboard", "/signalen/dashboard/")
        self.families = forms.links(dashboard or "", "/signalen/dashboard/gezin/{uuid}/")
        if not self.families:
            return
        family = random.choice(self.families)
        yield
        self.request("explanation", f"/signalen/dashboard/gezin/{family}/")
        yield
        self.request("family page", f"/gezinnen/{family}/")
        yield
        path = f"/signalen/gezin/{family}/beoordelen/"
        page = self.request("review form", path)
        yield
        self.post_form(
            "review (post)",
            path,
            page,
            "decision",
            decision="monitor",
            rationale="Besproken in het zorgoverleg; we blijven volgen.",
            q1_suspicion="no",
            q1_reason="Geen vermoeden van onveiligheid op dit moment.",
        )
        yield


def person_thread(person, is_lead, clicks, think, start_gate):
    start_gate.wait()
    done = 0
    n = 0
    while done < clicks:
        rounds = person.lead_round(n) if is_lead else person.professional_round(n)
        progressed = False
        for _click in rounds:
            progressed = True
            done += 1
            if done >= clicks:
                break
            time.sleep(random.uniform(*think))
        n += 1
        if not progressed:
            time.sleep(random.uniform(*think))
            done += 1


def run_level(base_url, users, clicks, think):
    timings = defaultdict(list)
    errors = defaultdict(int)
    people = []
    for i in range(users):
        is_lead = i % 4 == 3
        username = "lead" if is_lead else f"collega{i + 1:02d}"
        people.append((Person(base_url, username, timings, errors), is_lead))
    # Log in one after another (Argon2 on purpose costs CPU): the pages are what is measured.
    for person, _is_lead in people:
        if not person.login():
            print(f"   inloggen mislukt: {person.username}")
    gate = threading.Barrier(users)
    threads = [
        threading.Thread(target=person_thread, args=(p, lead, clicks, think, gate), daemon=True)
        for p, lead in people
    ]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return timings, errors, time.perf_counter() - started


def ms(seconds):
    return f"{seconds * 1000:.0f}"


def p95(values):
    return (
        statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]
    )


def report(server, users, timings, errors, wall):
    pages = [name for name in timings if not name.startswith("login")]
    every = [v for name in pages for v in timings[name]]
    page_errors = sum(n for (name, _what), n in errors.items() if not name.startswith("login"))
    login_errors = sum(n for (name, _what), n in errors.items() if name.startswith("login"))
    load = os.getloadavg()[0]  # other work on the machine shows in the times
    print(
        f"\n== {server}, {users} gebruiker(s): {len(every)} klikken in {wall:.1f} s, "
        f"{page_errors} fouten (inloggen: {login_errors}), load average {load:.1f}"
    )
    print(f"   {'pagina':<22} {'n':>5} {'fout':>5} {'mediaan':>9} {'p95':>8} {'max':>8}")
    for name in sorted(pages):
        values = timings[name]
        wrong = sum(n for (page, _w), n in errors.items() if page == name)
        print(
            f"   {name:<22} {len(values):>5} {wrong:>5} {ms(statistics.median(values)):>6} ms "
            f"{ms(p95(values)):>5} ms {ms(max(values)):>5} ms"
        )
    if every:
        print(
            f"   {'alles':<22} {len(every):>5} {page_errors:>5} "
            f"{ms(statistics.median(every)):>6} ms {ms(p95(every)):>5} ms"
        )
    for (name, what), n in sorted(errors.items(), key=str):
        print(f"   fout: {name}: {what} x{n}")
    return {
        "server": server,
        "users": users,
        "clicks": len(every),
        "errors": page_errors,
        "login_errors": login_errors,
        "load": load,
        "median": statistics.median(every) if every else 0,
        "p95": p95(every) if every else 0,
        "pages": {name: (statistics.median(v), p95(v), len(v)) for name, v in timings.items() if v},
    }


class Runserver:
    """`manage.py runserver` as `make run` starts it (threaded, DEBUG=1), no autoreload."""

    def __init__(self, env, port):
        self.env, self.port = env, port
        self.url = f"http://127.0.0.1:{port}"
        self.process = None

    def start(self, timeout=30):
        log = open(RESULTS / "concurrency-runserver.log", "a")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{self.port}"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/inloggen/", timeout=2):  # noqa: S310
                    return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        raise SystemExit("runserver antwoordt niet")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)


def fresh_postgres(database_url):
    """Start from an empty database when it is this script's own (its name ends in
    `_concurrency`), so that runs compare; any other database is used as it is."""
    import psycopg

    url = urllib.parse.urlparse(database_url)
    name = url.path.lstrip("/")
    if name.endswith("_concurrency"):
        admin = url._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    ensure_database(database_url)


def prepare(server, families, users):
    RESULTS.mkdir(parents=True, exist_ok=True)
    if server.startswith("sqlite"):
        path = RESULTS / f"concurrency-{server}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        database_url = f"sqlite:///{path}"
    else:
        database_url = os.environ.get("DATABASE_URL") or DEFAULT_POSTGRES
        fresh_postgres(database_url)
    env = environment(database_url)
    if server == "sqlite-runserver":
        env["DEBUG"] = "1"  # as `make run`
    print(f"== {server}: database voorbereiden ({database_url.rsplit('@', 1)[-1]})")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo", "--quiet-logins")
    manage(env, "scale_demo", "--families", str(families), "--colleagues", str(users))
    if env["DEBUG"] != "1":
        manage(env, "collectstatic", "--noinput", "-v0")
    port = free_port()
    if server == "sqlite-runserver":
        return Runserver(env, port)
    return Gunicorn(env, port, workers=3, log_name=f"concurrency-{server}")


def main(argv):
    servers = [a for a in argv if a in SERVERS] or list(SERVERS)
    levels = [int(n) for n in os.environ.get("USERS", "1,4,16").split(",")]
    clicks = int(os.environ.get("CLICKS", "24"))
    think = tuple(float(x) for x in os.environ.get("THINK", "0.5,1.5").split(","))
    families = int(os.environ.get("FAMILIES", "100"))
    results = []
    for server in servers:
        process = prepare(server, families, max(levels)).start()
        try:
            for users in levels:
                # At least 48 clicks a level, so that one user's median is not a handful.
                per_person = max(clicks, -(-48 // users))
                timings, errors, wall = run_level(process.url, users, per_person, think)
                results.append(report(server, users, timings, errors, wall))
        finally:
            process.stop()
    print(
        "\n| server | users | clicks | errors | median | p95 | family page | observation (post) "
        "| load |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        fam = r["pages"].get("family page", (0, 0, 0))
        obs = r["pages"].get("observation (post)", (0, 0, 0))
        print(
            f"| {r['server']} | {r['users']} | {r['clicks']} | {r['errors']} | "
            f"{ms(r['median'])} ms | {ms(r['p95'])} ms | {ms(fam[0])} / {ms(fam[1])} ms | "
            f"{ms(obs[0])} / {ms(obs[1])} ms | {r['load']:.1f} |"
        )
    return 1 if any(r["errors"] or r["login_errors"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
