# Build, test and demo jupyterlab-keras-summary.
#
# Everything lives in the project: Python tools in .venv, npm packages in
# node_modules and ui-tests/node_modules. Stamp files in .make/ make each
# setup step run only when its inputs change, so a second `make test` only
# runs the tests.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMPS := .make
CHROMIUM ?= $(or $(CHROMIUM_PATH),$(shell command -v chromium 2>/dev/null),/usr/bin/chromium)

# The venv's jupyter, jupyter-builder and jlpm come first.
export PATH := $(BIN):$(PATH)
# Never download browsers: the UI tests use the system Chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

JLPM := $(BIN)/jlpm
# yarn prints one "can't be found in the cache" line per package: drop them.
QUIET_YARN := 2>&1 | { grep -v YN0013 || true; }
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

SOURCES := $(shell find src style schema -type f 2>/dev/null) \
	package.json tsconfig.json tsconfig.cli.json scripts/build_cli.mjs

# One step at a time: the UI tests need the build, and own port 8888.
.NOTPARALLEL:

.PHONY: build test lint jest ui-test chromium demo fixtures screenshots bench bench-cli clean distclean

build: $(STAMPS)/jlpm-build $(STAMPS)/develop

# --- Python: venv with JupyterLab, Notebook 7 and the builder -------------
$(STAMPS)/venv: Makefile
	@mkdir -p $(STAMPS)
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet 'jupyterlab==4.6.*' 'notebook==7.6.*' 'jupyter-builder>=1.3,<2'
	@touch $@

# --- npm packages (jlpm is the venv's yarn) --------------------------------
$(STAMPS)/node: package.json $(wildcard yarn.lock) .yarnrc.yml | $(STAMPS)/venv
	$(JLPM) install $(QUIET_YARN)
	@touch $@

# --- TypeScript, CLI bundle and the labextension ---------------------------
$(STAMPS)/jlpm-build: $(STAMPS)/node $(SOURCES)
	$(JLPM) build
	@touch $@

# --- Python package, editable, with the labextension linked into the venv --
# The link points at jupyterlab_keras_summary/labextension, so later builds
# show up without redoing this step.
$(STAMPS)/develop: pyproject.toml package.json jupyterlab_keras_summary/__init__.py install.json | $(STAMPS)/jlpm-build
	SKIP_JUPYTER_BUILDER=1 $(BIN)/python -m pip install --quiet --editable .
	$(BIN)/jupyter-builder develop . --overwrite
	@touch $@

# --- Tests ------------------------------------------------------------------
test: build lint jest ui-test
	@node scripts/test_summary.mjs

lint: $(STAMPS)/node
	$(JLPM) lint:check
	$(PYTHON) scripts/build_demo.py --check

# The CLI tests run lib/cli.js, so jest needs the build.
jest: $(STAMPS)/jlpm-build
	@mkdir -p $(STAMPS)
	$(JLPM) test --json --outputFile=$(STAMPS)/jest-results.json

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		echo "Installing Debian chromium"; \
		$(SUDO) apt-get update -qq; \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; \
	fi

$(STAMPS)/ui-tests: ui-tests/package.json ui-tests/yarn.lock | $(STAMPS)/venv
	cd ui-tests && $(JLPM) install $(QUIET_YARN)
	@touch $@

# The UI tests also run real Keras in a live kernel (the venv's python3), with
# the versions the fixtures were captured with.
KERNEL_PACKAGES := 'keras==3.15.1' 'jax==0.10.2' 'jaxlib==0.10.2'
$(STAMPS)/ui-kernel: Makefile | $(STAMPS)/venv
	$(BIN)/python -m pip install --quiet $(KERNEL_PACKAGES)
	@touch $@

ui-test: build chromium $(STAMPS)/ui-tests $(STAMPS)/ui-kernel
	cd ui-tests && CHROMIUM_PATH="$(CHROMIUM)" $(JLPM) playwright test

# --- Other entry points ------------------------------------------------------
demo: build
	@[ -f demo/demo.ipynb ] || { echo "demo/demo.ipynb is missing"; exit 1; }
	$(BIN)/jupyter lab --ServerApp.allow_root=True demo/demo.ipynb

fixtures:
	bash scripts/capture_fixtures.sh

# Rewrites docs/screenshot-{light,dark}.png from the demo notebook.
screenshots: build chromium $(STAMPS)/ui-tests
	cd ui-tests && KERAS_SUMMARY_SCREENSHOTS=1 CHROMIUM_PATH="$(CHROMIUM)" \
		$(JLPM) playwright test screenshots.spec.ts

# Benchmarks: every figure printed beside its target, the last run written
# into BENCHMARKS.md. Node benches are bundled by esbuild into .make/bench;
# the browser benches run in the system Chromium against their own
# JupyterLab server (port BENCH_PORT), with the UI tests' Playwright.
# Targets missed are reported, not failed: `make test` stays free of timings.
BENCH_PORT ?= 8971
BENCH_OUT := $(STAMPS)/bench
FANOUT := $(BENCH_OUT)/cli/fanout/.captured

bench: build chromium $(STAMPS)/ui-tests $(FANOUT)
	rm -rf $(BENCH_OUT)/results
	node_modules/.bin/esbuild bench/parser.bench.ts bench/adversarial.bench.ts bench/footprint.bench.ts \
		bench/cli.bench.ts --bundle --platform=node --target=node20 --outdir=$(BENCH_OUT) --log-level=warning
	node --expose-gc $(BENCH_OUT)/parser.bench.js
	node $(BENCH_OUT)/adversarial.bench.js
	PYTHON=$(BIN)/python node $(BENCH_OUT)/cli.bench.js
	node $(BENCH_OUT)/footprint.bench.js
	cd bench && BENCH_PORT=$(BENCH_PORT) CHROMIUM_PATH="$(CHROMIUM)" \
		../ui-tests/node_modules/.bin/playwright test -c playwright.config.js
	CHROMIUM_PATH="$(CHROMIUM)" node bench/write_report.mjs

# The CLI bench alone (issue 15's CLI figures), printed; `make bench`
# writes them into BENCHMARKS.md with the others.
bench-cli: build $(FANOUT)
	node_modules/.bin/esbuild bench/cli.bench.ts --bundle --platform=node --target=node20 \
		--outdir=$(BENCH_OUT) --log-level=warning
	PYTHON=$(BIN)/python node $(BENCH_OUT)/cli.bench.js

# A real fan-out model's summary (one input, N Dense layers, N pooling
# heads) from Keras 3, as printed and as displayed, for the CLI bench.
$(FANOUT): bench/fanout.py | $(STAMPS)/ui-kernel
	@mkdir -p $(@D)
	$(BIN)/python bench/fanout.py $(@D) 250 1000
	@touch $@

clean:
	rm -rf lib tsconfig.tsbuildinfo coverage jupyterlab_keras_summary/labextension \
		jupyterlab_keras_summary/_version.py .eslintcache .stylelintcache \
		ui-tests/test-results ui-tests/playwright-report ui-tests/test-results.json \
		$(STAMPS)

distclean: clean
	rm -rf $(VENV) node_modules ui-tests/node_modules
