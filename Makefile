# Two entry points (README "Quick start"): `make run` and `make test`.
# Each creates .venv when missing; nothing outside the project is assumed but Python 3.11+ and PyPI.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install install-test browser serve clean stop

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

# The browser tests (tests/test_web_browser.py) drive Debian's chromium; Playwright never downloads one.
# Installed here when missing (as root, with apt); the test fixture does the same.
browser:
	@[ -x /usr/bin/chromium ] || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
		{ DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-wqy-microhei || \
		  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-wqy-microhei; }; }; } || \
		echo "make: /usr/bin/chromium is missing and cannot be installed here: sudo apt-get install chromium fonts-wqy-microhei" >&2

test: install-test browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

serve: install
	$(BIN)/parkdb serve

stop:
	-$(BIN)/parkdb stop

# The database lives in the per-user data folder (parkdb status names it) and is never removed here.
clean: stop
	rm -rf $(VENV) .parkdb/test
