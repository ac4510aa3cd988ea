# The book's commands. `make html` sets everything up on a fresh clone and builds the book;
# `make test` does the same and runs the tests. See README.md.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
BOOK_FLAGS ?= -W -n --keep-going
# Dates in the built book come from the last commit, so two builds of one commit are identical.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export PYTHONHASHSEED := 0

.PHONY: html test pdf lab bench check-data clean lock

html: check-data
	@$(BIN)/jupyter-book build . $(BOOK_FLAGS) \
	  || { rm -rf _build/html _build/.doctrees; echo "make html: the build failed; _build/html was removed" >&2; exit 1; }
	@echo "make html: the book is in _build/html/index.html"

test: html
	$(BIN)/python -m pytest

# Stop before the build, with one clear message, if any data file is missing, malformed or inconsistent.
check-data: $(READY)
	@$(BIN)/python -m hightech_zones.validate \
	  || { rm -rf _build/html _build/.doctrees; echo "make: stopped; fix the data file named above" >&2; exit 1; }

$(READY): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

clean:
	rm -rf _build

# Time, weigh and draw the book beside the stock Jupyter Book template, on scratch copies: the
# median of BENCH_RUNS runs (make bench BENCH_FLAGS=--quick for one run; see .ci/bench.py --help).
BENCH_RUNS ?= 3
BENCH_FLAGS ?=
bench: $(READY)
	@$(BIN)/python .ci/bench.py --runs $(BENCH_RUNS) $(BENCH_FLAGS)

# Re-resolve and re-pin every package, with hashes (needs uv: pip install uv).
lock:
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 --no-header -o requirements.txt
