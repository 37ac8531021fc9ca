"""`make loadtest`: the demo at 2,000 families on PostgreSQL, gunicorn, 40 users for 5 minutes.

Environment (all optional):
    DATABASE_URL   postgres://stap0:stap0@127.0.0.1:5432/stap0_load (created when missing)
    LOAD_USERS     40        simulated people
    LOAD_SPAWN     5         started per second
    LOAD_TIME      5m        run time (locust syntax: 90s, 5m, 1h)
    LOAD_FAMILIES  2000      families of the demo school
    LOAD_WORKERS   3         gunicorn sync workers (this machine has 2 cores)
Prints requests per second, median and 95th percentile per page and the errors; the CSV
files of locust land in loadtest/results/ (not in git).
"""

import csv
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
    workers = int(os.environ.get("LOAD_WORKERS", "3"))

    ensure_database(database_url)
    env = environment(database_url)
    print(f"== voorbereiden: {database_url.rsplit('@', 1)[-1]}")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo", "--quiet-logins")
    manage(env, "scale_demo", "--families", families)
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
            env=env,
            check=False,
        )
    finally:
        server.stop()
        print("== gunicorn gestopt")
    return report(prefix, users=users, run_time=run_time, workers=workers, families=families)


def report(prefix, **run):
    stats_path = Path(f"{prefix}_stats.csv")
    if not stats_path.exists():
        print("geen resultaten: locust schreef niets")
        return 1
    with stats_path.open() as f:
        rows = list(csv.DictReader(f))
    print()
    print(
        "stap0 belastingtest: {users} gebruikers, {run_time}, {workers} gunicorn-workers, "
        "{families} gezinnen, PostgreSQL".format(**run)
    )
    header = f"{'pagina':<32} {'verzoeken':>9} {'fouten':>6} {'req/s':>6} {'mediaan':>8} {'p95':>6}"
    print(header)
    print("-" * len(header))
    total = None
    for row in rows:
        line = (
            f"{row['Name']:<32} {row['Request Count']:>9} {row['Failure Count']:>6} "
            f"{float(row['Requests/s']):>6.1f} {row['Median Response Time']:>6}ms "
            f"{row['95%']:>4}ms"
        )
        if row["Name"] == "Aggregated":
            total = row
            continue
        print(line)
    if total:
        print("-" * len(header))
        print(
            f"{'totaal':<32} {total['Request Count']:>9} {total['Failure Count']:>6} "
            f"{float(total['Requests/s']):>6.1f} {total['Median Response Time']:>6}ms "
            f"{total['95%']:>4}ms"
        )
    failures_path = Path(f"{prefix}_failures.csv")
    if failures_path.exists():
        with failures_path.open() as f:
            failures = list(csv.DictReader(f))
        for failure in failures[:10]:
            print(f"fout: {failure['Name']}: {failure['Error']} (x{failure['Occurrences']})")
    return 0 if total and total["Failure Count"] == "0" else 1


if __name__ == "__main__":
    sys.exit(main())
