# The two commands a new user needs: `make run` (demo on SQLite) and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in emails point where `make run` listens, unless SITE_URL says otherwise.
SITE_URL_ENV = SITE_URL="$${SITE_URL:-http://$(HOST):$(PORT)}"

.PHONY: run test lint audit bench bench-badges bench-exports bench-registration format clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] < (3, 11))' || \
		{ echo "consultation needs Python 3.11 or newer; set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@

## Run the app with the demo meeting (SQLite unless DATABASE_URL is set), and a
## worker with the periodic sweeps beside it (the file-system broker unless
## CELERY_BROKER_URL or REDIS_URL is set). Links in emails point to HOST:PORT.
run: $(VENV)/.installed
	$(BIN)/python manage.py compilemessages
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py move_private_uploads
	$(SITE_URL_ENV) $(BIN)/python manage.py load_demo
	@echo
	@echo "  Open http://$(HOST):$(PORT)/ - organisers log in at http://$(HOST):$(PORT)/admin/"
	@echo
	@export $(SITE_URL_ENV); \
		$(BIN)/celery -A consultation worker --beat --pool=solo --loglevel=INFO & worker=$$!; \
		trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
		$(BIN)/python manage.py runserver $(HOST):$(PORT)

# axe-core and the Nu Html Checker for the browser tests, from package-lock.json.
# Install scripts are skipped: vnu-jar's would download a Java we already have.
node_modules/.package-lock.json: package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --ignore-scripts --no-audit --no-fund; \
	elif [ "$${CI:-}" = "true" ]; then \
		echo "npm is missing: the accessibility and HTML checks cannot run" >&2; exit 1; \
	else \
		echo "npm not found: accessibility and HTML checks will be skipped (apt-get install npm)"; \
	fi

# Test processes (pytest-xdist): each has its own PostgreSQL test database and
# Redis databases (tests/parallel.py). 0 or 1 runs the tests in one process.
TEST_WORKERS ?= 2
TEST_PARALLEL = $(if $(filter-out 0 1,$(TEST_WORKERS)),-n $(TEST_WORKERS) --dist load)

## Run the whole test suite on PostgreSQL (never on SQLite), in TEST_WORKERS processes.
test: $(VENV)/.installed node_modules/.package-lock.json
	@$(BIN)/python manage.py compilemessages >/dev/null
	@url=$$(scripts/test-database-url) && redis=$$(scripts/test-redis-url) && set -- $$redis && \
		DATABASE_URL="$$url" REDIS_URL="$$1" CELERY_BROKER_URL="$$2" \
		$(BIN)/python -m pytest $(TEST_PARALLEL) $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	BIN=$(BIN) scripts/check-catalogues
	$(BIN)/python manage.py makemigrations --check --dry-run
	DEBUG=false SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		ALLOWED_HOSTS=consultation.example.org \
		$(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/bandit -c pyproject.toml -r . -q
	BIN=$(BIN) scripts/audit-dependencies

## Known-vulnerability audit that fails when the advisory services cannot be reached.
audit: $(VENV)/.installed
	AUDIT_REQUIRED=true BIN=$(BIN) scripts/audit-dependencies

## Load benchmark on PostgreSQL with gunicorn and wrk; prints tables (docs/benchmarks.md).
bench: $(VENV)/.installed
	$(BIN)/python bench/run.py

## Instructions per registration POST, counted by callgrind (after make bench).
bench-registration: $(VENV)/.installed
	$(BIN)/python bench/registration_work.py

## CPU seconds to print 1,000 badges in-process (no database; docs/benchmarks.md).
bench-badges: $(VENV)/.installed
	$(BIN)/python bench/badges.py

## CPU seconds to turn 10,000 registrations into CSV lines (no database).
bench-exports: $(VENV)/.installed
	$(BIN)/python bench/exports.py
	$(BIN)/python bench/export_answers.py

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache
