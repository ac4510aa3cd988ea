# The book's commands. `make html` sets everything up on a fresh clone and builds the book;
# `make test` does the same and runs the tests. See README.md.
SHELL := /bin/bash
# The Python versions requirements.txt is locked for (pyproject.toml's requires-python), newest
# first. PYTHON=/path/to/python3.X names the interpreter; else `make find-python` picks one.
PYTHONS := 3.13 3.12 3.11
PYTHON ?=
VENV ?= .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
UV_FLAGS = --quiet --python $(BIN)/python
BOOK_FLAGS ?= -W -n --keep-going
# Dates in the built book come from the last commit, so two builds of one commit are identical.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export PYTHONHASHSEED := 0
# The book's own data/, whatever an author's shell points the loader at for an experiment (data.py).
unexport HIGHTECH_ZONES_DATA

.PHONY: html test check lint pdf lab lab-vegalite axe lighthouse dist bench check-data check-tex clean lock gettext test-tools font

# Both editions: the English one in _build/html, the Chinese one built in _build/zh_CN (its own
# execution cache and doctrees) and copied into _build/html/zh_CN; see hightech_zones/build/editions.py.
# They build side by side (each is one process and one kernel at a time, and machines have two
# cores or more); the Chinese build's log follows the English one's. `make html EDITIONS=en` builds
# the English edition alone (make bench times the second edition on top of the first).
EDITIONS ?= en zh_CN
ZH := _build/zh_CN
ZH_BUILD = $(BIN)/jupyter-book build . --config "$$($(BIN)/python -m hightech_zones.build.editions config zh_CN)" \
	  --path-output $(ZH)

# With nothing changed since the last good build (a stamp of every file the book is made from, and
# of these arguments: hightech_zones/build/uptodate.py), `make html` says so instead of starting Sphinx.
HTML_STAMP := _build/.html-built
UPTODATE = $(BIN)/python -m hightech_zones.build.uptodate $(1) $(HTML_STAMP) $(EDITIONS) $(BOOK_FLAGS) $(HIGHTECH_ZONES_BASE_URL)

# One edition alone runs its chapters ahead, two at a time (hightech_zones/build/preexecute.py); two editions
# need not: their builds side by side already keep two cores busy (measured: both editions 55 s without
# it, 63 s with it; the English edition alone 35 s with it, 48 s without).
PREEXECUTE = $(BIN)/python -m hightech_zones.build.preexecute $(EDITIONS) \
	  || echo "make html: running the chapters ahead failed; the build runs them" >&2;

html: check-data
	@if $(call UPTODATE,check); then echo "make html: nothing changed since the last build, in _build/html"; exit 0; fi; \
	$(call UPTODATE,start); \
	$(if $(filter 1,$(words $(EDITIONS))),$(PREEXECUTE)) \
	zh=""; if [ -n "$(filter zh_CN,$(EDITIONS))" ]; then mkdir -p $(ZH); \
	  { $(ZH_BUILD) $(BOOK_FLAGS) >$(ZH)/build.log 2>&1; echo $$? >$(ZH)/build.status; } & zh=$$!; fi; \
	$(BIN)/jupyter-book build . $(BOOK_FLAGS); en=$$?; \
	if [ -n "$$zh" ]; then wait $$zh; cat $(ZH)/build.log; fi; \
	if [ $$en != 0 ]; then rm -rf _build/html _build/.doctrees; \
	  echo "make html: the build failed; _build/html was removed" >&2; exit 1; fi; \
	if [ -z "$$zh" ]; then $(call UPTODATE,done); echo "make html: the book is in _build/html/index.html (English edition only)"; exit 0; fi; \
	if [ "$$(cat $(ZH)/build.status)" != 0 ] || ! $(BIN)/python -m hightech_zones.build.editions publish zh_CN >/dev/null; then \
	  rm -rf _build/html _build/.doctrees $(ZH)/_build/.doctrees; \
	  echo "make html: the Chinese edition failed; _build/html was removed" >&2; exit 1; fi; \
	$(call UPTODATE,done); \
	echo "make html: the book is in _build/html/index.html, its Chinese edition in _build/html/zh_CN/index.html"

# Extract the English prose and merge it into the Chinese catalogues (locale/zh_CN/LC_MESSAGES/);
# reads the English edition's executed outputs from its cache. See CONTRIBUTING.md.
gettext: check-data
	@$(BIN)/jupyter-book build . --config "$$($(BIN)/python -m hightech_zones.build.editions pot)" \
	  --path-output _build/gettext --builder custom --custom-builder gettext --all -q
	@$(BIN)/python -m hightech_zones.build.editions update

# The tests cover the HTML book in a browser, each chapter as a notebook and the PDF, after lint.
# They build the book afresh, so no cache or file left by an earlier build decides what they see,
# and they build its HTML and run under a clock moved two days on (faketime): a page that printed the day
# it was built, not its commit's (SOURCE_DATE_EPOCH), then shows a date that the date test can tell
# from the commit's, whatever the day, the commit's own included.
MOVED_CLOCK := faketime -f +2d
test: test-tools lint lab-vegalite axe lighthouse
	@rm -rf _build
	@$(MOVED_CLOCK) $(MAKE) --no-print-directory html
	@# latexmk tells what a run wrote by comparing file times with its clock: it fails under a moved one.
	@$(MAKE) --no-print-directory pdf
	$(MOVED_CLOCK) $(BIN)/python -m pytest

# What the tests need beyond Python (Chromium, TeX, Noto CJK, poppler, Node.js, faketime), before
# anything is built: installed through apt-get where it can be, else one line names the command.
test-tools: $(READY)
	@$(BIN)/python -m hightech_zones.build.system_packages

# The vega and vega-lite that JupyterLab ships, from npm, pinned with hashes in package-lock.json:
# tests/test_lab_vegalite.py checks every chart under them. Without npm a developer's test skips;
# in CI (CI=true) the install is required.
VEGALITE_CHECK := tests/vegalite
lab-vegalite: $(VEGALITE_CHECK)/node_modules/.package-lock.json
$(VEGALITE_CHECK)/node_modules/.package-lock.json: $(VEGALITE_CHECK)/package-lock.json
	@if command -v npm >/dev/null; then cd $(VEGALITE_CHECK) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; \
	elif [ -n "$$CI" ]; then echo "make test: npm is missing (Debian: apt-get install nodejs npm)" >&2; exit 1; \
	else echo "make test: npm is missing, so the charts are not checked under JupyterLab's Vega-Lite" >&2; fi

# axe-core, which tests/test_browser.py runs on every page at WCAG levels A and AA, from npm,
# pinned with its hash in tests/axe/package-lock.json. Without npm a developer's test skips.
AXE := tests/axe
axe: $(AXE)/node_modules/.package-lock.json
$(AXE)/node_modules/.package-lock.json: $(AXE)/package-lock.json
	@if command -v npm >/dev/null; then cd $(AXE) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; \
	elif [ -n "$$CI" ]; then echo "make test: npm is missing (Debian: apt-get install nodejs npm)" >&2; exit 1; \
	else echo "make test: npm is missing, so the pages are not checked with axe-core" >&2; fi

# Lighthouse, which tests/test_lighthouse.py runs on the built site with Debian's Chromium, from npm,
# pinned with hashes in tests/lighthouse/package-lock.json. Without npm a developer's test skips.
LIGHTHOUSE := tests/lighthouse
lighthouse: $(LIGHTHOUSE)/node_modules/.package-lock.json
$(LIGHTHOUSE)/node_modules/.package-lock.json: $(LIGHTHOUSE)/package-lock.json
	@if command -v npm >/dev/null; then cd $(LIGHTHOUSE) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; \
	elif [ -n "$$CI" ]; then echo "make test: npm is missing (Debian: apt-get install nodejs npm)" >&2; exit 1; \
	else echo "make test: npm is missing, so the site is not audited with Lighthouse" >&2; fi

# The release: both editions' site, both PDFs, the executed notebooks, the data package and
# SHA256SUMS in dist/hightech-zones-<version>.tar.gz, the same bytes from one commit (publish.py).
dist: html pdf
	@$(BIN)/python -m hightech_zones.build.publish dist

# The fast tier, for an author's every edit: the tests that need no build, no browser, no PDF,
# no make and no kernel (the markers are declared in pyproject.toml), and the property tests on a
# quarter of their examples (the Hypothesis profile "check", tests/conftest.py; `make test` runs all).
CHECK_TIER := not (build or browser or pdf or make or kernel)
check: $(READY) lab-vegalite
	$(BIN)/python -m pytest -m "$(CHECK_TIER)" --hypothesis-profile=check

# Ruff on the package, the tests, .ci and the chapters' code cells (written out by .ci/chapter_code.py);
# the rules and the line width are in pyproject.toml. actionlint on the deploy workflow, cffconvert on
# CITATION.cff.
lint: $(READY)
	$(BIN)/ruff check hightech_zones tests .ci
	$(BIN)/actionlint .github/workflows/*.yml
	$(BIN)/cffconvert --validate --infile CITATION.cff
	@$(BIN)/python .ci/chapter_code.py _build/lint
	$(BIN)/ruff check --line-length 79 _build/lint  # the book's code column: no cell scrolls sideways

# The PDF: one book with a title page, contents, numbered chapters and figures, charts as sharp PNGs.
TEX_PACKAGES := texlive-xetex texlive-lang-chinese texlive-fonts-recommended texlive-latex-extra \
                fonts-noto-cjk fonts-freefont-otf latexmk
TEX_STYLES := xeCJK.sty polyglossia.sty fncychap.sty tabulary.sty capt-of.sty needspace.sty wrapfig.sty
TEX_FONTS := "Noto Serif CJK SC" "Noto Sans CJK SC" "Noto Sans Mono CJK SC" "FreeSerif" "FreeSans" "FreeMono"

# Both editions: the English PDF in _build/latex/book.pdf, the Chinese one built in
# $(ZH)/_build/latex (beside its HTML build's doctrees) and copied to _build/latex/book.zh_CN.pdf.
ZH_PDF := _build/latex/book.zh_CN.pdf
# $(call latex_pdf,build command,LaTeX folder): build the PDF, then refuse a glyph the fonts lack.
define latex_pdf
@rm -f $(2)/book.pdf
@$(1) --builder pdflatex $(BOOK_FLAGS) && test -s $(2)/book.pdf \
  || { echo "make pdf: the build failed; see $(2)/book.log" >&2; exit 1; }
@! grep -m5 "Missing character" $(2)/book.log \
  || { echo "make pdf: characters are missing from the fonts (above; all in $(2)/book.log)" >&2; exit 1; }
endef

pdf: check-data check-tex
	@rm -f $(ZH_PDF)
	$(call latex_pdf,$(BIN)/jupyter-book build .,_build/latex)
	$(call latex_pdf,$(ZH_BUILD),$(ZH)/_build/latex)
	@cp $(ZH)/_build/latex/book.pdf $(ZH_PDF)
	@echo "make pdf: the book is in _build/latex/book.pdf, its Chinese edition in $(ZH_PDF)"

# Say exactly what to install when TeX, a LaTeX package or a font is missing.
check-tex:
	@missing=""; \
	for c in xelatex latexmk kpsewhich fc-list; do command -v $$c >/dev/null || missing="$$missing $$c"; done; \
	if command -v kpsewhich >/dev/null; then for s in $(TEX_STYLES); do kpsewhich $$s >/dev/null || missing="$$missing $$s"; done; fi; \
	if command -v fc-list >/dev/null; then for f in $(TEX_FONTS); do fc-list "$$f" | grep -q . || missing="$$missing '$$f'"; done; fi; \
	if [ -n "$$missing" ]; then \
	  echo "make pdf: missing:$$missing" >&2; \
	  echo "make pdf: on Debian or Ubuntu, install TeX and the fonts with:" >&2; \
	  echo "  sudo apt-get install $(TEX_PACKAGES)" >&2; \
	  echo "make pdf: and, to check the PDF (make test), poppler-utils" >&2; exit 1; fi

# Live notebooks: JupyterLab on the project. jupytext serves each chapter's .md as a notebook and
# the settings below make a double-click open it as one; its kernel starts in the chapter's folder.
LAB_PORT ?= 8888
LAB_FLAGS ?=
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json
LAB_AS_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)  # containers and CI run as root

# The kernels inherit HIGHTECH_ZONES_LANG (hightech_zones/language.py): `HIGHTECH_ZONES_LANG=zh_CN make lab`
# runs the chapters as the Chinese edition's build does, with its labels.
lab: $(READY)
	@lang=$$($(BIN)/python -c 'from hightech_zones.language import language; print(language())' 2>&1) \
	  || { echo "make lab: $${lang##*ValueError: }" >&2; exit 1; }; \
	  echo "make lab: the notebooks run in the $$lang edition's language (HIGHTECH_ZONES_LANG=$$lang)"
	@mkdir -p $(dir $(LAB_SETTINGS))
	@echo '{"@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}},' \
	      '"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}' > $(LAB_SETTINGS)
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" --port=$(LAB_PORT) $(LAB_AS_ROOT) $(LAB_FLAGS) chapters/index.md

# Stop before the build, with one clear message, if any data file is missing, malformed or inconsistent.
check-data: $(READY)
	@$(BIN)/python -m hightech_zones.data.validate --stamp _build/.data-checked \
	  || { rm -rf _build/html _build/.doctrees; echo "make: stopped; fix the data file named above" >&2; exit 1; }

$(READY): requirements.txt pyproject.toml
	@test -x $(BIN)/python || { py=$$($(MAKE) --no-print-directory -s find-python) \
	  && echo "make: setting up $(VENV) with $$py" && { "$$py" -m venv $(VENV) || { rm -rf $(VENV); exit 1; }; }; }
	@# pip installs uv, pinned with its hashes in the lock; uv installs the lock, in a fraction of pip's time.
	@sed -n '/^uv==/,/[^\\]$$/p' requirements.txt > $(VENV)/uv-requirement.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(VENV)/uv-requirement.txt
	$(BIN)/uv pip install $(UV_FLAGS) --require-hashes --no-deps -r requirements.txt
	$(BIN)/uv pip install $(UV_FLAGS) --no-deps --no-build-isolation -e .
	@# An environment made before the lock left them out (see `lock`) still has them: remove them.
	@$(BIN)/uv pip uninstall $(UV_FLAGS) rfc3987-syntax lark 2>/dev/null || true
	@touch $@

# Print the interpreter that $(VENV) is made with: PYTHON if given, else the newest of python3.13,
# python3.12, python3.11 on PATH, or python3 if it is one of them. A candidate must run and make
# virtual environments: a pyenv shim for a version not selected is on PATH but fails, and Debian's
# and Ubuntu's Pythons lack ensurepip until python3.X-venv is installed.
PROBE := import sys; print("%d.%d" % sys.version_info[:2]); import venv, ensurepip
.PHONY: find-python
find-python:
	@tried=""; why=""; \
	for py in $(or $(PYTHON),$(PYTHONS:%=python%) python3); do \
	  tried="$$tried, $$py"; v=$$("$$py" -c '$(PROBE)' 2>/dev/null); ok=$$?; \
	  if [ -z "$$v" ]; then command -v "$$py" >/dev/null && why="$$why; $$py does not run"; continue; fi; \
	  case " $(PYTHONS) " in *" $$v "*) ;; *) why="$$why; $$py is $$v"; continue;; esac; \
	  if [ $$ok != 0 ]; then why="$$why; $$py has no venv module (Debian, Ubuntu: apt-get install python$$v-venv)"; continue; fi; \
	  command -v "$$py"; exit 0; \
	done; \
	echo "make: $(if $(PYTHON),PYTHON=$(PYTHON) is not usable,no supported Python found) (tried $${tried#, }$$why)." \
	     "The book runs on Python $$(echo $(PYTHONS) | sed 's/ /, /g; s/, \([^,]*\)$$/ or \1/')." >&2; \
	echo "make: install one (python.org; Debian or Ubuntu: apt-get install python3.12 python3.12-venv; macOS: brew install python@3.13;" \
	     "pyenv: pyenv install 3.13) and run make again, or name it: make html PYTHON=/path/to/python3.13" >&2; \
	exit 1

# The web book's Chinese font, kept in the repository (_static/fonts): cut it again from Debian's
# fonts-noto-cjk when the book's Chinese needs characters it lacks (the build says so; see fonts.py).
font: $(READY)
	@$(BIN)/python -m hightech_zones.build.fonts

clean:
	rm -rf _build

# Time, weigh and draw the book beside the stock Jupyter Book template, on scratch copies: the
# median of BENCH_RUNS runs (make bench BENCH_FLAGS=--quick for one run; see .ci/bench.py --help).
BENCH_RUNS ?= 3
BENCH_FLAGS ?=
bench: $(READY)
	@$(BIN)/python .ci/bench.py --runs $(BENCH_RUNS) $(BENCH_FLAGS)

# Re-resolve and re-pin every package, with hashes (uv, which the set-up installs). One lock for every
# supported Python and platform (--universal, from the oldest version up): uv adds a marker where
# a package is needed on some only, and the hashes of all of a release's files. Left out: rfc3987-syntax
# and lark, which JupyterLab's extras pull in for jsonschema's "iri" format check; jsonschema imports
# them when present and compiles a grammar (2 s or more), in every kernel and every build.
# cffconvert 2.0 (2021, the latest) asks for jsonschema<4, which Jupyter cannot run with; it validates
# CITATION.cff with jsonschema 4 all the same (make lint), so the lock overrides its bound (.ci/lock-overrides.txt).
lock:
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --universal --python-version $(lastword $(PYTHONS)) --no-header \
	  --no-emit-package rfc3987-syntax --no-emit-package lark --override .ci/lock-overrides.txt -o requirements.txt
