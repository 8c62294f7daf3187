# The project's vocabulary: make run, make test, make lint, make translations, make bench.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test lint format translations compile-translations bench clean lock container-check compose-check screenshots
SCALE ?= 100
# One test process per CPU (pytest-xdist); `make test TEST_WORKERS=0` runs in this process.
TEST_WORKERS ?= auto

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Exactly the versions in the lock files (pinned, with hashes); pyproject.toml keeps the ranges.
$(STAMP): requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $@

$(DEV_STAMP): requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	touch $@ $(STAMP)

compile-translations: $(STAMP)
	$(MANAGE) compile_translations

# Absolute links (feeds, canonical URLs, JSON-LD) name the address the demo is served at,
# not the demo Site's localhost:80, unless SITE_URL says otherwise.
run: $(STAMP) compile-translations
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo
	SITE_URL=$${SITE_URL:-http://127.0.0.1:8000} $(MANAGE) runserver 127.0.0.1:8000

test: $(DEV_STAMP)
	DJANGO_SETTINGS_MODULE=pluginnovation.settings.test $(BIN)/python manage.py compile_translations
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates $(wildcard */templates)

format: $(DEV_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates $(wildcard */templates)

# Extract new strings into the .po files (needs gettext's xgettext), fill in English for the
# English catalogues (our msgids are English), then compile. Each app keeps its own catalogue, so
# makemessages runs in each app folder; no settings, so it writes next to the sources.
CONTENT_APPS := knowledge casestudies literature news
translations: $(STAMP)
	env -u DJANGO_SETTINGS_MODULE $(BIN)/django-admin makemessages -l sv -l en --no-obsolete \
		$(foreach app,$(CONTENT_APPS),-i "$(app)/*") -i ".venv/*" -i "tests/*" -i "fixtures/*"
	for app in $(CONTENT_APPS); do (cd $$app && mkdir -p locale && \
		env -u DJANGO_SETTINGS_MODULE ../$(BIN)/django-admin makemessages -l sv -l en --no-obsolete); done
	$(MANAGE) fill_english_catalogues
	$(MANAGE) compile_translations

# Benchmark at SCALE (default 100) on SQLite, or on PostgreSQL when DATABASE_URL is set;
# BENCH_ARGS=--quick for one 5 s run per address.
bench: $(STAMP)
	$(BIN)/python scripts/bench.py --scale $(SCALE) $(BENCH_ARGS)

# The README's screenshots, taken from the demo site with the system Chromium; then commit them.
screenshots: $(DEV_STAMP) compile-translations
	$(BIN)/python scripts/screenshots.py

# Re-resolve the lock files from pyproject.toml's ranges, for every platform and Python 3.11.x
# (uv in a throwaway environment); then commit both files.
LOCK_VENV := $(or $(TMPDIR),/tmp)/pluginnovation-lock
UV_COMPILE := UV_NO_CONFIG=1 $(LOCK_VENV)/bin/uv pip compile --quiet --universal --generate-hashes \
	--python-version 3.11 --index-url https://pypi.org/simple --no-emit-index-url \
	--custom-compile-command "make lock" $(LOCK_ARGS)
lock:
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet uv
	$(UV_COMPILE) pyproject.toml -o requirements.lock
	$(UV_COMPILE) --extra dev -c requirements.lock pyproject.toml -o requirements-dev.lock
	rm -rf $(LOCK_VENV)

# Build the production image with podman and prove it works (see "Deploy" in README.md);
# needs DATABASE_URL pointing at a PostgreSQL whose role may create databases.
container-check:
	scripts/container_check.sh

# The compose stack with stand-in images: two web replicas, Redis, the proxy, the scheduler.
compose-check:
	scripts/compose_check.sh

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
