# verbund – the two commands of the README, plus a few helpers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
export VERBUND_VAR_DIR ?= $(CURDIR)/var
# make demo HOST=0.0.0.0 PORT=8080 serves elsewhere than 127.0.0.1:8000.
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test lint format check-migrations test-postgres browsers clean screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml $(STAMP)
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

## make demo: install, migrate, load the demo data and serve at http://$(HOST):$(PORT)
demo: $(STAMP)
	$(BIN)/verbund demo --host $(HOST) --port $(PORT)

## make test: lint, migrations check and the whole test suite (SQLite unless VERBUND_DATABASE_URL)
test: lint check-migrations
	$(BIN)/pytest -q -n 2 --dist loadfile

lint: $(DEV_STAMP)
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench

format: $(DEV_STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

check-migrations: $(DEV_STAMP)
	VERBUND_VAR_DIR=$$(mktemp -d) $(BIN)/verbund makemigrations --check --dry-run

## make test-postgres: the suite against PostgreSQL at 127.0.0.1:5432, database test
test-postgres: $(DEV_STAMP)
	VERBUND_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test $(BIN)/pytest -q -n 2 --dist loadfile

## make screenshots: load the demo, serve it on port 8765 and write every role's main pages
## at 1366 and 390 px as PNGs into var/screenshots/
SCREENSHOT_PORT ?= 8765
screenshots: $(DEV_STAMP)
	$(BIN)/verbund demo --no-serve
	$(BIN)/verbund runserver 127.0.0.1:$(SCREENSHOT_PORT) --noreload --insecure & echo $$! > $(VERBUND_VAR_DIR)/screenshots-server.pid; \
	$(BIN)/verbund worker --sole & echo $$! > $(VERBUND_VAR_DIR)/screenshots-worker.pid; \
	sleep 3; \
	PYTHONPATH=$(CURDIR) $(BIN)/python -m tests.browser.screenshots --axe --base-url http://127.0.0.1:$(SCREENSHOT_PORT) --out $(VERBUND_VAR_DIR)/screenshots; \
	status=$$?; kill $$(cat $(VERBUND_VAR_DIR)/screenshots-server.pid) $$(cat $(VERBUND_VAR_DIR)/screenshots-worker.pid); exit $$status

clean:
	rm -rf $(VENV) var
