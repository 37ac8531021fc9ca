"""`make loadtest`: the demo at 2,000 families on PostgreSQL, gunicorn, 40 users for 5 minutes.

Environment (all optional):
    DATABASE_URL   postgres://stap0:stap0@127.0.0.1:5432/stap0_load (created when missing)
    LOAD_USERS     40        simulated people
    LOAD_SPAWN     5         started per second
    LOAD_TIME      5m        run time (locust syntax: 90s, 5m, 1h)
    LOAD_FAMILIES  2000      families of the demo school
    LOAD_STAFF     120       colleagues of the school who logged the history (about one per 17
                             families); the first 30 of them log in during the run
    LOAD_WORKERS   3         gunicorn sync workers (this machine has 2 cores)
    LOAD_REGION    0         the region scenario instead of the demo school: this many of
                             200 organisations (LOAD_REGION_ORGANISATIONS; 1,000 families
                             and 30,000 observations each, bench_dashboard's fill) have people
                             logging in, the users spread over them. Issue 18:
        LOAD_REGION=20 LOAD_USERS=80 LOAD_WORKERS=4 LOAD_TIME=10m \
        DATABASE_URL=postgres://stap0:stap0@127.0.0.1:5432/stap0_region make loadtest
Prints requests per second, median and 95th percentile per page and the errors; the CSV
files of locust land in loadtest/results/ (not in git).
"""

import csv
import math
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import BIN, RESULTS, ROOT, Gunicorn, ensure_database, environment, free_port, manage

DEFAULT_DATABASE = "postgres://stap0:stap0@127.0.0.1:5432/stap0_load"


def main():
    database_url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE
    users = os.environ.get("LOAD_USERS", "40")
    spawn = os.environ.get("LOAD_SPAWN", "5")
    run_time = os.environ.get("LOAD_TIME", "5m")
    families = os.environ.get("LOAD_FAMILIES", "2000")
    staff = os.environ.get("LOAD_STAFF", "120")
    workers = int(os.environ.get("LOAD_WORKERS", "3"))

    region = int(os.environ.get("LOAD_REGION", "0"))

    ensure_database(database_url)
    env = environment(database_url)
    print(f"== voorbereiden: {database_url.rsplit('@', 1)[-1]}")
    manage(env, "migrate", "--noinput", "-v0")
    if region:
        families = prepare_region(env, region)
    else:
        manage(env, "load_demo", "--quiet-logins")
        manage(env, "scale_demo", "--families", families, "--colleagues", staff)
    manage(env, "collectstatic", "--noinput", "-v0")

    server = Gunicorn(env, free_port(), workers=workers, log_name="load-gunicorn")
    print(f"== gunicorn ({workers} workers) op {server.url}")
    server.start()
    prefix = RESULTS / "load"
    try:
        print(f"== locust: {users} gebruikers, {spawn}/s erbij, {run_time}")
        subprocess.run(  # noqa: S603 - our own locust, fixed arguments
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "loadtest" / "locustfile.py"),
                "--headless",
                "--users",
                users,
                "--spawn-rate",
                spawn,
                "--run-time",
                run_time,
                "--host",
                server.url,
                "--csv",
                str(prefix),
                "--only-summary",
                "--stop-timeout",
                "10",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={**env, "LOAD_REQUEST_LOG": f"{prefix}_requests.csv"},
            check=False,
        )
    finally:
        server.stop()
        print("== gunicorn gestopt")
    return report(prefix, users=users, run_time=run_time, workers=workers, families=families)


def prepare_region(env, region):
    """200 organisations (filled once, minutes), people of the first `region` logging in."""
    organisations = int(os.environ.get("LOAD_REGION_ORGANISATIONS", "200"))
    manage(
        env,
        "bench_dashboard",
        "--families",
        "1000",
        "--observations",
        "30000",
        "--other-organisations",
        str(organisations),
        "--logins",
        str(region),
        "--fill-only",
    )
    numbers = range(1, region + 1)
    env["LOAD_LEADS"] = ",".join(f"region_lead_{n:03d}" for n in numbers)
    env["LOAD_PROFESSIONALS"] = ",".join(
        f"region_prof_{n:03d}_{k}" for k in range(1, 4) for n in numbers
    )
    return f"{organisations} organisaties ({region} met gebruikers) x 1000"


def percentile(values, fraction):
    """Nearest-rank percentile of a sorted list."""
    if not values:
        return 0
    return values[min(len(values) - 1, max(0, math.ceil(fraction * len(values)) - 1))]


def table(rows, since=None):
    """Per page: requests, errors, requests per second, median and 95th percentile."""
    if since is not None:
        rows = [r for r in rows if r["start"] >= since]
    if not rows:
        return []
    duration = max(r["start"] for r in rows) - min(r["start"] for r in rows) or 1
    names = sorted({r["name"] for r in rows})
    lines = []
    for name in [*names, None]:
        mine = [r for r in rows if name is None or r["name"] == name]
        times = sorted(r["ms"] for r in mine)
        lines.append(
            (
                name or "totaal",
                len(mine),
                sum(r["failed"] for r in mine),
                len(mine) / duration,
                percentile(times, 0.5),
                percentile(times, 0.95),
            )
        )
    return lines


def print_table(title, lines):
    print(title)
    header = f"{'pagina':<30} {'verzoeken':>9} {'fouten':>6} {'req/s':>6} {'mediaan':>8} {'p95':>8}"
    print(header)
    print("-" * len(header))
    for name, count, failed, rate, median, p95 in lines:
        if name == "totaal":
            print("-" * len(header))
        print(f"{name:<30} {count:>9} {failed:>6} {rate:>6.1f} {median:>6.0f}ms {p95:>6.0f}ms")
    print()


def report(prefix, **run):
    log_path = Path(f"{prefix}_requests.csv")
    if not log_path.exists():
        print("geen resultaten: locust schreef niets")
        return 1
    with log_path.open() as f:
        rows = [
            {
                "start": float(r["start"]),
                "name": r["name"],
                "ms": float(r["ms"]),
                "failed": int(r["failed"]),
            }
            for r in csv.DictReader(f)
        ]
    print()
    print(
        "stap0 belastingtest: {users} gebruikers, {run_time}, {workers} gunicorn-workers, "
        "{families} gezinnen, PostgreSQL".format(**run)
    )
    print()
    whole = table(rows)
    print_table("Hele run (inclusief het inloggen van iedereen bij de start):", whole)
    logins = [r["start"] + r["ms"] / 1000 for r in rows if r["name"] == "login (post)"]
    if logins:
        since = max(logins)
        steady = table(rows, since=since)
        begin = min(r["start"] for r in rows)
        print_table(
            f"Na de laatste login ({since - begin:.0f}s na de start): de werkdag zelf:", steady
        )
    failures_path = Path(f"{prefix}_failures.csv")
    if failures_path.exists():
        with failures_path.open() as f:
            for failure in list(csv.DictReader(f))[:10]:
                print(f"fout: {failure['Name']}: {failure['Error']} (x{failure['Occurrences']})")
    return 0 if whole and whole[-1][2] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
