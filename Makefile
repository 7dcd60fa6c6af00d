# The two commands a newcomer needs: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := reintegration

LINT_PATHS := reintegration tests $(wildcard bench) hatch_build.py
PO_FILES := $(wildcard reintegration/translations/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: help install system-packages run serve test e2e bench load lint audit format translations extract-messages clean

help:
	@echo "make run    install, build the database, load demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test   install with test tools and run the whole suite"
	@echo "make e2e    the end-to-end suite in a real browser"
	@echo "make bench  the benchmarks (figures in bench/results.json)"
	@echo "make lint   ruff check and format check"
	@echo "make audit  bandit and pip-audit"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,prod]'
	touch $@

install: system-packages $(STAMP) translations

# Debian packages beyond Python (Pango and Vietnamese fonts for the PDF forms).
system-packages:
	@bash scripts/install-system-packages.sh

# The build hook compiles the catalogues on install; this keeps them fresh after a .po edit.
translations: $(MO_FILES)

%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile --use-fuzzy -i $< -o $@

extract-messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ --no-location --sort-output -o reintegration/translations/messages.pot .
	$(BIN)/pybabel update -i reintegration/translations/messages.pot -d reintegration/translations --no-fuzzy-matching --ignore-pot-creation-date

run: install
	$(BIN)/flask db upgrade
	$(BIN)/flask geo load
	$(BIN)/flask seed-demo
	$(BIN)/flask scheduler run & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null; wait $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(BIN)/flask run --host $(HOST) --port $(PORT)

test: install
	$(BIN)/pytest

# The browser suite: Debian's Chromium driven by Playwright (see tests/e2e/conftest.py).
e2e: install
	@bash scripts/install-system-packages.sh e2e
	$(BIN)/pytest -m e2e tests/e2e

# Speed figures: bench/results.json and bench/results.md (see README, Benchmarks).
# make bench SIZES="10000 100000" DATABASES=sqlite runs a part; built data is kept and reused.
SIZES ?= 10000 100000 1000000
DATABASES ?= sqlite postgresql
bench: install
	REINTEGRATION_BENCH_POSTGRES_URL="$$(scripts/local-postgres.sh reintegration_bench)" && \
	runuser -u postgres -- psql -qc 'ALTER ROLE reintegration CREATEDB' && \
	REINTEGRATION_BENCH_POSTGRES_URL=$$REINTEGRATION_BENCH_POSTGRES_URL \
		$(BIN)/python -m bench suite --sizes $(SIZES) --databases $(DATABASES)

# 50 caseworkers on gunicorn + PostgreSQL for 2 minutes, on loopback (figures in results.json).
load: install
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	REINTEGRATION_BENCH_POSTGRES_URL="$$(scripts/local-postgres.sh reintegration_bench)" && \
	runuser -u postgres -- psql -qc 'ALTER ROLE reintegration CREATEDB' && \
	REINTEGRATION_BENCH_POSTGRES_URL=$$REINTEGRATION_BENCH_POSTGRES_URL \
		$(BIN)/python -m bench load --users 50 --duration 120

lint: install
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)

# bandit: no finding of medium severity or above in the application's code. pip-audit:
# known vulnerabilities in the installed packages (it checks nothing where the registry
# does not answer, and fails on a real finding where it does).
audit: install
	$(BIN)/bandit -r reintegration -ll -q
	$(BIN)/pip-audit --skip-editable --progress-spinner off

format: install
	$(BIN)/ruff format $(LINT_PATHS)
	$(BIN)/ruff check --fix $(LINT_PATHS)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
	find reintegration -name '*.mo' -delete
