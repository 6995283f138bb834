# factcheck: `make run` serves the demo, `make test` runs the whole suite. Both set everything up.
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Every process a target starts (web workers, the task worker) shares one page cache: Redis when
# REDIS_URL is set, the database's otherwise (its table comes from `make migrate`). Tests keep their own.
export FACTCHECK_CACHE ?= $(if $(REDIS_URL),redis,database)

# The first Python >= 3.12 found: on PATH, then under pyenv (this machine's python3 is 3.11).
FIND_PYTHON = for candidate in python3.13 python3.12 python3 $$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	  if command -v $$candidate >/dev/null 2>&1 && $$candidate -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	    echo $$candidate; exit 0; fi; done; exit 1

.PHONY: run serve test lint format bench worker setup migrate demo clean chromium

$(STAMP): requirements.txt
	@if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	  python=$$($(FIND_PYTHON)) || { echo "error: factcheck needs Python >= 3.12; none was found on PATH or under ~/.pyenv/versions. Install one (e.g. pyenv install 3.13) and run make again." >&2; exit 1; }; \
	  echo "Creating $(VENV) with $$python"; rm -rf $(VENV); $$python -m venv $(VENV); fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

setup: $(STAMP)

migrate: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable

# Links in pages, feeds and the API use FACTCHECK_SITE_URL: the address being served, unless it is set.
demo run serve: export FACTCHECK_SITE_URL ?= http://127.0.0.1:$(PORT)
demo: migrate
	$(PY) manage.py demo

# Both processes run in the background so that the shell can pass a Ctrl-C or SIGTERM on to them (it runs
# no trap while a foreground command runs). The trap then ignores further signals (make forwards a SIGTERM
# it gets, so one often comes twice) and stops exactly those two: `kill 0` signalled the shell itself too,
# which re-entered the trap until the shell crashed ("Segmentation fault").
run: demo
	@echo "Serving the demo at http://127.0.0.1:$(PORT)/ (the task worker, restarted if it dies, and the feed poller run alongside; Ctrl-C stops all)"
	@trap 'trap "" INT TERM; kill $$worker $$poller $$server 2>/dev/null; wait; echo "Stopped the demo server and the task worker."; exit 0' INT TERM; \
	  $(PY) manage.py supervise_worker -- --interval 0.5 --no-reload & worker=$$!; \
	  $(PY) manage.py poll_feeds & poller=$$!; \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT) & server=$$!; \
	  wait $$server; status=$$?; kill $$worker $$poller 2>/dev/null; wait; exit $$status

# Production mode on this machine: DEBUG off, hashed and compressed static files, gunicorn.
# Two workers: on 2 cores they beat four (see README, "Serving"). Set DJANGO_SECRET_KEY to keep sessions.
# `exec`: gunicorn itself gets make's SIGTERM and stops its workers, rather than outliving the shell.
WEB_WORKERS ?= 2
serve: migrate
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')} \
	  $(PY) manage.py collectstatic --noinput -v0
	@echo "Serving in production mode at http://127.0.0.1:$(PORT)/ (HTTPS is expected in front: logins need it)"
	DJANGO_DEBUG=0 DJANGO_SSL_REDIRECT=0 DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')} \
	  exec $(VENV)/bin/gunicorn factcheck.wsgi --workers $(WEB_WORKERS) --bind 127.0.0.1:$(PORT) --access-logfile -

# One supervised task worker; it recovers the tasks of dead workers as it starts (see README, "Reliability").
worker: migrate
	@trap 'kill $$poller 2>/dev/null' EXIT; $(PY) manage.py poll_feeds & poller=$$!; \
	  $(PY) manage.py supervise_worker

# Browser tests drive Debian's Chromium (Playwright's own browser download is not used).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "error: the browser tests need Chromium: sudo apt-get install chromium" >&2; exit 1; fi; }

test: setup chromium
	FACTCHECK_CACHE=memory $(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: setup
	$(PY) -m claims.benchmarks analysis

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles

# Benchmarks on PostgreSQL (DATABASE_URL=postgres://…); each fills its own database, never the configured one.
.PHONY: bench-search bench-load bench-edits wrk
bench-search: setup
	$(PY) -m claims.benchmarks search

# The load benchmark drives wrk (Debian's package), installed here like Chromium for the browser tests.
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then echo "Installing Debian's wrk for the load benchmark"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else echo "error: the load benchmark needs wrk: sudo apt-get install wrk" >&2; exit 1; fi; }

SCALES ?= 10000
bench-load: setup wrk
	$(PY) -m claims.benchmarks load --scales $(SCALES)

bench-edits: setup
	$(PY) -m claims.benchmarks edits
