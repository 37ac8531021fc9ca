"""One migrated SQLite test database, copied to every test run that needs one (issue 17).

Each pytest process (the suite's pytest-xdist workers, the browser run) made its own test
database by running every migration: 3 to 4 CPU-seconds each, three times in `make test`.
Now the first process to need it migrates as before and keeps a copy of the result (the
template) beside the test databases; the others wait for it and copy it. A copy is the
migrated database byte for byte (SQLite's backup API): the same tables, indexes, triggers,
shipped catalogue and django_migrations rows. Django then runs `migrate` on the copy as on
any kept test database (`keepdb`): nothing left to apply, the post-migrate signals as always.

The template is kept for later runs while nothing it depends on changes: its name holds a
hash of every Python and JSON file of the project outside tests/ (the migrations, the code
and data they import: trigger SQL, catalogue.json, settings), the installed packages'
versions and the SQLite library's. A change to any of them makes a new template by
migrating. Only SQLite: PostgreSQL makes its test databases as before.
"""

import fcntl
import hashlib
import importlib.metadata
import os
import re
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_DIRS = {"tests", "loadtest", "docs", "static", "templates", "locale", "node_modules"}
PREFIX = ".test-db.sqlite3.template-"


def _project_files():
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        if folder == str(ROOT):
            dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS]
        for name in sorted(files):
            if name.endswith((".py", ".json")):
                yield Path(folder, name)


def fingerprint():
    digest = hashlib.sha256()
    for path in _project_files():
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    packages = sorted(
        f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions()
    )
    digest.update("\n".join(packages).encode())
    digest.update(f"{sys.version}\n{sqlite3.sqlite_version}".encode())
    return digest.hexdigest()[:16]


def _copy(source, target):
    """A consistent copy of a database (its WAL included), by SQLite's backup API."""
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def remove_database(name):
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{name}{suffix}").unlink(missing_ok=True)


class Template:
    """The template of one test database file, and the lock that makes one process build it."""

    def __init__(self, test_name):
        self.test_name = test_name
        folder = Path(test_name).parent
        self.path = folder / f"{PREFIX}{fingerprint()}"
        self._lock = open(folder / f"{PREFIX}lock", "w")  # noqa: SIM115 (held until release)

    def copy_in(self):
        """The test database from the template when there is one, True; otherwise False,
        and this process holds the lock until `save` (the others wait for its template)."""
        fcntl.flock(self._lock, fcntl.LOCK_EX)
        if not self.path.exists():
            return False
        try:
            remove_database(self.test_name)
            _copy(self.path, self.test_name)
        finally:
            self.release()
        return True

    def save(self):
        """Keep the freshly migrated test database as the template (before any test ran)."""
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            _copy(self.test_name, temporary)
            temporary.replace(self.path)
            for old in self.path.parent.glob(f"{PREFIX}*"):
                if old != self.path and re.fullmatch(r"[0-9a-f]{16}", old.name[len(PREFIX) :]):
                    old.unlink(missing_ok=True)
        finally:
            temporary.unlink(missing_ok=True)
            self.release()

    def release(self):
        if not self._lock.closed:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()
