# Two set-up commands for people: `make demo` and `make test`. The rest serve those two.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck contracts pytest bench faults schema clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	# torch first, pinned: on this project's machines pip takes the CPU wheel of 2.13.0 kept on
	# local disk; from PyPI alone the same pin is the multi-GB CUDA build (the Dockerfile asks the
	# PyTorch CPU index instead). Installed first, the project's range installs nothing more.
	$(BIN)/pip install --quiet --disable-pip-version-check torch==2.13.0
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/radar demo

test: lint typecheck contracts pytest

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy bot collector classifier identity recommender textparse vocabulary crm analytics db sandbox scripts

contracts: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP)
	$(BIN)/pytest -q -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# The fault suite: its own PostgreSQL and Redis, SIGKILLs, outages (minutes; not in `test`).
faults: $(STAMP)
	$(BIN)/python -m bench.faults $(FAULTS_ARGS)

schema: $(STAMP)
	$(BIN)/python -m scripts.regen_schema

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
