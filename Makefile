# Two entry points (README "Quick start"): `make run` and `make test`.
# Each creates .venv when missing; nothing outside the project is assumed but Python 3.11+ and PyPI.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install install-test clean stop

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(BIN)/parkdb upgrade
	$(BIN)/parkdb load; status=$$?; [ $$status -le 1 ] || exit $$status
	$(BIN)/parkdb status

test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

stop:
	-$(BIN)/parkdb stop

# The database lives in the per-user data folder (parkdb status names it) and is never removed here.
clean: stop
	rm -rf $(VENV) .parkdb/test
