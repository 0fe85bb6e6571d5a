# Accord. Each target sets itself up from nothing: venv, pinned install, normalize, build.
#   make serve   build the site (with its search index), serve it on http://127.0.0.1:8000/accord/ and
#                rebuild the pages an edit of docs/ touches (the browser reloads by itself)
#   make site    build the site into site/ (mkdocs build --strict, then Pagefind and the checks);
#                LANGS="ar zh" builds some trees only, make merge SITES=... puts them together
#   make test    build, then run every test (browser tests in Debian's Chromium)
#   make bench   the scale benchmark (not part of make test)
#   make zensical the same site built with Zensical, then compared with make site's, feature
#                by feature (its own venv; not part of make test)

PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
PORT    ?= 8000
CHROMIUM := /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1
# The build date is the last commit's (the sitemap's lastmod, any date MkDocs writes), so
# two builds of one commit are byte-identical whatever day they run.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: serve site merge node docs add test bench chromium clean zensical lighthouse

PTH     := $(VENV)/accord-path.stamp

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

# The project root on the venv's import path (accord.pth): MkDocs imports the Markdown
# extensions that mkdocs.yml names (accord.*) by module name, from any folder.
$(PTH): $(STAMP)
	$(BIN)/python -c "import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()['purelib'], 'accord.pth').write_text('$(CURDIR)\n')"
	touch $@

# sources/ -> docs/ (the normalizer; idempotent, keeps hand edits whose source is unchanged)
docs: $(PTH)
	$(BIN)/python -m scripts.normalize

# Add a document: make add FILE=path/to/text.txt META=path/to/metadata.yml, or FILE= the
# Word document (.docx) or PDF the official site gives (TEXT= is FILE= too)
FILE ?= $(TEXT)
add: $(PTH)
	@test -n "$(FILE)" -a -n "$(META)" || { echo "usage: make add FILE=path/to/text.txt|document.docx|document.pdf META=path/to/metadata.yml"; exit 2; }
	$(BIN)/python -m scripts.add_document "$(FILE)" "$(META)"

# docs/ -> site/, then the search index (one Pagefind bundle per language, checked with
# Pagefind's runtime under Node.js) and the link and citation checks.
# make site LANGS="ar zh": those language trees only (and the default one, which
# mkdocs-static-i18n always builds), mkdocs build alone; the builds of all six trees
# (on six machines) are merged, indexed and checked by make merge SITES="dir ...".
LANGS ?=
site: docs node
ifeq ($(strip $(LANGS)),)
	$(BIN)/mkdocs build --strict --quiet
	$(BIN)/python -m scripts.build_search site
	$(BIN)/python -m scripts.check_links site
	$(BIN)/python -m scripts.check_citations site
else
	ACCORD_LANGS="$(LANGS)" $(BIN)/mkdocs build --strict --quiet
endif

merge: $(PTH) node
	@test -n "$(SITES)" || { echo "usage: make merge SITES=\"site-en site-ar ...\" (builds of make site LANGS=...)"; exit 2; }
	$(BIN)/python -m scripts.merge_sites site $(SITES)
	$(BIN)/python -m scripts.build_search site
	$(BIN)/python -m scripts.check_links site
	$(BIN)/python -m scripts.check_citations site

# Node.js, which checks the search index with Pagefind's runtime (and runs npm for the
# test tools): the machine's, or Debian's when missing.
node:
	@if ! command -v node >/dev/null || ! command -v npm >/dev/null; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm; \
	fi

# Serve site/ on 127.0.0.1 and, on each edit, rebuild only the pages it touches in the six
# language trees (scripts/serve.py, scripts/page_rebuild.py). Ctrl-C to stop.
serve: site
	$(BIN)/python -m scripts.serve --port $(PORT)

# Debian's Chromium for the browser tests (Playwright cannot download browsers here).
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-core fonts-noto-cjk; \
	fi

# The npm tools, pinned in package-lock.json (axe-core, for tests/test_accessibility.py).
NODE_STAMP := node_modules/.installed-$(shell cksum package-lock.json | cut -d' ' -f1)

$(NODE_STAMP): package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: site chromium $(NODE_STAMP)
	$(BIN)/python -m pytest -q

# Scale benchmark (issues 6 and 15), not part of `make test`: synthetic corpora of 10, 100
# and 1,000 instruments built in /tmp, the site beside the stack's default configuration,
# searched in Chromium (in one input event and key by key), cold views of its pages, the
# CPU of the whole make site per page; writes docs/benchmark/index.md and bench.png (~25
# min on 2 cores). 5,000 instruments on request, alone: make bench BENCH_SIZES=5000.
BENCH_SIZES ?= 10 100 1000
bench: $(PTH) chromium
	$(BIN)/python -m bench.run --sizes $(BENCH_SIZES)

# Lighthouse 12 (mobile) on three pages served with gzip as GitHub Pages serves them;
# writes docs/benchmark/lighthouse.md (bench/lighthouse.py; not part of make test).
LH_STAMP := bench/lighthouse/node_modules/.installed-$(shell cksum bench/lighthouse/package-lock.json | cut -d' ' -f1)

$(LH_STAMP): bench/lighthouse/package-lock.json
	cd bench/lighthouse && npm ci --no-audit --no-fund --loglevel=error
	touch $@

lighthouse: site chromium $(LH_STAMP)
	$(BIN)/python -m bench.lighthouse

# Zensical (the successor of MkDocs and Material) builds the same docs/, in its own venv
# (requirements-zensical.txt: Zensical pins its own Markdown and PyYAML). It runs no hook,
# so the site's content logic runs before it, as a stage (scripts/stage_pages.py: every
# page as each language tree shows it) and after it (data/, citations.json, the CSP);
# scripts/compare_engines.py then counts the features of both sites, tree by tree.
ZVENV   := .venv-zensical
ZBIN    := $(ZVENV)/bin
ZSTAMP  := $(ZVENV)/.installed-$(shell cksum requirements-zensical.txt | cut -d' ' -f1)
ZPTH    := $(ZVENV)/accord-path.stamp
ZSTAGED := .zensical-staged/docs
ZSITE   := site-zensical

$(ZSTAMP): requirements-zensical.txt
	$(PYTHON) -m venv $(ZVENV)
	$(ZBIN)/pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	rm -f $(ZVENV)/.installed-*
	touch $@

# accord.* (the Markdown extensions mkdocs.yml names) on that venv's path too:
# zensical-i18n runs each language's build as `python -P`, which reads .pth files.
$(ZPTH): $(ZSTAMP)
	$(ZBIN)/python -c "import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()['purelib'], 'accord.pth').write_text('$(CURDIR)\n')"
	touch $@

zensical: site $(ZPTH)
	$(BIN)/python -m scripts.stage_pages stage docs $(ZSTAGED)
	$(BIN)/python -m scripts.zensical_config zensical.yml --docs-dir $(ZSTAGED) --site-dir $(ZSITE)
	NO_COLOR=1 $(ZBIN)/zensical-i18n build -f zensical.yml --clean
	$(BIN)/python -m scripts.stage_pages finish docs $(ZSITE)
	$(BIN)/python -m scripts.build_search $(ZSITE)
	-$(BIN)/python -m scripts.check_links $(ZSITE)
	$(BIN)/python -m scripts.compare_engines site $(ZSITE) --json .zensical-staged/compare.json
	-ACCORD_TEST_SITE=$(ZSITE) $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_browser_search.py

clean:
	rm -rf site $(ZSITE) zensical.yml .zensical-i18n .zensical-staged .pytest_cache
