# `make html` sets up a fresh clone and builds the book; `make test` also runs the tests. See CONTRIBUTING.md.
SHELL := /bin/bash
PYTHONS := 3.13 3.12 3.11
PYTHON ?=
VENV ?= .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
BOOK_FLAGS ?= -W -n --keep-going
# Dates in the built book come from the last commit, so two builds of one commit are identical.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export PYTHONHASHSEED := 0
unexport HIGHTECH_ZONES_DATA
# Python keeps the bytecode it compiles, whatever the machine says: else each kernel compiles pandas and Altair again.
unexport PYTHONDONTWRITEBYTECODE
.PHONY: html test check lint pdf lab lab-vegalite axe lighthouse dist bench check-data clean lock gettext test-tools font find-python

# Each step is a file made from its prerequisites: make runs only what changed. Each chapter runs once for both
# editions (build/execute.py); they build side by side, English in _build/html, Chinese in _build/zh_CN.
EDITIONS ?= en zh_CN
ZH := _build/zh_CN
ZH_BUILD = $(BIN)/jupyter-book build . --config "$$($(BIN)/python -m hightech_zones.build.editions config zh_CN)" --path-output $(ZH)
EN_SITE := _build/html/.buildinfo
ZH_SITE := $(ZH)/_build/html/.buildinfo
SITES := $(if $(filter en,$(EDITIONS)),$(EN_SITE)) $(if $(filter zh_CN,$(EDITIONS)),$(ZH_SITE) _build/html/zh_CN/index.html)
# _build/.flags changes when the flags, the base URL or the editions do: then the steps run again.
$(shell mkdir -p _build; f='$(BOOK_FLAGS) $(HIGHTECH_ZONES_BASE_URL) $(EDITIONS)'; [ "$$(cat _build/.flags 2>/dev/null)" = "$$f" ] || echo "$$f" > _build/.flags)
SOURCES := $(READY) _build/.flags _config.yml _toc.yml $(wildcard chapters/*.md data/* _static/* _static/*/*) \
           $(shell find hightech_zones -name '*.py' -o -name '*.js' -o -name '*.html')
html: check-data
	@$(MAKE) --no-print-directory -s -j2 -O $(SITES)
	@echo "make html: the book is in _build/html/index.html$(if $(filter zh_CN,$(EDITIONS)),; its Chinese edition in _build/html/zh_CN/index.html)"
_build/.executed: $(SOURCES)
	@$(BIN)/python -m hightech_zones.build.execute $(EDITIONS) && touch $@
$(EN_SITE): _build/.executed
	@$(BIN)/jupyter-book build . $(BOOK_FLAGS) && touch $@ \
	  || { rm -rf _build/html _build/.doctrees; echo "make html: the build failed; _build/html was removed" >&2; exit 1; }
$(ZH_SITE): _build/.executed _config.zh_CN.yml $(wildcard locale/zh_CN/LC_MESSAGES/*.po locale/zh_CN/LC_MESSAGES/*/*.po)
	@$(ZH_BUILD) $(BOOK_FLAGS) && touch $@ \
	  || { rm -rf _build/html/zh_CN $(ZH)/_build/.doctrees; echo "make html: the Chinese edition failed; _build/html/zh_CN was removed" >&2; exit 1; }
_build/html/zh_CN/index.html: $(ZH_SITE) $(EN_SITE)
	@rm -rf _build/html/zh_CN && cp -a $(ZH)/_build/html _build/html/zh_CN && touch $@
	@$(BIN)/python -m hightech_zones.build.publish sitemap >/dev/null  # one sitemap for both editions

# Stop before the build, with one clear message, if a data file is missing, malformed or inconsistent.
check-data: _build/.data-checked
_build/.data-checked: $(READY) $(wildcard data/* locale/*/LC_MESSAGES/*.po locale/*/LC_MESSAGES/*/*.po hightech_zones/data/*.py)
	@$(BIN)/python -m hightech_zones.data.validate && touch $@ \
	  || { rm -rf _build/html _build/.doctrees; echo "make: stopped; fix the data file named above" >&2; exit 1; }
# Extract the English prose into the Chinese catalogues (the theme's words: by hand, in sphinx.po).
gettext: check-data
	@$(BIN)/jupyter-book build . --config "$$($(BIN)/python -m hightech_zones.build.editions pot)" \
	  --path-output _build/gettext --builder custom --custom-builder gettext --all -q && rm _build/gettext/_build/gettext/sphinx.pot
	@$(BIN)/sphinx-intl update --pot-dir _build/gettext/_build/gettext --locale-dir locale --language zh_CN --line-width 0 --no-obsolete
# The PDF of each edition: _build/latex/book.pdf and _build/latex/book.zh_CN.pdf, refusing a glyph the fonts lack.
define latex_pdf
@rm -f $(2)/book.pdf; $(1) --builder pdflatex $(BOOK_FLAGS) && test -s $(2)/book.pdf || { echo "make pdf: the build failed; see $(2)/book.log" >&2; exit 1; }
@! grep -m5 "Missing character" $(2)/book.log || { echo "make pdf: characters are missing from the fonts (above; all in $(2)/book.log)" >&2; exit 1; }
endef
pdf: check-data _build/.executed
	@$(BIN)/python -m hightech_zones.build.system_packages --check pdf
	$(call latex_pdf,$(BIN)/jupyter-book build .,_build/latex)
	$(call latex_pdf,$(ZH_BUILD),$(ZH)/_build/latex)
	@cp $(ZH)/_build/latex/book.pdf _build/latex/book.zh_CN.pdf && echo "make pdf: _build/latex/book.pdf and _build/latex/book.zh_CN.pdf"
# Afresh, under a clock two days on, so a page printing its build day fails the date test (latexmk fails under it).
MOVED_CLOCK := faketime -f +2d
test: test-tools lint lab-vegalite axe lighthouse
	@rm -rf _build
	@$(MOVED_CLOCK) $(MAKE) --no-print-directory html
	@$(MAKE) --no-print-directory pdf
	$(MOVED_CLOCK) $(BIN)/python -m pytest
check: $(READY) lab-vegalite  # the fast tier: tests/unit needs no build, browser, PDF, make or kernel
	$(BIN)/python -m pytest tests/unit --hypothesis-profile=check
lint: $(READY)  # the last two lines: the book's code column, where no cell may scroll sideways
	$(BIN)/ruff check hightech_zones tests .ci
	$(BIN)/actionlint .github/workflows/*.yml
	$(BIN)/cffconvert --validate --infile CITATION.cff
	@$(BIN)/python .ci/chapter_code.py _build/lint
	$(BIN)/ruff check --line-length 79 _build/lint
test-tools: $(READY)  # what the tests need beyond Python, through apt-get
	@$(BIN)/python -m hightech_zones.build.system_packages
# npm tools of the tests, pinned with hashes: JupyterLab's vega and vega-lite, axe-core, Lighthouse.
lab-vegalite: tests/npm/vegalite/node_modules/.package-lock.json
axe: tests/npm/axe/node_modules/.package-lock.json
lighthouse: tests/npm/lighthouse/node_modules/.package-lock.json
%/node_modules/.package-lock.json: %/package-lock.json
	@if command -v npm >/dev/null; then cd $* && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; \
	elif [ -n "$$CI" ]; then echo "make test: npm is missing (Debian: apt-get install nodejs npm)" >&2; exit 1; \
	else echo "make test: npm is missing, so the tests that need $(notdir $*) skip" >&2; fi
dist: html pdf
	@$(BIN)/python -m hightech_zones.build.publish dist
lab: $(READY)
	$(BIN)/python -m hightech_zones.build.lab --port=$(or $(LAB_PORT),8888) $(LAB_FLAGS)
# The environment: pip installs uv from its hash-pinned lines of the lock, and uv installs the lock.
$(READY): requirements.txt pyproject.toml
	@test -x $(BIN)/python || { py=$$($(MAKE) --no-print-directory -s find-python) && echo "make: setting up $(VENV) with $$py" \
	  && { "$$py" -m venv $(VENV) || { rm -rf $(VENV); exit 1; }; }; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r <(sed -n '/^uv==/,/[^\\]$$/p' requirements.txt)
	$(BIN)/uv pip install --quiet --python $(BIN)/python --require-hashes --no-deps -r requirements.txt
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	@touch $@
find-python:
	@PYTHON="$(PYTHON)" sh hightech_zones/build/find-python.sh $(PYTHONS)
lock:  # re-pin every package with hashes for every supported Python and platform (CONTRIBUTING.md)
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --universal --python-version $(lastword $(PYTHONS)) \
	  --no-header --no-emit-package rfc3987-syntax --no-emit-package lark --override .ci/lock-overrides.txt -o requirements.txt
font: $(READY)  # cut the web book's Chinese font again when the book needs characters it lacks
	@$(BIN)/python -m hightech_zones.build.fonts
bench: $(READY)  # time the book beside the stock template: .ci/bench.py --help
	@$(BIN)/python .ci/bench.py --runs $(or $(BENCH_RUNS),3) $(BENCH_FLAGS)
clean:
	rm -rf _build
