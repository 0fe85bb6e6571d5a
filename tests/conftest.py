"""Shared fixtures: the repository's paths and a site built once per test session."""
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts import static_server  # noqa: E402  (the project on the path first)


def commit_epoch():
    """The last commit's time, as the Makefile exports it in SOURCE_DATE_EPOCH."""
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip() or "0"


# Builds date themselves by the last commit, as `make` has them (for a run of pytest alone).
os.environ.setdefault("SOURCE_DATE_EPOCH", commit_epoch())


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/*.expected from the normalizer's output")


@pytest.fixture
def update_golden(request):
    return request.config.getoption("--update-golden")


def tree_digest(folder):
    """One digest of a folder's files, names and contents: a tree unchanged or not."""
    digest = hashlib.sha256()
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def build_site(site):
    """Build the site as `make site` does: mkdocs build --strict, then the search index.
    Fails on any WARNING line, even one --strict lets through."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True, env=env,
    )
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert not warnings, "\n".join(warnings)
    search = subprocess.run([sys.executable, "-m", "scripts.build_search", str(site)],
                            cwd=ROOT, capture_output=True, text=True)
    assert search.returncode == 0, search.stderr
    return site


# A site another engine built (make zensical sets it to site-zensical/ to run the browser
# search tests on Zensical's site): the tests read and serve that folder instead.
OTHER_ENGINE_SITE = "ACCORD_TEST_SITE"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The site built from the committed docs/ into a temp dir, once per session (or the
    folder $ACCORD_TEST_SITE names, built by another engine)."""
    if os.environ.get(OTHER_ENGINE_SITE):
        site = Path(os.environ[OTHER_ENGINE_SITE]).resolve()
        assert (site / "index.html").is_file(), f"{OTHER_ENGINE_SITE}={site}: no built site there"
        return site
    return build_site(tmp_path_factory.mktemp("site"))


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


# Where the site is served: the path of its published address (site_url), as GitHub Pages
# and `make serve` serve it (scripts/static_server.py). ``served_site`` is that address on
# 127.0.0.1, without its last slash: ``served_site + "/zh/"`` is the Chinese tree's home.
SITE_PATH = static_server.MOUNT


@pytest.fixture(scope="session")
def served_site(built_site):
    """The built site served on 127.0.0.1 (a free port) under SITE_PATH for the browser tests."""
    server = static_server.start(built_site)
    yield static_server.address(server)
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (it cannot download its own browser here)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run `make chromium` (apt-get install chromium)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page that records every request it makes (``page.requested``)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.requested = []
    tab.on("request", lambda request: tab.requested.append(request.url))
    yield tab
    context.close()
