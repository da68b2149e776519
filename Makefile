# Two commands for a newcomer: `make run` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SAMPLE ?= corpora/letters/01-indu-rsa/original.txt

.PHONY: run test lint evaluate bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/simplify analyse $(SAMPLE)

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check simplify tests benchmarks
	$(BIN)/ruff format --check simplify tests benchmarks
	$(BIN)/mypy

evaluate: $(STAMP)
	$(BIN)/python -m benchmarks.evaluate_corpus

bench: $(STAMP)
	$(BIN)/python -m benchmarks.bench_analyse

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
