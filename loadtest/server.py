"""Shared by run.py and crash.py: a PostgreSQL database, a production-like environment, gunicorn."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "loadtest" / "results"
BIN = Path(sys.executable).parent
PYTHON = sys.executable


def environment(database_url):
    """Production settings (DEBUG off, whitenoise, Argon2), over plain HTTP on loopback."""
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        SECRET_KEY=os.environ.get("SECRET_KEY") or "loadtest-only-secret-" + "x" * 40,
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # No TLS on loopback: no redirect to https, cookies without the Secure flag, no HSTS.
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        BEHIND_TLS_PROXY="0",
        # The load users have no second factor. Their logins never fail, so django-axes
        # (which counts failures only) never locks them out.
        STAP0_REQUIRE_MFA="0",
        # Acute signals (the demo has some) e-mail the lead: no mail server on this machine.
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        LOG_LEVEL=os.environ.get("LOG_LEVEL", "WARNING"),
        PYTHONUNBUFFERED="1",
    )
    return env


def ensure_database(database_url):
    """Create the PostgreSQL database named in the URL when it does not exist yet."""
    import psycopg

    url = urlparse(database_url)
    if not url.scheme.startswith("postgres"):
        raise SystemExit(f"Alleen PostgreSQL: {database_url}")
    name = url.path.lstrip("/")
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"== database {name} aangemaakt")


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """gunicorn with `workers` sync workers, bound to 127.0.0.1 only."""

    def __init__(self, env, port, workers=3, log_name="gunicorn"):
        self.env, self.port, self.workers = env, port, workers
        self.log_path = RESULTS / f"{log_name}.log"
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=30):
        RESULTS.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "a")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
            [
                str(BIN / "gunicorn"),
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopte meteen; zie {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.url}/inloggen/", timeout=2) as r:  # noqa: S310
                    if r.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        raise SystemExit(f"gunicorn antwoordt niet op {self.url}; zie {self.log_path}")

    def worker_pids(self):
        """The master's children, read from /proc (Linux)."""
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == self.process.pid:
                pids.append(int(entry.name))
        return pids

    def kill_workers(self):
        pids = self.worker_pids()
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        return pids

    def kill_master(self):
        """kill -9 the master, then whatever is left of its process group (a machine crash)."""
        pid = self.process.pid
        os.kill(pid, signal.SIGKILL)
        self.process.wait()
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
