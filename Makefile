# The README's commands. Each sets up what it needs (a .venv in the repo root, created once).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements.lock
ACRO_LOCK := requirements-acro.lock
DATA ?= data/synthetic/banten
PERIOD ?= 2026Q1
PORT ?= 8888
# test workers (pytest-xdist): one per core; WORKERS=0 runs the suite in one process
WORKERS ?= auto
# the tiers `make test` runs: `fast` (every test not marked `slow` or `browser`), or `all` (every tier in one run, as CI
# runs it: the slow files share the workers with the rest instead of running after them)
TIER ?= fast
TIER_MARKS := $(if $(filter all,$(TIER)),,-m "not slow and not browser")

# Python caches what it compiles (pytest: the tests it rewrote) in __pycache__ folders (.gitignore'd); where a machine sets
# PYTHONDONTWRITEBYTECODE, every test worker, kernel and `merit` process would compile them again, each time
unexport PYTHONDONTWRITEBYTECODE

.PHONY: setup hooks report test test-slow test-all quick lint lab screenshots clean lock

# the tested versions from the lock, then this package itself (its ranges are in pyproject.toml)
# ACRO, the test suite's independent disclosure checker, pins pandas<=2.3.3: its own environment (docs/disclosure.md),
# installed while the main one installs (each takes most of a core: ~25 s and ~40 s on a 2-core machine)
$(STAMP): pyproject.toml $(LOCK) $(ACRO_LOCK)
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	test -x $(VENV)/acro/bin/python || $(PY) -m venv $(VENV)/acro
	$(VENV)/acro/bin/python -m pip install --quiet -r $(ACRO_LOCK) & acro=$$!; \
	{ $(BIN)/python -m pip install --quiet --upgrade pip && $(BIN)/python -m pip install --quiet -r $(LOCK) \
	  && $(BIN)/python -m pip install --quiet --no-deps -e .; }; main=$$?; \
	wait $$acro; acro=$$?; \
	[ $$main = 0 ] || echo "the main environment failed to install (above)" >&2; \
	[ $$acro = 0 ] || echo "ACRO's environment ($(ACRO_LOCK)) failed to install (above)" >&2; \
	[ $$main = 0 ] && [ $$acro = 0 ]
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

setup: $(STAMP) hooks

# the pre-commit hooks of .pre-commit-config.yaml (local hooks calling the venv's tools: nothing is downloaded), installed
# only where this folder is a git work tree of its own (a tarball, or a copy without .git, is skipped, never an error)
hooks: $(STAMP)
	@if [ -e .git ] && git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
	  $(BIN)/pre-commit install || echo "pre-commit hooks not installed (see above); the environment is ready"; \
	else echo "not a git work tree: pre-commit hooks not installed"; fi

$(DATA)/pegawai.csv: | $(STAMP)
	$(BIN)/merit synth --out $(DATA) --period $(PERIOD)

report: $(STAMP) $(DATA)/pegawai.csv
	$(BIN)/merit report --data $(DATA) --period $(PERIOD) --out reports/$(PERIOD)

lint: $(STAMP)
	$(BIN)/ruff check merit_lib tests benchmarks

# ruff, then the fast tier: every test not marked `slow` or `browser` (TIER=all: every test), and the notebooks under
# nbval, on parallel workers (pytest-xdist), a test file per worker at a time (`--dist loadfile`: a file's fixtures are
# made once, a notebook's cells stay in order in one kernel), in the order tests/conftest.py gives (slow tiers, then the
# longest files first; xdist would otherwise order files by how many tests they hold); the reports several files read
# are built once (tests/conftest.py)
test: $(STAMP) lint
	$(BIN)/python -m pytest tests --nbval-lax notebooks -p no:cacheprovider -n $(WORKERS) --no-loadscope-reorder --dist loadfile $(TIER_MARKS)

# the slow tiers `make test` leaves out: `slow` (whole-report fuzz and property tests, a year of quarters, the
# installed wheel) and `browser` (pages and PDFs in headless Chromium; skipped, said once in the summary, where Chromium
# is absent)
test-slow: $(STAMP)
	$(BIN)/python -m pytest tests -p no:cacheprovider -n $(WORKERS) --no-loadscope-reorder --dist loadfile -m "slow or browser"

# every tier in one run: what CI runs (.ci/run)
test-all:
	$(MAKE) test TIER=all

# while working: the fast tier's tests without ruff and the notebooks
quick: $(STAMP)
	$(BIN)/python -m pytest tests -p no:cacheprovider -n $(WORKERS) --no-loadscope-reorder --dist loadfile -m "not slow and not browser"

# JupyterLab on the project, also as root (our machines run as root), on 127.0.0.1:$(PORT); open the URL it prints
lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=. --allow-root --port $(PORT) --ip 127.0.0.1 --no-browser

# docs/ screenshots (desktop OPD page, audit page, phone index) from a small synthetic report, in headless Chromium
screenshots: $(STAMP)
	$(BIN)/python docs/screenshots.py --out docs

# refresh the lock: resolve pyproject.toml's ranges in a fresh environment and record what was installed
# jsonschema < 4.25 (nbformat's validator): 4.25 added rfc3987-syntax, which builds ~35 Earley parsers when imported,
# 0.9 s of CPU in every process that imports nbformat (each `merit report`, kernel, papermill and nbstripout run;
# python-jsonschema/jsonschema#1428); nothing we run validates an `iri` format
lock:
	rm -rf .lockvenv && $(PY) -m venv .lockvenv
	.lockvenv/bin/python -m pip install --quiet -e '.[dev]' 'jsonschema<4.25'
	{ sed -n '1,2p' $(LOCK); .lockvenv/bin/python -m pip freeze --exclude-editable | grep -iv '^merit'; } > $(LOCK).new
	mv $(LOCK).new $(LOCK) && rm -rf .lockvenv

clean:
	rm -rf $(VENV) reports/*/ data/synthetic/*/
