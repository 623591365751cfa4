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

.PHONY: build test lint jest pytest ui-test chromium demo fixtures screenshots bench bench-cli clean distclean \
	platform-test lite-site lite-test compat-test demo-test size-figures

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
# pip installs install.json into the venv's labextension folder: drop the
# link first, or it would write it into jupyterlab_keras_summary/labextension
# (and the wheel would then hold install.json twice).
LINKED := $(VENV)/share/jupyter/labextensions/jupyterlab-keras-summary
$(STAMPS)/develop: pyproject.toml package.json jupyterlab_keras_summary/__init__.py install.json | $(STAMPS)/jlpm-build
	if [ -L $(LINKED) ]; then rm $(LINKED); fi
	rm -f jupyterlab_keras_summary/labextension/install.json
	SKIP_JUPYTER_BUILDER=1 $(BIN)/python -m pip install --quiet --editable .
	$(BIN)/jupyter-builder develop . --overwrite
	@touch $@

# --- Tests ------------------------------------------------------------------
test: build lint jest pytest ui-test platform-test
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

# --- Kernel companion: pytest in real kernels ------------------------------
# Keras 3 + jax kernels use the main venv (ui-kernel above). The other kernels
# have venvs of their own (made once; a fresh machine pays ~3-6 min, mostly
# PyPI downloads of the old TensorFlow):
#   .venv-kernel-tf     tensorflow-cpu 2.21 (with keras 3.15.1: the tensorflow
#                       backend), tf-keras 2.21 (--no-deps: it asks for the
#                       GPU "tensorflow"), torch 2.13 CPU (the torch backend)
#   .venv-kernel-old    keras 3.0.5 + jax 0.4.23 (oldest Keras 3 supported)
#   .venv-kernel-tf215  tensorflow-cpu 2.15.1 + tf-keras 2.15.1 (oldest tf-keras supported)
PYTEST_PACKAGES := 'pytest==8.*' 'jsonschema>=4.18'
KERNEL_VENVS := .venv-kernel-tf .venv-kernel-old .venv-kernel-tf215
KERNEL_PIP = $(1)/bin/python -m pip install --quiet --disable-pip-version-check

$(STAMPS)/pytest: Makefile | $(STAMPS)/venv
	$(BIN)/python -m pip install --quiet $(PYTEST_PACKAGES)
	@touch $@

$(STAMPS)/kernel-venvs: Makefile
	@mkdir -p $(STAMPS)
	for v in $(KERNEL_VENVS); do [ -x $$v/bin/python ] || $(PYTHON) -m venv $$v; done
	$(call KERNEL_PIP,.venv-kernel-tf) 'tensorflow-cpu==2.21.0' 'keras==3.15.1' 'torch==2.13.0' 'ipykernel==7.4.0'
	$(call KERNEL_PIP,.venv-kernel-tf) --no-deps 'tf-keras==2.21.0'
	$(call KERNEL_PIP,.venv-kernel-old) 'keras==3.0.5' 'jax==0.4.23' 'jaxlib==0.4.23' 'numpy<2' 'ipykernel==7.4.0'
	$(call KERNEL_PIP,.venv-kernel-tf215) 'tensorflow-cpu==2.15.1' 'ipykernel==7.4.0'
	$(call KERNEL_PIP,.venv-kernel-tf215) --no-deps 'tf-keras==2.15.1'
	@touch $@

# The kernels import the companion from this checkout (PYTHONPATH), as the
# user's kernel imports the installed package.
pytest: $(STAMPS)/develop $(STAMPS)/ui-kernel $(STAMPS)/pytest $(STAMPS)/kernel-venvs
	@mkdir -p $(STAMPS)
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/python --junitxml=$(STAMPS)/pytest-results.xml

ui-test: build chromium $(STAMPS)/ui-tests $(STAMPS)/ui-kernel
	cd ui-tests && CHROMIUM_PATH="$(CHROMIUM)" $(JLPM) playwright test

# --- Where notebooks are read: JupyterLite, the JupyterLab range, the demo ---
# Each test starts its own server on GALATA_PORT, one after the other, with
# plain Playwright (ui-tests/platform.config.js, ui-tests/platform/*); the
# results go to .make/platform/*.json, counted by `make test`.
GALATA_PORT ?= 8888
PLATFORM_OUT := $(STAMPS)/platform
SERVER_CONFIG := $(CURDIR)/ui-tests/platform/server_config.py
# $(call platform-run,SPEC,NAME,ENV): run one spec with ENV set.
platform-run = @mkdir -p $(PLATFORM_OUT) && rm -f $(PLATFORM_OUT)/$(2).json && \
	cd ui-tests && $(3) GALATA_PORT=$(GALATA_PORT) CHROMIUM_PATH="$(CHROMIUM)" \
	PLATFORM_RESULTS=$(CURDIR)/$(PLATFORM_OUT)/$(2).json \
	$(JLPM) playwright test -c platform.config.js $(1)
# The Jupyter server of venv $(1), on a copy of the demo (PLATFORM_ROOT).
platform-server = $(CURDIR)/.venv-$(1)/bin/jupyter lab --config=$(SERVER_CONFIG)

platform-test: lite-test compat-test demo-test

FORCE:

# The wheel a user installs, made from the labextension `make build` built.
DIST := $(STAMPS)/dist
WHEEL = $(wildcard $(DIST)/*.whl)
$(STAMPS)/wheel: $(STAMPS)/jlpm-build pyproject.toml install.json
	rm -rf $(DIST)
	$(BIN)/python -m pip wheel --quiet --no-deps --wheel-dir $(DIST) .
	@touch $@

# $(call platform-venv,NAME,PACKAGES): .venv-NAME with PACKAGES and the wheel,
# installed together (pip refuses them if pyproject's ranges exclude them).
# Later wheels are reinstalled over it (install-wheel).
# The venv is made anew only when PACKAGES or pyproject.toml change: its
# spec file is rewritten only when it differs.
# The venv is made anew only when PACKAGES or pyproject.toml change (its spec
# file is rewritten only when it differs), by .venv's pip (--python: no pip of
# its own), without compiling every module up front: it is started a few times.
define platform-venv
$(STAMPS)/spec-$(1): FORCE
	@mkdir -p $(STAMPS) && echo "$(2)" | cmp -s - $$@ || echo "$(2)" > $$@
$(STAMPS)/venv-$(1): $(STAMPS)/spec-$(1) pyproject.toml | $(STAMPS)/wheel
	rm -rf .venv-$(1)
	$(PYTHON) -m venv --without-pip .venv-$(1)
	$(call platform-pip,$(1)) $(2) $$(WHEEL)
	@touch $$@
endef
platform-pip = $(BIN)/python -m pip --python .venv-$(1)/bin/python install --quiet --no-compile
install-wheel = $(call platform-pip,$(1)) --no-deps --force-reinstall $(WHEEL)

# JupyterLite: the site is built with the network cut off (unshare), so a
# build step that downloads anything fails the test.
LITE_PACKAGES := 'jupyterlite-core==0.8.6' 'jupyterlite-pyodide-kernel==0.8.6'
LITE_DIR := $(PLATFORM_OUT)/lite
OFFLINE := $(shell if unshare --net true 2>/dev/null; then echo unshare --net; \
	elif unshare --net --map-root-user true 2>/dev/null; then echo unshare --net --map-root-user; fi)
$(eval $(call platform-venv,lite,$(LITE_PACKAGES)))

lite-site: $(STAMPS)/venv-lite $(STAMPS)/wheel
	@[ -n "$(OFFLINE)" ] || { echo "lite-site: cannot cut the network off (unshare --net)"; exit 1; }
	$(call install-wheel,lite)
	rm -rf $(LITE_DIR) && mkdir -p $(LITE_DIR)/contents
	cp demo/demo.ipynb $(LITE_DIR)/contents/
	echo '{"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"}}' > $(LITE_DIR)/overrides.json
	cd $(LITE_DIR) && $(OFFLINE) $(CURDIR)/.venv-lite/bin/jupyter lite build \
		--contents contents --output-dir site > build.log 2>&1 \
		|| { tail -30 build.log; echo "lite-site: the offline build failed"; exit 1; }

lite-test: lite-site chromium $(STAMPS)/ui-tests
	$(call platform-run,lite.platform.ts,lite,LITE_SITE=$(CURDIR)/$(LITE_DIR)/site \
		PLATFORM_SERVER="$(BIN)/python platform/serve_static.py $(GALATA_PORT) $(CURDIR)/$(LITE_DIR)/site")

# The supported range (README "Versions"): its oldest JupyterLab, the oldest
# Notebook 7 (which needs JupyterLab 4.0.2), and the newest of both.
JUPYTERLAB_OLDEST := 'jupyterlab==4.0.0'
NOTEBOOK_OLDEST := 'notebook==7.0.0' 'jupyterlab==4.0.2'
NEWEST := 'jupyterlab>=4.0.0,<5' 'notebook>=7.0.0,<8'
$(eval $(call platform-venv,jl-oldest,$(JUPYTERLAB_OLDEST)))
$(eval $(call platform-venv,nb-oldest,$(NOTEBOOK_OLDEST)))
$(eval $(call platform-venv,newest,$(NEWEST)))

# $(call compat-run,VENV,APPS): one `jupyter lab` server of VENV (it serves
# Notebook 7 too, where installed); each of APPS shows the demo.
define compat-run
	$(call install-wheel,$(1))
	rm -rf $(PLATFORM_OUT)/root-$(1) && mkdir -p $(PLATFORM_OUT)/root-$(1)
	cp demo/demo.ipynb $(PLATFORM_OUT)/root-$(1)/
	$(call platform-run,versions.platform.ts,compat-$(1),COMPAT_VENV=$(CURDIR)/.venv-$(1) COMPAT_APPS="$(2)" \
		PLATFORM_PORT=$(GALATA_PORT) PLATFORM_ROOT=$(CURDIR)/$(PLATFORM_OUT)/root-$(1) \
		PLATFORM_READY_URL=http://127.0.0.1:$(GALATA_PORT)/api \
		PLATFORM_SERVER="$(call platform-server,$(1))")
endef

compat-test: $(STAMPS)/venv-jl-oldest $(STAMPS)/venv-nb-oldest $(STAMPS)/venv-newest $(STAMPS)/wheel chromium $(STAMPS)/ui-tests
	$(call compat-run,jl-oldest,lab)
	$(call compat-run,nb-oldest,notebook)
	$(call compat-run,newest,lab notebook)

# --- The demo -------------------------------------------------------------------
# JupyterLab on a fresh working copy of demo/demo.ipynb (scripts/demo.sh),
# with a kernel (the venv's python3) that has Keras, so every live cell runs.
demo: build $(STAMPS)/ui-kernel
	bash scripts/demo.sh

# Runs the demo's cells in a real kernel, saves, and checks that
# demo/demo.ipynb did not change.
demo-test: build $(STAMPS)/ui-kernel chromium $(STAMPS)/ui-tests
	$(call platform-run,demo.platform.ts,demo,DEMO_DIR=$(CURDIR)/$(PLATFORM_OUT)/demo \
		PLATFORM_PORT=$(GALATA_PORT) PLATFORM_ROOT=$(CURDIR)/$(PLATFORM_OUT)/demo \
		PLATFORM_READY_URL=http://127.0.0.1:$(GALATA_PORT)/api \
		PLATFORM_SERVER="bash $(CURDIR)/scripts/demo.sh --config=$(SERVER_CONFIG)")

# The shape engine's models (fixtures/kernel-shapes.json) run in the fixture
# venvs capture_fixtures.sh makes.
fixtures:
	bash scripts/capture_fixtures.sh
	.venv-fixtures-keras3/bin/python scripts/capture_shapes_fixtures.py
	$(BIN)/python scripts/capture_analyze_cases.py

# Retakes every picture the README shows (docs/*.png) from the current UI:
# the demo notebook, the companion's saved payloads, and two models run in a
# live kernel (so Keras: ui-kernel). One test at a time (--workers=1): the
# pictures of one run are taken alike.
screenshots: build chromium $(STAMPS)/ui-tests $(STAMPS)/ui-kernel
	cd ui-tests && KERAS_SUMMARY_SCREENSHOTS=1 GALATA_PORT=$(GALATA_PORT) CHROMIUM_PATH="$(CHROMIUM)" \
		$(JLPM) playwright test --workers=1 'tests/screenshots\.spec\.ts'

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
	node_modules/.bin/esbuild bench/parser.bench.ts bench/adversarial.bench.ts bench/footprint.bench.ts bench/shapes.bench.ts \
		bench/cli.bench.ts bench/cli-phases.ts --bundle --platform=node --target=node20 --outdir=$(BENCH_OUT) --log-level=warning
	node --expose-gc $(BENCH_OUT)/parser.bench.js
	node $(BENCH_OUT)/adversarial.bench.js
	PYTHON=$(BIN)/python node $(BENCH_OUT)/cli.bench.js
	node $(BENCH_OUT)/footprint.bench.js
	node --expose-gc $(BENCH_OUT)/shapes.bench.js
	cd bench && BENCH_PORT=$(BENCH_PORT) CHROMIUM_PATH="$(CHROMIUM)" \
		../ui-tests/node_modules/.bin/playwright test -c playwright.config.js
	CHROMIUM_PATH="$(CHROMIUM)" node bench/write_report.mjs
	$(BIN)/python bench/kernel.bench.py

# Issue 13's figures: size groups of the kernel payloads and of the parsed
# text against the kernel's own runs at random sizes (captured by make
# fixtures); offline, a few seconds. Not part of make test.
size-figures: build
	$(BIN)/python scripts/size_groups_figures.py --detail

# The CLI bench alone (issue 15's CLI figures), printed; `make bench`
# writes them into BENCHMARKS.md with the others.
bench-cli: build $(FANOUT)
	node_modules/.bin/esbuild bench/cli.bench.ts bench/cli-phases.ts --bundle --platform=node --target=node20 \
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
	rm -rf $(VENV) .venv-lite .venv-jl-oldest .venv-nb-oldest .venv-newest node_modules ui-tests/node_modules
