# Groundswell: `make run` starts the portal with demo data, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The settings read them: links in e-mails and webhooks point where `make run` serves (SITE_URL).
export HOST PORT
PYTEST_ARGS ?=

.PHONY: run test lint format install chromium xmlsec messages clean bench

## Python packages into .venv (again whenever a requirements file changes).
$(VENV)/.installed: requirements.txt requirements-dev.txt | xmlsec
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

## Front-end packages from npm, exactly as package-lock.json records them.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

install: $(VENV)/.installed node_modules/.installed

## Debian's Chromium, for the browser tests (Playwright cannot download its own here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

## Debian's XML security library for SAML: the headers python3-saml's `xmlsec` builds against where
## PyPI has no wheel for the platform, and the `xmlsec1` command the test IdP (pysaml2) signs with.
xmlsec:
	@command -v xmlsec1 >/dev/null 2>&1 || { \
	  echo "Installing Debian's xmlsec1 and libxmlsec1 for SAML..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    xmlsec1 libxmlsec1-dev libxmlsec1-openssl pkg-config >/dev/null; }

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo
	@echo "Groundswell runs on http://$(HOST):$(PORT)/ (back office: http://$(HOST):$(PORT)/cms/)."
	@echo "Sign in as alice@example.com, bob@example.com, carol@example.com or admin@example.com,"
	@echo "password groundswell-demo. E-mails are printed here and kept in var/mail/. Ctrl-C stops."
	@echo
	@trap 'kill 0' INT TERM EXIT; \
	$(PY) manage.py db_worker & \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install chromium
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Regenerate the English catalogue after changing user-facing strings (needs gettext).
messages: install
	$(PY) manage.py makemessages --locale en --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'var/*'
	$(PY) manage.py compilemessages --locale en --ignore '.venv/*' --ignore 'node_modules/*'

## Figures: gunicorn on the embedded defaults with 100,000 ideas and 1,000,000 votes (generated
## into var/bench/ the first time, a few minutes). E.g. BENCH_ARGS="--duration 10 --concurrency 16".
BENCH_ARGS ?=
bench: install
	$(PY) manage.py bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules var
