"""The corpus model (accord/corpus.py): one model per build, shared by every stage, and
each text page scanned for citations once per build, whatever the number of language
trees (the six builds of mkdocs-static-i18n each render every page)."""
import collections
import os
import shutil

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from accord import citation_find
from accord import corpus as corpus_model
from accord.docs_scan import instrument_pages
from accord.identifiers import PagePath

from conftest import ROOT


@pytest.fixture
def counted_build(tmp_path, monkeypatch):
    """A full build of a copy of docs/ in this process, every citation scan counted by
    the text scanned: (Markdown, language) -> calls."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    calls = collections.Counter()
    scan = citation_find.scan

    def counting_scan(markdown, lang, more=None):
        calls[(markdown, lang)] += 1
        return scan(markdown, lang, more)

    monkeypatch.setattr(citation_find, "scan", counting_scan)
    monkeypatch.setattr(corpus_model, "_SCANNED", {"titles": None, "found": {}})   # none kept from another test
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(ROOT)
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(tmp_path / "site"))
    build(config)
    return docs, tmp_path / "site", calls


def texts_of(docs):
    """(Markdown, language) of every text page of docs/, by its front matter."""
    return {(body, meta["language"]) for _, _, meta, body in instrument_pages(docs)
            if meta.get("instrument") and meta.get("language")}


def test_each_text_page_is_scanned_once_per_build(counted_build):
    docs, site, calls = counted_build
    texts = texts_of(docs)
    assert texts, "docs/ has no text page"
    assert set(calls) == texts
    assert all(count == 1 for count in calls.values()), [
        (lang, count) for (_, lang), count in calls.items() if count != 1]
    # and the links were written from those scans, in every tree
    model = corpus_model.last(docs)
    linked = [edge for edge in model.graph.edges if edge["status"] == "site"]
    assert linked, "the corpus has no citation between its instruments"
    for edge in linked:
        page = PagePath.parse(edge["from_page"])
        for lang in ("en", "ar", "zh", "fr", "ru", "es"):
            html = (site / page.tree_url(lang) / "index.html").read_text(encoding="utf-8")
            assert 'class="xref xref--site"' in html, (lang, edge["from_page"])


def test_the_model_is_made_once_for_the_six_language_builds(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    first = corpus_model.load(docs)
    assert corpus_model.load(docs) is first
    page = next(path for path in sorted((docs / "instruments").rglob("*.md")))
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(page, ns=(1, 1))
    assert corpus_model.load(docs) is not first


def test_every_instrument_has_its_pages_versions_and_title_in_every_language(tmp_path):
    model = corpus_model.load(ROOT / "docs")
    pages = instrument_pages(ROOT / "docs")
    ids = {meta["instrument"] for _, _, meta, _ in pages if meta.get("instrument")}
    assert set(model.instruments) == ids
    for _, rel, meta, _ in pages:
        if not meta.get("instrument"):
            continue
        inst = model.instruments[meta["instrument"]]
        assert PagePath.parse(rel).key in inst.pages
        if meta.get("language"):
            assert rel in [file_rel for _, file_rel, _ in inst.versions[meta["language"]].files]
    for inst in model.instruments.values():
        for lang in ("en", "ar", "zh", "fr", "ru", "es"):
            title, title_lang = inst.title(lang)
            assert title and title_lang
