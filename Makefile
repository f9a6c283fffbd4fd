# Karib — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: demo test test-pg lint format bench messages clean prod-check load-test

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Karib needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/karib demo --port $(PORT)

# The suite runs on every core (pytest-xdist; each worker has its own test database):
# `make test TEST_WORKERS=0` runs it in one process.
TEST_WORKERS ?= auto
test: $(VENV)/.installed-dev
	$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# The whole suite on PostgreSQL, as CI runs it second: the row-lock and two-process tests that
# skip on SQLite run here. pytest-django creates and drops test_<name> beside the database of
# DATABASE_URL (default below; e.g. `make test-pg DATABASE_URL=postgres://me@db:5432/karib`).
# (Not a target-specific `DATABASE_URL ?=`: GNU make then stops passing the environment's
# DATABASE_URL to every other target's recipes, and `DATABASE_URL=… make test` ran on SQLite.)
TEST_PG_URL = $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/karib_dev)
test-pg: $(VENV)/.installed-dev
	@DATABASE_URL='$(TEST_PG_URL)' $(BIN)/python -c 'import os, psycopg, urllib.parse as u; \
		url = u.urlsplit(os.environ["DATABASE_URL"]); \
		psycopg.connect(u.urlunsplit(url._replace(path="/postgres")), connect_timeout=5).close()' \
		2>/dev/null || { echo "PostgreSQL is not reachable at $(TEST_PG_URL)"; exit 1; }
	DATABASE_URL='$(TEST_PG_URL)' $(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix src tests bench scripts
	$(BIN)/ruff format src tests bench scripts

# Regenerate the translation catalogues (makemessages needs GNU gettext); the compiled .mo
# files are committed, so a fresh machine needs no gettext. Project-wide strings (core, demo,
# base templates) go to src/karib/locale; each domain app keeps its own locale/ folder.
DOMAIN_APPS := people promises gifts service privacy health steer
messages: $(VENV)/.installed-dev
	cd src/karib && ../../$(BIN)/karib manage makemessages -l id -l en --no-obsolete \
		$(foreach app,$(DOMAIN_APPS) tone,--ignore '$(app)/*')
	for app in $(DOMAIN_APPS); do \
		mkdir -p src/karib/$$app/locale; \
		(cd src/karib/$$app && ../../../$(BIN)/karib manage makemessages -l id -l en --no-obsolete); \
	done
	$(BIN)/python scripts/i18n.py fill-en
	$(BIN)/python scripts/i18n.py compile

bench: $(VENV)/.installed-dev
	@set -e; for script in bench/*_bench.py; do \
		echo "== $$script"; $(BIN)/python $$script; \
	done

# Run it like production here: PostgreSQL, gunicorn (4 workers), 2 task workers, nginx on a
# loopback port; smoke-test through nginx and stop everything (deploy/prod-check.sh).
prod-check: $(VENV)/.installed
	bash deploy/prod-check.sh

# The load test (not in CI): locust, headless, over a generated data set on PostgreSQL.
load-test: $(VENV)/.installed-dev
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	bash bench/load/run.sh

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
