# The README's commands. Each sets up what it needs (a .venv in the repo root, created once).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA ?= data/synthetic/banten
PERIOD ?= 2026Q1

.PHONY: setup report test lint lab clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

setup: $(STAMP)

$(DATA)/pegawai.csv: | $(STAMP)
	$(BIN)/merit synth --out $(DATA) --period $(PERIOD)

report: $(STAMP) $(DATA)/pegawai.csv
	$(BIN)/merit report --data $(DATA) --period $(PERIOD) --out reports/$(PERIOD)

lint: $(STAMP)
	$(BIN)/ruff check merit_lib tests benchmarks

test: $(STAMP) lint
	$(BIN)/python -m pytest tests --nbval-lax notebooks -p no:cacheprovider

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=.

clean:
	rm -rf $(VENV) reports/*/ data/synthetic/*/
