# Two commands on a fresh machine: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | md5sum | cut -c1-8)
DEV_STAMP := $(VENV)/.dev-$(shell cat pyproject.toml | md5sum | cut -c1-8)
PORT ?= 8501

.PHONY: setup setup-dev run serve test cluster-test docs-img lint bench services-up services-down clean

$(STAMP):
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e '.[ui,api]'
	touch $@

$(DEV_STAMP): $(STAMP)
	$(PIP) install -q -e '.[ui,api,postgres,firebase,train,dev]'
	touch $@

setup: $(STAMP)
setup-dev: $(DEV_STAMP)

## Start the app on the embedded defaults (SQLite, shipped model, offline catalog).
run: setup
	$(VENV)/bin/moodify serve --port $(PORT)

## Set up, start the real services (PostgreSQL, Firestore and Firebase Auth emulators), run every test.
test: setup-dev
	scripts/test.sh

## PostgreSQL, 2 API + 2 app replicas and nginx on loopback; 20 users through the proxy, a replica killed.
cluster-test: setup-dev
	scripts/cluster-test.sh

## Rerun the browser test and refresh the README's screenshots in docs/img/ from it.
docs-img: setup-dev
	MOODIFY_UPDATE_DOCS_IMG=1 scripts/test.sh tests/ui/test_browser.py

lint: setup-dev
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy

bench: setup-dev
	$(PY) -m benchmarks

services-up: setup-dev
	scripts/services.sh start
services-down:
	scripts/services.sh stop

clean:
	rm -rf $(VENV) .services .pytest_cache .mypy_cache .ruff_cache
