# Two commands on a fresh machine: `make run` (set up, migrate, seed, serve) and `make test` (the suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
PYTEST_WORKERS ?= 2
export FLASK_APP := wsgi

.PHONY: run test lint system-deps translations messages clean-venv

# Debian packages the documents and the browser tests need; installed when missing and we are root.
SYSTEM_PACKAGES := fonts-liberation2 fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils chromium

system-deps:
	@bash scripts/system-deps.sh $(SYSTEM_PACKAGES)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(BIN)/pip install -q -r requirements-dev.txt
	@touch $@

translations: $(VENV)/.runtime
	@$(BIN)/pybabel compile -d penalties/translations

run: system-deps $(VENV)/.runtime translations
	PENALTIES_ENV=development $(BIN)/flask db upgrade
	PENALTIES_ENV=development $(BIN)/flask seed reference
	PENALTIES_ENV=development $(BIN)/flask seed demo
	@echo "Mở / open http://$(HOST):$(PORT)/ — tài khoản mẫu ở trên (hoặc instance/demo-credentials.txt)"
	PENALTIES_ENV=development $(BIN)/flask run --host $(HOST) --port $(PORT)

lint: $(VENV)/.dev
	$(BIN)/ruff check penalties tests bench scripts wsgi.py
	$(BIN)/ruff format --check penalties tests bench scripts wsgi.py

test: system-deps $(VENV)/.dev translations lint
	@bash scripts/ensure-redis.sh
	@echo "=== Bộ kiểm thử trên SQLite / test suite on SQLite ==="
	TEST_DATABASE=sqlite $(BIN)/pytest -n $(PYTEST_WORKERS)
	@bash scripts/ensure-postgres.sh
	@echo "=== Bộ kiểm thử trên PostgreSQL / test suite on PostgreSQL ==="
	TEST_DATABASE=postgresql $(BIN)/pytest -n $(PYTEST_WORKERS)

clean-venv:
	rm -rf $(VENV)

# Extract the messages of the code and templates and merge them into the English catalogue.
messages: $(VENV)/.runtime
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ --ignore-dirs '.*' --no-location --sort-output -o penalties/translations/messages.pot .
	$(BIN)/pybabel update -i penalties/translations/messages.pot -d penalties/translations --no-fuzzy-matching --ignore-obsolete
