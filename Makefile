# Hướng nghiệp — the README's commands. `make help` lists them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
TEST_SETTINGS := DJANGO_SETTINGS_MODULE=website.settings.test
# Every template folder, for djhtml (it only re-indents; 4 spaces).
TEMPLATE_DIRS = templates $(wildcard */templates */*/templates)
# manage.py defaults to the production settings (no demo accounts on a server); the commands
# here are for a developer's machine: dev settings unless DJANGO_SETTINGS_MODULE says otherwise.
export DJANGO_SETTINGS_MODULE ?= website.settings.dev
# Python keeps its bytecode cache (__pycache__, ignored by git) even where the environment
# turns it off (PYTHONDONTWRITEBYTECODE=1, as on the project's machines): otherwise every
# process — manage.py check, pytest's controller and each worker, the servers tests start —
# compiles Django, Wagtail and the tests again (a pytest start and collection 17 s → 5.5 s).
unexport PYTHONDONTWRITEBYTECODE

.DEFAULT_GOAL := help
.PHONY: help install run demo test test-checks test-suite test-es lint format bench check-python stack stack-up stack-down bench-pages faults backup-check

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Cần Python 3.12 trở lên / Python 3.12+ is required: make PYTHON=python3.12 ...")'

# uv (from PyPI, into the environment) installs the same versions as pip, in a fifth of the
# time: the environment is made on every fresh clone, CI's included.
$(VENV)/.installed: pyproject.toml | check-python
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	$(BIN)/python -m uv pip install --quiet --python $(BIN)/python -e ".[dev]"
	touch $@

install: $(VENV)/.installed ## Create the virtual environment and install everything

demo: install ## Migrate and load the demo content (idempotent)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_admin_units
	$(MANAGE) load_demo
	$(MANAGE) search_index --rebuild

run: demo ## Set up and serve the site at http://127.0.0.1:8000 (scheduled publishing every minute)
	( while sleep 60; do $(MANAGE) publish_scheduled; $(MANAGE) delete_expired_contact_requests; done ) & trap 'kill $$!' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:8000

# The production stack: nginx (TLS, static, media) -> Varnish -> gunicorn, Redis, the scheduler.
# DATABASE_URL must be PostgreSQL; ports and folders from the environment (docs/operations.md).
stack: install ## Production stack in the foreground (https://127.0.0.1:8443/); Ctrl-C stops it
	$(BIN)/python deploy/stack.py run

stack-up: install ## The production stack in the background
	$(BIN)/python deploy/stack.py up

stack-down: ## Stop the background production stack
	$(BIN)/python deploy/stack.py down

lint: install ## ruff check and format check, djhtml check of the templates
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check --tabwidth 4 $(TEMPLATE_DIRS)

format: install ## Format and fix with ruff, re-indent the templates with djhtml
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/djhtml --tabwidth 4 $(TEMPLATE_DIRS)

BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/searchbench

SIZE ?= 20000

bench: install ## Search benchmark on PostgreSQL (BENCH_DATABASE_URL, SIZE programmes); see docs/benchmarks.md
	-psql "$(dir $(BENCH_DATABASE_URL))postgres" -qc "CREATE DATABASE $(notdir $(BENCH_DATABASE_URL))" 2>/dev/null
	DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) migrate --noinput -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(MANAGE) search_bench --runs 40 --programmes $(SIZE)

test-es: install ## The search suite against a real Elasticsearch: ELASTICSEARCH_URL=https://… make test-es
	@test -n "$(ELASTICSEARCH_URL)" || { echo "ELASTICSEARCH_URL chưa đặt / is not set: ELASTICSEARCH_URL=https://… make test-es"; exit 2; }
	ELASTICSEARCH_URL="$(ELASTICSEARCH_URL)" REQUIRE_ELASTICSEARCH=1 $(TEST_SETTINGS) $(BIN)/python -m pytest tests/search $(PYTEST_ARGS)

# Page benchmark: the demo on its own database, the production stack, a fresh `wagtail start`.
PAGES_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/benchpages
PAGES_ENV := DATABASE_URL=$(PAGES_DATABASE_URL) STACK_DIR=$(CURDIR)/.stack-bench

bench-pages: install ## Our page types vs a bare Wagtail page, uncached and cached (docs/benchmarks.md)
	-psql "$(dir $(PAGES_DATABASE_URL))postgres" -qc "CREATE DATABASE $(notdir $(PAGES_DATABASE_URL))" 2>/dev/null
	$(PAGES_ENV) DJANGO_SETTINGS_MODULE=website.settings.dev $(MANAGE) migrate --noinput -v0
	$(PAGES_ENV) DJANGO_SETTINGS_MODULE=website.settings.dev $(MANAGE) load_admin_units
	$(PAGES_ENV) DJANGO_SETTINGS_MODULE=website.settings.dev $(MANAGE) load_demo >/dev/null
	$(PAGES_ENV) DJANGO_SETTINGS_MODULE=website.settings.dev $(MANAGE) search_index --rebuild
	$(PAGES_ENV) $(BIN)/python deploy/stack.py up
	$(PAGES_ENV) $(BIN)/python deploy/bench_pages.py; status=$$?; \
	$(PAGES_ENV) $(BIN)/python deploy/stack.py down; exit $$status

faults: install ## Faults under load on a private copy of DATABASE_URL (docs/benchmarks.md)
	$(BIN)/python deploy/faults.py

backup-check: install ## Back up, wipe, restore a private copy of DATABASE_URL; same pages served?
	$(BIN)/python deploy/backup_check.py

# pytest-xdist: one worker per core, each with its own test database (test_<name>_gw0, …);
# TEST_WORKERS=0 runs the suite in one process.
TEST_WORKERS ?= auto

# The checks run beside the suite (`-j2`), on the core its workers leave idle while the
# template database migrates; make fails when either fails.
test: install ## Checks, migrations check, lint and the whole test suite
	@$(MAKE) --no-print-directory -j2 test-checks test-suite

test-checks: install
	$(TEST_SETTINGS) $(MANAGE) check
	$(TEST_SETTINGS) $(MANAGE) makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/djhtml --check --tabwidth 4 $(TEMPLATE_DIRS)

test-suite: install
	$(TEST_SETTINGS) $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder $(PYTEST_ARGS)
