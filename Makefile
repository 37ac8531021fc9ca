# stap0: two commands do all the set-up.
#   make run   create .venv, migrate SQLite, load the demo, serve on 127.0.0.1:8000
#   make test  install the test dependencies, run ruff and the whole pytest suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
DEV    := DEBUG=1

.PHONY: run test lint serve demo messages bench loadtest crashtest pages clean

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

test: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

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
#   make pages      wrk on the five pages people open most beside the login page (~4 minutes)
loadtest: $(VENV)/.load
	$(BIN)/python loadtest/run.py

crashtest: $(VENV)/.load
	$(BIN)/python loadtest/crash.py

pages: $(VENV)/.load
	$(BIN)/python loadtest/pages.py

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
