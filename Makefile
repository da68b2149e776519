# Two commands for a newcomer: `make run` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint evaluate bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# The web service on http://127.0.0.1:8000 (SQLite and files under ./data). Create an
# account first: .venv/bin/simplify user add you@example.fr
run: $(STAMP)
	$(BIN)/simplify serve --host 127.0.0.1 --port 8000

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check simplify api tests benchmarks
	$(BIN)/ruff format --check simplify api tests benchmarks
	$(BIN)/mypy

evaluate: $(STAMP)
	$(BIN)/python -m benchmarks.evaluate_corpus

bench: $(STAMP)
	$(BIN)/python -m benchmarks.bench_analyse

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
