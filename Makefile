# Social Value Plan Builder. `make run` and `make test` set everything up on first use.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install help run test demo lint format preview screenshots bench installer installer-check clean sysdeps schema

help:
	@echo "make run          start the app (sets up .venv and the Qt libraries first)"
	@echo "make test         install, then run the whole test suite (lint included)"
	@echo "make demo         export examples/sample.svplan to build/demo/sample.docx"
	@echo "make lint         ruff check and ruff format --check"
	@echo "make preview      render the demo plan to PNG pages in docs/preview/"
	@echo "make screenshots  window screenshots under Xvfb into docs/screenshots/"
	@echo "make bench        benchmarks (writes benchmarks/results.md)"
	@echo "make installer    build dist/SocialValuePlanBuilder-<version>-setup.exe"
	@echo "make installer-check  inspect the installer and run its Windows Python under wine"
	@echo "make installer-gui-check  install it under wine + Xvfb, start the window, uninstall"
	@echo "make wheel-check  the wheel installed non-editable in a fresh venv: self-test"

sysdeps:
	@bash packaging/sysdeps.sh qt

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) sysdeps

run: install
	$(VENV)/bin/svplan gui $(ARGS)

test: install
	$(VENV)/bin/ruff check src tests benchmarks packaging docs/screenshots.py
	$(VENV)/bin/ruff format --check src tests benchmarks packaging docs/screenshots.py
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check src tests benchmarks packaging docs/screenshots.py
	$(VENV)/bin/ruff format --check src tests benchmarks packaging docs/screenshots.py

format: install
	$(VENV)/bin/ruff check --fix src tests benchmarks packaging docs/screenshots.py
	$(VENV)/bin/ruff format src tests benchmarks packaging docs/screenshots.py

demo: install
	@mkdir -p build/demo
	$(VENV)/bin/svplan check examples/sample.svplan || true
	$(VENV)/bin/svplan export examples/sample.svplan -o build/demo/sample.docx

schema: install
	$(VENV)/bin/svplan schema > docs/plan.schema.json

clean:
	rm -rf build dist .pytest_cache .ruff_cache

-include packaging/installer.mk
-include benchmarks/bench.mk
-include docs/docs.mk
