# Two entry points for a fresh machine with Python 3.11 and make:
#   make demo   install into .venv if needed, parse a bundled real report, print its JSON
#   make test   install the dev extras if needed, run pytest, mypy --strict, ruff and the docs build
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
DEMO := tests/fixtures/real/shuyang_fgj_2023.html

.PHONY: demo test install lint typecheck docs bench schema clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	@$(BIN)/govdisclosure parse $(DEMO) --indent 2

test: $(STAMP)
	$(BIN)/python -m pytest
	$(BIN)/python -m mypy --strict
	$(BIN)/python -m ruff check .
	$(BIN)/python -m ruff format --check .
	$(BIN)/python -m sphinx -W --keep-going -q -b html docs docs/_build/html

lint: $(STAMP)
	$(BIN)/python -m ruff check .
	$(BIN)/python -m ruff format --check .

typecheck: $(STAMP)
	$(BIN)/python -m mypy --strict

docs: $(STAMP)
	$(BIN)/python -m sphinx -W --keep-going -b html docs docs/_build/html

schema: $(STAMP)
	$(BIN)/python -c "from govdisclosure.serialize import write_json_schema as w; w('src/govdisclosure/data/report.schema.json')"

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) docs/_build .mypy_cache .pytest_cache .ruff_cache
