# `make run` and `make test` are the two entry points; each sets up .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck unit bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	@if [ -n "$$TELEGRAM_BOT_TOKEN" ] || grep -qs '^TELEGRAM_BOT_TOKEN=.' .env; then \
		$(BIN)/commonground run; \
	else \
		$(BIN)/commonground chat; \
	fi

test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check bot tests bench
	$(BIN)/ruff format --check bot tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/commonground check-playbooks
	@# Bytecode caches even where PYTHONDONTWRITEBYTECODE is set: the tests start the program
	@# about a hundred times, and each xdist worker would rewrite every test module again.
	@# worksteal: a worker that runs out takes tests queued for the other. Under the default
	@# (load) one worker was still busy with its share of slow e2e tests 75 s after the other
	@# had finished. Three workers on two cores: the end-to-end tests spend much of their time
	@# waiting on sockets, subprocesses and the sandbox, and a third worker fills those waits.
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -q -n 3 --dist worksteal

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
