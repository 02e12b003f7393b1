# The board's commands. `make help` lists them. Every target creates .venv on first use.
PYTHON ?= python3
VENV := .venv
VERIFIER := .venv-verifier
VERIFIER_PYTHON ?= python3.11
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican
PORT ?= 8000
OUTPUT ?= output
export PYTHONPATH := plugins

.DEFAULT_GOAL := help
.PHONY: help venv verifier tools verifier-lock validate html serve devserver publish test lint new completion schema shift-dates digest screenshot bench bench-devserver bench-search bench-reach audit lock clean

help: ## Show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	touch $@

venv: $(VENV)/.installed ## Create .venv with the pinned packages

# The independent Open Badges verifier the tests check our badges with, in a virtualenv of its own:
# its pins conflict with the board's. Installed from its hash-pinned lock, without resolving anything.
$(VERIFIER)/.installed: tests/verifier/requirements.lock
	test -x $(VERIFIER)/bin/python || $(VERIFIER_PYTHON) -m venv $(VERIFIER)
	$(VERIFIER)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
	  -r tests/verifier/requirements.lock
	touch $@

verifier: $(VERIFIER)/.installed ## Create .venv-verifier with IMS Global's Open Badges verifier (the tests use it)

# Outside checkers from npm, each folder pinned by its own package-lock.json. --ignore-scripts: vnu-jar's
# install script would download a Java runtime; the system's java runs vnu.jar (.ci/run installs it).
NPM_CI := npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
tests/tools/node_modules/.installed: tests/tools/package-lock.json
	cd tests/tools && $(NPM_CI)
	touch $@

tools: tests/tools/node_modules/.installed ## Install the Nu HTML Checker (vnu.jar) the tests run, from tests/tools/package-lock.json

validate: venv ## Check every listing and organization; print all problems
	$(BIN)/python -m board validate

html: venv ## Build the site into output/ (validates every file first; stops on any error)
	$(PELICAN) content -o $(OUTPUT) -s pelicanconf.py

serve: html ## Build, then serve the board at http://localhost:8000 (with Access-Control-Allow-Origin: *)
	$(BIN)/python -m board serve --output $(OUTPUT) --port $(PORT)

devserver: venv ## Serve, and rebuild on every saved change (an edited listing shows within seconds)
	$(BIN)/python -m board serve --autoreload --output $(OUTPUT) --port $(PORT)

# The build never sees the badge-signing key: the signer, standard library and openssl only, signs after it.
publish: venv ## Build the public site with publishconf.py (set SITEURL); with BOARD_SIGNING_KEY set, sign its credentials
	env -u BOARD_SIGNING_KEY $(PELICAN) content -o $(OUTPUT) -s publishconf.py
	if [ -n "$$BOARD_SIGNING_KEY" ]; then $(PYTHON) -S -m board.reach.sign $(OUTPUT); fi

test: venv verifier tools ## Run every test (fails when no test runs, too)
	$(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	  if [ $$status -eq 5 ]; then echo "make test: no tests were collected" >&2; fi; exit $$status

lint: venv ## Lint the Python code with ruff, and type-check plugins/ with mypy --strict
	$(BIN)/python -m ruff check plugins tests bench docs pelicanconf.py publishconf.py
	$(BIN)/python -m mypy

new: venv ## Write a new listing file by answering a few questions
	$(BIN)/python -m board new

completion: venv ## Record a finished project (asks for the student's email; writes only its salted hash)
	$(BIN)/python -m board completion

schema: venv ## Refresh the category list in schemas/opportunity.schema.json from content/vocabulary.yaml
	$(BIN)/python -m board schema

shift-dates: venv ## Move the sample listings' dates so the newest is posted today
	$(BIN)/python -m board shift-dates

digest: venv ## Write last week's digest of new listings into digest/ (HTML and text, for the whole board and per category)
	$(BIN)/python -m board digest --out digest $(DIGEST_ARGS)

screenshot: html ## Refresh docs/screenshot.png from the built board (needs Debian's chromium)
	$(BIN)/python docs/screenshot.py

$(VENV)/.bench-installed: $(VENV)/.installed bench/requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	touch $@

bench: $(VENV)/.bench-installed ## Time builds of 1,000 and 10,000 listings against stock Pelican and Hugo
	$(BIN)/python bench/compare.py $(BENCH_ARGS)

bench-devserver: venv ## Time how soon make devserver serves an edited listing, at 10,000 listings
	$(BIN)/python bench/devserver.py $(BENCH_ARGS)

bench-search: venv ## Measure search at 1,000 and 10,000 listings in headless Chromium
	$(BIN)/python bench/search.py

bench-reach: venv ## Print the sizes of the digest email, embed.js and the API slices at 10,000 listings
	$(BIN)/python bench/reach_sizes.py

bench/lighthouse/node_modules/.installed: bench/lighthouse/package-lock.json
	cd bench/lighthouse && $(NPM_CI)
	touch $@

audit: venv bench/lighthouse/node_modules/.installed ## Lighthouse (mobile and desktop) on home, a listing, a search and a category page; prints the table
	$(BIN)/python bench/audit.py $(AUDIT_ARGS)

lock: ## Re-pin requirements.lock (versions and hashes) from pyproject.toml, keeping current pins
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --disable-pip-version-check pip-tools
	CUSTOM_COMPILE_COMMAND="make lock" .lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --extra test --strip-extras \
	  --no-emit-index-url --no-emit-find-links --output-file requirements.lock pyproject.toml
	rm -rf .lock-venv

verifier-lock: ## Re-pin tests/verifier/requirements.lock from requirements.in and overrides.txt (with uv)
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --disable-pip-version-check uv
	.lock-venv/bin/uv pip compile --quiet --generate-hashes --python-version 3.11 --no-header \
	  --override tests/verifier/overrides.txt -o tests/verifier/requirements.lock tests/verifier/requirements.in
	rm -rf .lock-venv

clean: ## Remove the built site and caches
	rm -rf $(OUTPUT) $(OUTPUT)-to-sign .$(OUTPUT).inputs cache .pytest_cache
