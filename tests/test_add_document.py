"""A new contributor adds a document in one command, in English or French (test data,
never published), and sees it on the site with its citations linked."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html

from scripts import add_document, build_search, fidelity

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures/new_documents"


@pytest.fixture
def project(tmp_path):
    """A copy of the project's site sources, to add documents to."""
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, tmp_path / name)
    for name in ("hooks", "accord", "overrides", "docs", "sources"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def add(project, stem):
    return add_document.main([str(FIXTURES / f"{stem}.txt"), str(FIXTURES / f"{stem}.yml"),
                              "--sources", str(project / "sources"), "--docs", str(project / "docs")])


def build(project):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                             "-d", str(project / "site")], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.mark.parametrize("stem, lang, ident", [("test_en", "en", "test-en-synthetic"), ("test_fr", "fr", "test-fr-synthetic")])
def test_added_document_is_on_the_site_with_its_citations_linked(project, stem, lang, ident):
    assert add(project, stem) == 0
    assert (project / "sources" / f"{stem}.txt").read_bytes() == (FIXTURES / f"{stem}.txt").read_bytes()
    page_md = project / "docs/instruments" / f"{ident}.{lang}.md"
    body = page_md.read_text(encoding="utf-8")
    assert "{: #preamble__p_1 }" in body and "{: #para_2 }" in body
    site = build(project)
    tree = "" if lang == "en" else f"{lang}/"
    page = html.parse(str(site / tree / "instruments" / ident / "index.html")).getroot()
    links = {a.text_content(): a.get("href") for a in page.iter("a") if "xref" in (a.get("class") or "")}
    cited = next(href for text, href in links.items() if "71/19" in text)
    assert cited.startswith("../a-res-71-19/")
    catalogue = (site / tree / "index.html").read_text(encoding="utf-8")
    assert f"instruments/{ident}/" in catalogue
    # The new text in another language tree: a notice, its own lang, not indexed there.
    other = html.parse(str(site / "zh/instruments" / ident / "index.html")).getroot()
    assert other.xpath('//aside[contains(@class, "fallback-notice")]')
    assert other.xpath(f'//div[contains(@class, "text-version") and @lang="{lang}"]')
    # indexed for its metadata in that tree; its text, in another language, left out
    assert other.xpath('//*[@data-pagefind-body]//div[contains(@class, "text-version")]')
    assert ".text-version" in build_search.EXCLUDE_SELECTORS
    cited_by = (site / "zh/instruments/a-res-71-19/index.html").read_text(encoding="utf-8")
    assert f'data-instrument="{ident}"' in cited_by
    # every word of every source, the new one included, in the Markdown and on the site
    # (an English text is at the site's root, not under en/)
    assert fidelity.check(project / "sources", project / "docs", site) == []


def test_bad_metadata_changes_nothing(project, tmp_path, capsys):
    meta = tmp_path / "test_en.yml"
    meta.write_text((FIXTURES / "test_en.yml").read_text(encoding="utf-8").replace("language: en", "language: de"),
                    encoding="utf-8")
    text = tmp_path / "test_en.txt"
    shutil.copy(FIXTURES / "test_en.txt", text)
    before = sorted(p.name for p in (project / "sources").iterdir())
    assert add_document.main([str(text), str(meta), "--sources", str(project / "sources"),
                              "--docs", str(project / "docs")]) == 1
    assert "test_en.yml:3: unknown language code 'de'" in capsys.readouterr().err
    assert sorted(p.name for p in (project / "sources").iterdir()) == before
