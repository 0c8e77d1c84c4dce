# The README's commands. Each sets up what it needs (a .venv in the repo root, created once).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements.lock
DATA ?= data/synthetic/banten
PERIOD ?= 2026Q1

.PHONY: setup report test lint lab clean lock

# the tested versions from the lock, then this package itself (its ranges are in pyproject.toml)
$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
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

# refresh the lock: resolve pyproject.toml's ranges in a fresh environment and record what was installed
lock:
	rm -rf .lockvenv && $(PY) -m venv .lockvenv
	.lockvenv/bin/python -m pip install --quiet -e '.[dev]'
	{ sed -n '1,2p' $(LOCK); .lockvenv/bin/python -m pip freeze --exclude-editable | grep -iv '^merit'; } > $(LOCK).new
	mv $(LOCK).new $(LOCK) && rm -rf .lockvenv

clean:
	rm -rf $(VENV) reports/*/ data/synthetic/*/
