# The project's vocabulary: make run, make test, make lint, make translations, make bench.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test lint format translations compile-translations bench clean
SCALE ?= 100

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@ $(STAMP)

compile-translations: $(STAMP)
	$(MANAGE) compile_translations

run: $(STAMP) compile-translations
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo
	$(MANAGE) runserver 127.0.0.1:8000

test: $(DEV_STAMP)
	DJANGO_SETTINGS_MODULE=pluginnovation.settings.test $(BIN)/python manage.py compile_translations
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest $(PYTEST_ARGS)

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

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
