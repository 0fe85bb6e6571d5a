"""Text is text: markup or script in a source shows as characters on the page, never runs.

The source tests/badinput/html.txt holds <script>, <b>, &amp;, <img onerror>, <iframe>,
<style> and a javascript: link in its body and its title heading, and its metadata
titles hold markup too; a second instrument has the same body with plain titles. Both
are normalized, built with the project's own configuration (mkdocs.yml, hooks,
overrides) beside the committed docs/, served, and opened in Chromium: the pages and
the catalogue must show the characters, and no element, handler or dialog may come
from the source.

Titles too: MkDocs and Material put ``page.meta.title`` into the HTML as it is (<title>,
the header), so accord/site_content.py escapes it, and the metadata titles it puts
into the catalogue.
"""
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from scripts import normalize

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "badinput"
IDENT = "badinput-html"                 # markup in the body and in the titles
BODY_ONLY = "badinput-html-body"        # the same body, plain titles
# What the text of the page must show, character for character.
SHOWN = {
    "body": ["<script>alert(1)</script>", "<b>x</b>", "&amp;", "<img src=x onerror=alert(1)>",
             '<a href="javascript:alert(3)">link</a>', '<iframe src="javascript:alert(4)"></iframe>',
             "<style>body{display:none}</style>", "<b>masthead</b>"],
    "title": ["标题 <script>alert('title')</script>"],
}
# Markup no element of the page may come from (the source's own tags, if parsed).
FOREIGN = """() => {
  const found = [];
  for (const s of document.querySelectorAll('script')) {
    if (s.type === 'application/ld+json') {          // data, never run: it must stay whole JSON
      try { JSON.parse(s.textContent); } catch (e) { found.push('broken data: ' + s.outerHTML); }
    } else if (/alert/.test(s.textContent + (s.src || ''))) found.push('script: ' + s.outerHTML);
  }
  for (const i of document.querySelectorAll('img[src="x"], img[onerror]')) found.push('img: ' + i.outerHTML);
  for (const f of document.querySelectorAll('iframe')) found.push('iframe: ' + f.outerHTML);
  for (const s of document.querySelectorAll('style')) if (/display:\\s*none/.test(s.textContent)) found.push('style: ' + s.outerHTML);
  for (const a of document.querySelectorAll('a[href^="javascript:"]')) found.push('a: ' + a.outerHTML);
  for (const b of document.querySelectorAll('b')) if (['x', 'bold', 'masthead'].includes(b.textContent.trim())) found.push('b: ' + b.outerHTML);
  for (const e of document.querySelectorAll('*')) for (const at of e.getAttributeNames()) if (/^on/.test(at)) found.push('handler: ' + e.tagName + ' ' + at);
  return found;
}"""



def body_only_source(sources):
    """The html case with a plain title line and plain metadata titles."""
    text = (CORPUS / "html.txt").read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("### "))
    (sources / "html-body.txt").write_text(text.replace(title, "### 99/3. 标题 Plain title"), encoding="utf-8")
    meta = (CORPUS / "html.yml").read_text(encoding="utf-8").replace("source: html.txt", "source: html-body.txt")
    meta = meta.replace(f"id: {IDENT},", f"id: {BODY_ONLY},")
    meta = meta[: meta.index("title: {zh:")] + "title: {zh: 标题, en: Plain title}}\n"
    (sources / "html-body.yml").write_text(meta, encoding="utf-8")


@pytest.fixture(scope="module")
def markup_site(tmp_path_factory):
    """The project (mkdocs.yml, hooks, overrides, docs) with the two normalized
    instruments added, built with mkdocs build --strict and served on 127.0.0.1."""
    tmp = tmp_path_factory.mktemp("text_is_text")
    sources, generated = tmp / "sources", tmp / "generated"
    sources.mkdir()
    for suffix in (".txt", ".yml"):
        shutil.copy(CORPUS / f"html{suffix}", sources)
    body_only_source(sources)
    assert normalize.main(["--sources", str(sources), "--docs", str(generated), "--no-cache"]) == 0
    project = tmp / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    for folder in ("hooks", "accord", "overrides", "docs"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(generated / "instruments", project / "docs" / "instruments", dirs_exist_ok=True)
    site = tmp / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        cwd=project, capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert not warnings, "\n".join(warnings)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def open_page(page, url):
    """Load a page, recording dialogs (alert, confirm, prompt) and page errors."""
    page.dialogs, page.errors = [], []

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    response = page.goto(url)
    assert response.ok, url
    page.wait_for_load_state("load")    # inline scripts and image onerror handlers have run by then
    # and so have the site's own deferred scripts: the last of them marks the search box ready
    page.wait_for_selector('[data-accord-search="ready"]', state="attached")


def assert_nothing_runs(page):
    assert page.dialogs == [], f"a dialog fired: {page.dialogs}"
    assert page.evaluate(FOREIGN) == []
    assert not [e for e in page.errors if "alert" in e], page.errors


# --- The text of a source: shown as characters (passes) -------------------------------------


@pytest.mark.parametrize("language", ["zh", "", "ar"])
def test_markup_in_the_text_shows_as_characters(markup_site, page, language):
    """The source-language page, and the fallback pages that show its text."""
    site, base = markup_site
    prefix = f"/{language}" if language else ""
    assert (site / language / "instruments" / BODY_ONLY / "index.html").exists()
    open_page(page, f"{base}{prefix}/instruments/{BODY_ONLY}/")
    text = page.inner_text("article")
    for shown in SHOWN["body"]:
        assert shown in text, f"{shown!r} not shown as text"
    assert "<script>alert(1)</script>" in page.inner_text("#preamble__p_1")
    assert_nothing_runs(page)


def test_built_html_holds_no_tag_from_the_text(markup_site):
    """Also without a browser: the text's tags occur in the HTML only escaped."""
    site, _ = markup_site
    pages = sorted(site.rglob(f"instruments/{BODY_ONLY}/index.html"))
    assert len(pages) == 6, pages
    for path in pages:
        raw = path.read_text(encoding="utf-8")
        for tag in ("<script>alert", "<img src=x", "<iframe", "<style>body", "<b>x</b>", "<b>masthead", '<a href="javascript:'):
            assert tag not in raw, f"{path.relative_to(site)}: {tag}"
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw


# --- Titles (from the source's heading and from the metadata) ------------------------------


def test_markup_in_the_title_shows_as_characters(markup_site, page):
    site, base = markup_site
    open_page(page, f"{base}/zh/instruments/{IDENT}/")
    assert "<script>alert('title')</script>" in page.inner_text("article h1")
    # The tab and the header name the instrument by the one title rule (accord/titles.py):
    # its official title in the interface language, from the metadata, markup and all.
    assert "<script>alert('meta')</script>标题" in page.title()
    assert "<script>alert('meta')</script>标题" in page.inner_text("[data-md-component=header-topic]")
    assert_nothing_runs(page)


@pytest.mark.parametrize("language", ["", "fr"])
def test_markup_in_a_metadata_title_shows_as_characters(markup_site, page, language):
    site, base = markup_site
    prefix = f"/{language}" if language else ""
    open_page(page, f"{base}{prefix}/instruments/{IDENT}/")
    assert "alert('meta" in page.title()
    assert_nothing_runs(page)


@pytest.mark.parametrize("language", ["", "zh"])
def test_catalogue_shows_markup_in_titles_as_characters(markup_site, page, language):
    site, base = markup_site
    prefix = f"/{language}" if language else ""
    open_page(page, f"{base}{prefix}/")
    assert "alert('meta" in page.inner_text("body")
    assert_nothing_runs(page)
