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


def _fresh_model(docs, monkeypatch):
    """The model of docs/ made from nothing: no scan, resolution or graph row kept."""
    from accord import citation_graph
    with monkeypatch.context() as patch:
        for module, name, empty in ((corpus_model, "_MODELS", {}), (corpus_model, "_FACTS", {}),
                                    (corpus_model, "_SCANNED", {"titles": None, "found": {}}),
                                    (corpus_model, "_RESOLVED", {"context": None, "page_ids": {}, "texts": {}}),
                                    (citation_graph, "_ROWS", {})):
            patch.setattr(module, name, empty)
        return corpus_model.load(docs)


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    stat = path.stat()
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def _synthetic_resolution(number: int, title: str, text: str) -> str:
    """A page of a synthetic General Assembly resolution 99/<number> (test data, never
    published), with the front matter the normalizer writes."""
    return (f"---\ninstrument: a-res-99-{number}\nlanguage: en\nsymbol: A/RES/99/{number}\nbody: un-ga\n"
            f"type: resolution\ndate: '2099-01-0{number}'\ntitle: 99/{number}. {title} (test data)\n"
            f"languages_available:\n- en\ntest_data: true\n---\n\n# 99/{number}. {title} (test data)\n\n{text}")


# Two of them added to a copy of docs/: the second cites a paragraph of the first.
CITED = _synthetic_resolution(1, "A synthetic resolution", "1. First synthetic paragraph.\n{: #para_1 }\n\n"
                                                           "2. Second synthetic paragraph.\n{: #para_2 }\n")
CITING = _synthetic_resolution(2, "A synthetic citing resolution",
                               "*Recalling* paragraph 2 of resolution 99/1,\n{: #preamble__p_1 }\n")


def test_a_model_made_again_after_an_edit_is_the_model_made_afresh(tmp_path, monkeypatch):
    """make serve's model after an edit keeps what the edit did not touch (each text's
    citations, their resolutions, the graph's rows): it must be the model a new build
    makes. Edits: the citing text; the cited paragraph's id taken away (the pinpoint
    loses its anchor), then given back."""
    monkeypatch.setenv(corpus_model.TEST_DATA_SWITCH, "1")
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    cited, citing = docs / "instruments" / "a-res-99-1.md", docs / "instruments" / "a-res-99-2.md"
    cited.write_text(CITED, encoding="utf-8")
    citing.write_text(CITING, encoding="utf-8")
    edge = {"from_page": "instruments/a-res-99-2.md", "to_page": "instruments/a-res-99-1.md"}

    def pinpoints(model):
        return [e["to_paragraph"] for e in model.graph.edges if {k: e[k] for k in edge} == edge]

    def same(made, fresh):
        assert made.links == fresh.links
        assert made.graph.edges == fresh.graph.edges
        assert made.graph.unresolved == fresh.graph.unresolved
        assert made.page_ids == fresh.page_ids

    model = corpus_model.load(docs)
    assert pinpoints(model) == ["para_2"]
    _edit(citing, "Recalling", "Recalling also")
    same(corpus_model.load(docs), _fresh_model(docs, monkeypatch))
    _edit(cited, "#para_2 ", "#para_2x ")
    made = corpus_model.load(docs)
    assert pinpoints(made) == [None]
    same(made, _fresh_model(docs, monkeypatch))
    _edit(cited, "#para_2x ", "#para_2 ")
    made = corpus_model.load(docs)
    assert pinpoints(made) == ["para_2"]
    same(made, _fresh_model(docs, monkeypatch))
