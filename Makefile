# Hướng nghiệp — the README's commands. `make help` lists them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
TEST_SETTINGS := DJANGO_SETTINGS_MODULE=website.settings.test
# manage.py defaults to the production settings (no demo accounts on a server); the commands
# here are for a developer's machine: dev settings unless DJANGO_SETTINGS_MODULE says otherwise.
export DJANGO_SETTINGS_MODULE ?= website.settings.dev

.DEFAULT_GOAL := help
.PHONY: help install run demo test lint format bench check-python

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Cần Python 3.12 trở lên / Python 3.12+ is required: make PYTHON=python3.12 ...")'

$(VENV)/.installed: pyproject.toml | check-python
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed ## Create the virtual environment and install everything

demo: install ## Migrate and load the demo content (idempotent)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_admin_units
	$(MANAGE) load_demo
	$(MANAGE) search_index --rebuild

run: demo ## Set up and serve the site at http://127.0.0.1:8000
	$(MANAGE) runserver 127.0.0.1:8000

lint: install ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Format and fix with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/searchbench

bench: install ## Search benchmark on PostgreSQL (BENCH_DATABASE_URL); see docs/benchmarks.md
	-psql "$(dir $(BENCH_DATABASE_URL))postgres" -qc "CREATE DATABASE $(notdir $(BENCH_DATABASE_URL))" 2>/dev/null
	DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) migrate --noinput -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) search_bench --runs 40

test: install ## Checks, migrations check, lint and the whole test suite
	$(TEST_SETTINGS) $(MANAGE) check
	$(TEST_SETTINGS) $(MANAGE) makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(TEST_SETTINGS) $(BIN)/python -m pytest $(PYTEST_ARGS)
