# The README's two commands are `make demo` and `make test`; each installs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint typecheck unit lock clean system-packages bench-env

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock scripts/system-packages.sh
	bash scripts/system-packages.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

demo: install
	$(BIN)/sanctionwatch --workspace demo-workspace demo

test: install lint typecheck unit

lint: install
	$(BIN)/ruff check src tests bench scripts

typecheck: install
	$(BIN)/mypy --strict

unit: install
	bash scripts/pytest.sh

# Re-pin dependencies after editing pyproject.toml (needs the registry).
lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra bench --python-version 3.11 -o requirements-bench.lock

# The benchmarks' peers (nomenklatura's matcher, MovingPandas), pinned, in a venv of their own:
# nomenklatura wants DuckDB 1.x, and the tests must keep running on the main lock's DuckDB.
BENCH_VENV := .venv-bench
bench-env: $(BENCH_VENV)/.installed

$(BENCH_VENV)/.installed: requirements-bench.lock pyproject.toml
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-bench.lock
	$(BENCH_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

clean:
	rm -rf $(VENV) $(BENCH_VENV) demo-workspace .mypy_cache .pytest_cache .ruff_cache
