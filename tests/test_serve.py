"""`make serve` (scripts/serve.py): an edit of docs/ renders again the pages it touches,
and those pages are exactly what a full build of the edited docs/ writes.

Runs on a copy of the project (docs/, hooks/, accord/, overrides/, scripts/, mkdocs.yml) in a
temp dir: the server, its rebuilds and the reference builds never touch the repository.
"""
import filecmp
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT, SITE_PATH

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
ZH = "instruments/a-res-71-19.zh.md"            # the Chinese text of 71/19
EN_FALLBACK = "instruments/a-res-71-19.md"      # the page of 71/19 in the other trees
CITING = "instruments/itu-council-decision-598.zh.md"   # the Chinese text of Decision 598
CITATION = "\n\n回顾大会第71/19号决议。\n"                 # "recalling GA resolution 71/19"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def mkdocs_build(project, site):
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                             "--site-dir", str(site)], cwd=project, env=ENV, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


class Server:
    """scripts.serve on a free port of 127.0.0.1, its log kept."""

    def __init__(self, project):
        self.project = project
        self.port = free_port()
        self.log_path = project / "serve.log"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "scripts.serve", "--port", str(self.port)], cwd=project, env=ENV,
            stdout=self.log_path.open("w"), stderr=subprocess.STDOUT)
        self.wait_log("Ready to rebuild single pages")

    def log(self):
        return self.log_path.read_text(encoding="utf-8")

    def wait_log(self, text, count=1, timeout=120):
        deadline = time.monotonic() + timeout
        while self.log().count(text) < count:
            assert self.process.poll() is None, self.log()
            assert time.monotonic() < deadline, f"{text!r} not in the log:\n{self.log()}"
            time.sleep(0.05)

    def get(self, path):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{SITE_PATH}{path}", timeout=30) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, ""

    def edit(self, rel, change, wait_for="Reloading browsers"):
        """Change a docs/ page, then wait until the server has dealt with it."""
        before = self.log().count(wait_for)
        path = self.project / "docs" / rel
        if change is None:
            path.unlink()
        else:
            text = path.read_text(encoding="utf-8") if path.exists() else ""
            path.write_text(change(text), encoding="utf-8")
        self.wait_log(wait_for, count=before + 1)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    project = tmp_path_factory.mktemp("serve-project")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("docs", "hooks", "accord", "overrides", "scripts"):
        shutil.copytree(ROOT / folder, project / folder, ignore=ignore)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    mkdocs_build(project, project / "site")
    running = Server(project)
    yield running
    running.stop()


def html_pages(site):
    """Every HTML page of a built site, by path; search bundles and data/ left out
    (`make serve` leaves them to the next full build)."""
    return {path.relative_to(site).as_posix(): path for path in site.rglob("*.html")
            if not path.relative_to(site).as_posix().startswith(("pagefind", "data/"))}


def assert_same_as_full_build(server, tmp_path):
    """Every HTML page served after the edits is byte for byte what a full build writes."""
    reference = tmp_path / "reference"
    mkdocs_build(server.project, reference)
    served, built = html_pages(server.project / "site"), html_pages(reference)
    assert sorted(served) == sorted(built)
    different = [rel for rel in built if not filecmp.cmp(served[rel], built[rel], shallow=False)]
    assert not different, f"{len(different)} page(s) not rebuilt: {different[:10]}"


def test_serves_on_localhost_with_live_reload(server):
    assert f"Serving on http://127.0.0.1:{server.port}{SITE_PATH}" in server.log()     # where site_url puts it
    status, html = server.get("zh/instruments/a-res-71-19/")
    assert status == 200
    assert "livereload" in html                       # the browser reloads after a rebuild
    assert "livereload" not in (server.project / "site/zh/instruments/a-res-71-19/index.html").read_text()


def test_the_open_page_reloads_itself_after_an_edit(server, page):
    """In Chromium: the Arabic tree's page of 71/19 (showing the Chinese text) is open;
    the Chinese text is edited; the tab shows the edit without being reloaded by hand."""
    origin = f"http://127.0.0.1:{server.port}"
    page.goto(f"{origin}{SITE_PATH}ar/instruments/a-res-71-19/")
    marker = "RELOADED-BY-ITSELF"
    server.edit(ZH, lambda text: text.replace("大会，", f"大会，{marker} ", 1))
    # (a selector, not a function: the pages' Content-Security-Policy forbids eval)
    page.wait_for_selector(f"text={marker}", timeout=30000)
    assert page.evaluate("document.body.dir") == "rtl"
    assert all(url.startswith(origin + "/") for url in page.requested)
    page.goto("about:blank")          # no reload in flight while the tab is closed
    server.edit(ZH, lambda text: text.replace(f"{marker} ", "", 1))


def test_editing_a_text_rebuilds_its_page_in_every_tree(server, tmp_path):
    site = server.project / "site"
    unrelated = site / "fr/instruments/interpol-itu-cooperation-agreement/art_3/index.html"
    unrelated_mtime = unrelated.stat().st_mtime_ns
    server.edit(ZH, lambda text: text.replace("大会，", "大会，EDITED-PARAGRAPH ", 1))
    for tree in ("", "ar/", "zh/", "fr/", "ru/", "es/"):
        status, html = server.get(f"{tree}instruments/a-res-71-19/")
        assert status == 200 and "EDITED-PARAGRAPH" in html, tree
    assert unrelated.stat().st_mtime_ns == unrelated_mtime     # only what the edit touches
    assert re.search(r"Rebuilt \d+ page\(s\) in [\d.]+ s", server.log())
    assert_same_as_full_build(server, tmp_path)


def test_a_new_citation_appears_in_cited_by_and_goes_away(server, tmp_path):
    def cited_by_598():
        return server.get("instruments/a-res-71-19/")[1].count("itu-council-decision-598")

    before = cited_by_598()
    server.edit(CITING, lambda text: text.rstrip("\n") + CITATION)
    assert cited_by_598() > before
    assert_same_as_full_build(server, tmp_path)
    server.edit(CITING, lambda text: text.replace(CITATION, "\n"))
    assert cited_by_598() == before
    assert_same_as_full_build(server, tmp_path)


def test_a_new_title_reaches_the_catalogue(server, tmp_path):
    server.edit(EN_FALLBACK, lambda text: text.replace("  en: Cooperation between", "  en: RETITLED Cooperation between", 1))
    assert "RETITLED" in server.get("")[1]
    assert_same_as_full_build(server, tmp_path)


def test_added_and_deleted_pages(server, tmp_path):
    server.edit("notes.md", lambda _: "# Notes\n\nA page added while serving.\n")
    for tree in ("", "ar/", "zh/"):
        status, html = server.get(f"{tree}notes/")
        assert status == 200 and "A page added while serving." in html, tree
    assert_same_as_full_build(server, tmp_path)
    server.edit("notes.md", None)
    assert server.get("notes/")[0] == 404
    assert not (server.project / "site/ar/notes/index.html").exists()
    assert_same_as_full_build(server, tmp_path)


def test_a_broken_page_is_reported_and_the_site_keeps_serving(server):
    broken = "instruments/broken.md"
    server.edit(broken, lambda _: "---\ninstrument: [unclosed\n---\n")
    assert "Could not rebuild" in server.log() and "broken.md: malformed front matter" in server.log()
    assert server.get("instruments/a-res-71-19/")[0] == 200          # not stuck
    server.edit(broken, None)
    server.edit(ZH, lambda text: text.replace("EDITED-PARAGRAPH ", "", 1))
    assert "EDITED-PARAGRAPH" not in server.get("zh/instruments/a-res-71-19/")[1]


def test_an_edited_stylesheet_is_served(server):
    css = "assets/stylesheets/accord.css"
    server.edit(css, lambda text: text + "\n.edited-stylesheet { color: red; }\n")
    assert ".edited-stylesheet" in server.get(css)[1]
    assert ".edited-stylesheet{color:red}" in server.get("assets/accord.min.css")[1]     # the pages' bundle


def test_an_edited_interface_string_rebuilds_the_whole_site(server, tmp_path):
    labels = server.project / "accord" / "labels.yml"
    before = server.log().count("Site rebuilt")
    labels.write_text(labels.read_text(encoding="utf-8").replace(
        "catalogue_title: Catalogue of instruments", "catalogue_title: RELABELLED catalogue", 1), encoding="utf-8")
    server.wait_log("Site rebuilt", count=before + 1, timeout=300)
    assert "RELABELLED catalogue" in server.get("")[1]
    assert (server.project / "site" / "pagefind").is_dir()          # the search index is built again too
    assert_same_as_full_build(server, tmp_path)


def test_a_new_navigation_title_reaches_every_page(server, tmp_path):
    server.edit("index.md", lambda text: text.replace("title: Accord\n", "title: Accord library\n", 1))
    assert "Accord library" in server.get("instruments/a-res-71-19/")[1]
    assert_same_as_full_build(server, tmp_path)


def test_a_new_title_reaches_the_pages_it_cites(server, tmp_path):
    draft = "instruments/ga-73-draft-un-interpol-cooperation.md"      # cites 71/19
    server.edit(draft, lambda text: text.replace("  en: Cooperation between", "  en: REDRAFTED Cooperation between", 1))
    assert "REDRAFTED" in server.get("instruments/a-res-71-19/")[1]     # its "Cited by" entry
    assert_same_as_full_build(server, tmp_path)


def test_deleting_a_cited_page_changes_the_link_of_the_page_citing_it(server, tmp_path):
    # Article 1 of the agreement cites "本协议第2条" (Article 2): once Article 2 has no
    # page, Article 1 no longer links to it, though Article 1 itself was not edited
    agreement = "instruments/interpol-itu-cooperation-agreement"
    assert "art_2/" in server.get(f"zh/{agreement}/art_1/")[1]
    server.edit(f"{agreement}/index.zh.md", lambda text: text.replace("- [第二条 活动范围](art_2.md)\n", ""))
    for rel in (f"{agreement}/art_2.zh.md", f"{agreement}/art_2.md"):
        server.edit(rel, None)
    assert "art_2/" not in server.get(f"zh/{agreement}/art_1/")[1]
    assert_same_as_full_build(server, tmp_path)
