"""Tests for the citation stages (accord/citation_find.py, citation_resolve.py,
citation_graph.py, citation_annotate.py): citations become links, "Cited by",
citations.json, report.

The site is built once per session (tests/conftest.py); the unit tests call the stages'
functions on small texts.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from lxml import html

from accord import citation_annotate, citation_find, citation_graph, citation_resolve, pinpoints
from accord import corpus as corpus_model
from accord.citation_resolve import Citing, Target
from accord.site_content import labels

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "ar", "zh", "fr", "ru", "es")

DRAFT = "instruments/ga-73-draft-un-interpol-cooperation/"
RES_71_19 = "instruments/a-res-71-19/"
AGREEMENT = "instruments/interpol-itu-cooperation-agreement/"
CITES_71_19 = "قرارها ١٩/٧١"
CITES_51_1 = "قرارها ١/٥١"
# Wording that names a body other than the General Assembly (ITU, UNTOC COP, INTERPOL).
OTHER_BODIES = re.compile(
    r"全权代表|理事会|缔约方会议|国际刑警|国际电联|مؤتمر|المجلس|الإنتربول|"
    r"Council|Conference of the Parties|Plenipotentiary|INTERPOL|ITU|CTOC|C\d\d/")
UNDOCS_GA = re.compile(r"^https://undocs\.org/(?P<lang>[a-z]{2})/A/RES/(?P<session>\d+)/(?P<number>\d+)$")


find_citations = citation_find.find_citations


# --------------------------------------------------------------------------- the build


@pytest.fixture(scope="session")
def site(built_site):
    """The site as mkdocs.yml builds it (tests/conftest.py), cross-reference hook included."""
    return built_site


def tree(lang: str) -> str:
    """The URL prefix of a language tree ("" for the default language)."""
    return "" if lang == "en" else f"{lang}/"


def page(site: Path, url: str):
    return html.parse(str(site / url / "index.html")).getroot()


def target(page_url: str, href: str) -> str:
    """A link's target as a site-root-relative URL (with its fragment)."""
    resolved = urlsplit(urljoin("https://site.test/" + page_url, href))
    return resolved.path.lstrip("/") + (f"#{resolved.fragment}" if resolved.fragment else "")


def links_with_text(root, text: str):
    return [a for a in root.iter("a") if a.text_content().strip() == text]


def text_languages(root, element) -> list[str]:
    """The language of an element's text: its nearest ``lang`` below <html>, else (for
    footnotes, which the footnotes extension moves out of their text-version block)
    the languages of the page's text versions."""
    for ancestor in element.iterancestors():
        if ancestor.tag != "html" and ancestor.get("lang"):
            return [ancestor.get("lang")]
    return sorted(set(root.xpath('//div[contains(@class, "text-version")]/@lang'))) or [root.get("lang")]


def all_pages(site: Path):
    for path in sorted(site.rglob("*.html")):
        url = path.parent.relative_to(site).as_posix() + "/"
        yield ("" if url == "./" else url), html.parse(str(path)).getroot()


# --------------------------------------------------------------------------- links


@pytest.mark.parametrize("lang", LANGUAGES)
def test_draft_citation_of_71_19_links_to_this_site(site, lang):
    url = tree(lang) + DRAFT
    root = page(site, url)
    para = root.get_element_by_id("preamble__p_1")
    links = links_with_text(para, CITES_71_19)
    assert len(links) == 1, html.tostring(para, encoding="unicode")
    assert target(url, links[0].get("href")) == tree(lang) + RES_71_19


@pytest.mark.parametrize("lang", LANGUAGES)
def test_51_1_in_arabic_order_links_to_a_res_51_1(site, lang):
    root = page(site, tree(lang) + DRAFT)
    links = links_with_text(root.get_element_by_id("preamble__p_1"), CITES_51_1)
    assert [a.get("href") for a in links] == [f"https://undocs.org/{lang}/A/RES/51/1"]


def test_no_reversed_symbol_is_ever_produced(site):
    for url, root in all_pages(site):
        for a in root.iter("a"):
            href = a.get("href") or ""
            assert "A/RES/19/71" not in href and "A/RES/1/51" not in href, (url, href)


def test_no_citation_of_another_body_leads_to_a_ga_document(site):
    """Every undocs.org/*/A/RES link is a GA citation: its text names no other body,
    and the text, parsed again in its language, cites that very resolution. (The
    header's official-copy link shows the page's own A/RES symbol.)"""
    checked = 0
    for url, root in all_pages(site):
        for a in root.iter("a"):
            found = UNDOCS_GA.match(a.get("href") or "")
            if not found:
                continue
            text = a.text_content()
            if {"timeline__official", "citation-graph__node"} & set((a.get("class") or "").split()):
                # A labelled link to a document's own official copy (history, citation graph).
                assert text.strip().endswith(f"A/RES/{found['session']}/{found['number']}"), (url, text)
                continue
            if "xref" not in (a.get("class") or ""):
                own = root.xpath('//header[contains(@class, "instrument-header")]//span[@class="symbol"]/text()')
                assert own == [f"A/RES/{found['session']}/{found['number']}"], (url, text)
                continue
            assert not OTHER_BODIES.search(text), (url, text)
            ids = {c.id.removeprefix("A/RES/") for lang in text_languages(root, a)
                   for c in find_citations(text, lang)}
            assert f"{found['session']}/{found['number']}" in ids, (url, text, a.get("href"))
            checked += 1
    assert checked, "no GA link at all: the check proved nothing"


def test_no_link_has_an_empty_or_hash_href(site):
    for url, root in all_pages(site):
        for a in root.iter("a"):
            if a.get("href") is not None:
                assert a.get("href").strip() not in ("", "#"), (url, html.tostring(a, encoding="unicode"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_agreement_article_reference_links_to_the_article_page(site, lang):
    url = tree(lang) + AGREEMENT + "art_1/"
    links = links_with_text(page(site, url), "本协议第2条")
    assert len(links) == 1
    assert target(url, links[0].get("href")) == tree(lang) + AGREEMENT + "art_2/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_site_link_resolves_to_a_built_page_and_anchor(site, lang):
    for url, root in all_pages(site):
        if not url.startswith(tree(lang) + "instruments/") or (lang == "en" and url[:3].rstrip("/") in LANGUAGES):
            continue
        for a in root.xpath('//a[contains(@class, "xref--site") or contains(@class, "cited-by__")]'):
            dest = target(url, a.get("href"))
            path, _, anchor = dest.partition("#")
            assert path.startswith(tree(lang)), (url, dest)
            assert (site / path / "index.html").exists(), (url, dest)
            if anchor:
                assert page(site, path).xpath(f'//*[@id="{anchor}"]'), (url, dest)


# --------------------------------------------------------------------------- cited by


def in_words(ident, lang):
    return pinpoints.in_words(ident, lang, labels(lang)["reader"]["cite"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_71_19_is_cited_by_the_draft_in_every_tree(site, lang):
    url = tree(lang) + RES_71_19
    blocks = page(site, url).xpath('//section[contains(@class, "cited-by")]')
    assert len(blocks) == 1
    block = blocks[0]
    assert block.get("data-pagefind-ignore") is not None
    assert block.get("lang") == lang
    items = block.xpath('.//li[@data-instrument="ga-73-draft-un-interpol-cooperation"]')
    assert len(items) == 1
    paragraphs = items[0].xpath('.//a[contains(@class, "cited-by__paragraph")]')
    # named in words, in the interface language (accord/pinpoints.py), linked by id
    assert [a.text_content() for a in paragraphs] == [in_words("preamble__p_1", lang)]
    assert target(url, paragraphs[0].get("href")) == tree(lang) + DRAFT + "#preamble__p_1"
    if lang == "en":
        assert paragraphs[0].text_content() == "preambular para. 1"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_article_2_is_cited_by_article_1(site, lang):
    root = page(site, tree(lang) + AGREEMENT + "art_2/")
    links = root.xpath('//section[contains(@class, "cited-by")]//a[contains(@class, "cited-by__paragraph")]')
    assert [a.text_content() for a in links] == [in_words("art_1__p_1", lang)]
    assert links[0].text_content() == {"en": "article 1, para. 1", "zh": "第1条第1款"}[lang]


def test_an_uncited_page_has_no_cited_by_block(site):
    assert not page(site, AGREEMENT + "art_9/").xpath('//section[contains(@class, "cited-by")]')


# --------------------------------------------------------------------------- graph and report


def test_citations_json_holds_the_71_19_edge(site):
    data = json.loads((site / "citations.json").read_text(encoding="utf-8"))
    nodes = {n["id"] for n in data["nodes"]}
    assert {e["from"] for e in data["edges"]} <= nodes
    assert {e["to"] for e in data["edges"]} <= nodes
    edge = [e for e in data["edges"] if e["from"] == "ga-73-draft-un-interpol-cooperation"
            and e["to"] == "a-res-71-19"]
    assert len(edge) == 1
    assert edge[0]["from_paragraph"] == "preamble__p_1"
    assert edge[0]["url"] == RES_71_19
    assert all(e["body"] == "un-ga" for e in data["edges"] if "/A/RES/" in (e["url"] or ""))


def test_citations_json_is_written_once_at_the_root(site):
    assert (site / "citations.json").exists()
    assert not any((site / lang / "citations.json").exists() for lang in LANGUAGES)


def test_report_lists_exactly_the_citations_left_as_text(site):
    data = json.loads((site / "citations.json").read_text(encoding="utf-8"))
    report = (site / "xref-report.txt").read_text(encoding="utf-8").splitlines()
    assert report[0] == (f"Accord cross-references: {len(data['edges'])} linked, "
                         f"{len(data['unresolved'])} left as plain text.")
    rows = [line for line in report[2:] if line]
    assert len(rows) == len(data["unresolved"]) > 0
    for expected in ("C17/65", "第590号决定", "缔约方会议第 8/1 号决议"):
        assert any(expected in row for row in rows), expected
    # true: none of them is a link on its page
    for row in data["unresolved"]:
        url = citation_graph.site_url(Target("site", page=row["page"]))
        linked = [a.text_content() for a in page(site, url).xpath('//a[contains(@class, "xref")]')]
        assert row["text"] not in linked, row


# --------------------------------------------------------------------------- units


CITING_GA = Citing(instrument="x", body="un-ga", page="instruments/x.md")
CITING_ITU = Citing(instrument="x", body="itu-pp", page="instruments/x.md")
CITING_OTHER = Citing(instrument="x", body="interpol-itu", page="instruments/x.md")


@pytest.fixture(scope="module")
def index():
    return corpus_model.load(ROOT / "docs")


def _resolve(text, lang, citing, index):
    return [citation_resolve.resolve(c, citing, index) for c in find_citations(text, lang)]


@pytest.mark.parametrize("text, lang, citing, status, where", [
    ("إذ تشير إلى قرارها ١٩/٧١", "ar", CITING_GA, "site", "a-res-71-19"),
    ("General Assembly resolution 71/19", "en", CITING_OTHER, "site", "a-res-71-19"),
    ("A/RES/71/19", "fr", CITING_OTHER, "site", "a-res-71-19"),
    ("إذ تشير إلى قرارها ١/٥١", "ar", CITING_GA, "official", "A/RES/51/1"),
    ("理事会第598号决定", "zh", CITING_OTHER, "site", "itu-council-decision-598"),
    ("第598号决定", "zh", CITING_ITU, "site", "itu-council-decision-598"),
    ("C17/126", "zh", CITING_ITU, "site", "itu-council-decision-598"),
    ("CTOC/COP/WG.3/2024/1", "en", CITING_OTHER, "site", "ctoc-cop-wg-3-2024-1"),
    ("CTOC/COP/WG.3/2024/3", "en", CITING_OTHER, "official", "CTOC/COP/WG.3/2024/3"),
])
def test_resolution_order(text, lang, citing, status, where, index):
    [found] = _resolve(text, lang, citing, index)
    assert found.status == status
    assert (found.instrument or found.symbol) == where


@pytest.mark.parametrize("text, lang, citing", [
    ("第598号决定", "zh", CITING_OTHER),          # no ITU context: council or PP?
    ("resolution 71/19", "en", CITING_OTHER),     # GA or UNTOC COP? not said
    ("Resolution 130", "en", CITING_ITU),          # an ITU PP resolution: no GA link
    ("resolution 8/1 of the Conference of the Parties", "en", CITING_GA),
])
def test_never_a_ga_document_for_another_or_unknown_body(text, lang, citing, index):
    for found in _resolve(text, lang, citing, index):
        assert found.status == "unresolved", found
        assert found.reason


def test_pinpoint_links_to_the_cited_paragraph(index):
    [found] = _resolve("General Assembly resolution 71/19, para. 3 (a)", "en", CITING_OTHER, index)
    assert (found.page, found.anchor) == ("instruments/a-res-71-19.md", "para_3__list_1__point_a")


def test_scan_leaves_code_links_headings_and_attributes_alone():
    text = ("## Resolution 71/19 of the General Assembly {: #h }\n\n"
            "`A/RES/71/19` and [A/RES/71/19](x.md) and <a href=\"y\">A/RES/70/1</a> "
            "and A/RES/72/1\n{: #para_1 data-x=\"A/RES/60/1\" }\n")
    found = citation_find.scan(text, "en")
    assert [(o.citation.text, o.paragraph) for o in found] == [("A/RES/72/1", "para_1")]


def test_scan_names_paragraphs_list_items_and_footnotes():
    text = ("Recalling resolution 51/1[^1]\n{: #preamble__p_1 }\n\n"
            "- (a) see A/71/L.17\n  {: #para_1__list_1__point_a }\n- (b) see A/71/L.18\n"
            "  {: #para_1__list_1__point_b }\n\n[^1]: Resolution 70/1.\n")
    found = citation_find.scan(text, "en")
    assert [(o.citation.id, o.paragraph) for o in found] == [
        ("51/1", "preamble__p_1"), ("A/71/L.17", "para_1__list_1__point_a"),
        ("A/71/L.18", "para_1__list_1__point_b"), ("70/1", "preamble__p_1")]


def test_scan_reads_each_text_version_in_its_own_language():
    text = ('<div class="text-version" lang="ar" dir="rtl" markdown>\n\nإلى قرارها ١٩/٧١\n'
            "{: #preamble__p_1 }\n\n</div>\n")
    [found] = citation_find.scan(text, "en")
    assert (found.lang, found.citation.id, found.paragraph) == ("ar", "71/19", "preamble__p_1")


def test_link_markdown_writes_relative_links_and_official_copies(index):
    citing = Citing(instrument="ga-73-draft-un-interpol-cooperation", body="un-ga",
                    page="instruments/ga-73-draft-un-interpol-cooperation.md")
    text = "قرارها ١/٥١ وإلى قرارها ١٩/٧١\n"
    links = [(occ, citation_resolve.resolve_occurrence(occ, citing, index)) for occ in citation_find.scan(text, "ar")]
    out = citation_annotate.link_markdown(text, links, "instruments/ga-73-draft-un-interpol-cooperation.ar.md", "fr")
    assert out == ('[قرارها ١/٥١](https://undocs.org/fr/A/RES/51/1){: .xref .xref--official hreflang="fr" '
                   'rel="external" } وإلى [قرارها ١٩/٧١](a-res-71-19.md){: .xref .xref--site }\n')


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ga_decision_leads_to_its_library_record_not_reversed(site, lang):
    """Footnote 5 of the draft: "المقرر ٥١٩/٦٠" is GA decision 60/519."""
    root = page(site, tree(lang) + DRAFT)
    links = [a.get("href") for a in root.iter("a") if a.text_content() == "المقرر ٥١٩/٦٠"]
    assert links == [f"https://digitallibrary.un.org/search?ln={lang}&p=%22A/DEC/60/519%22"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_citation_graph_is_drawn_on_a_page_in_every_language(site, lang):
    root = page(site, tree(lang) + "citations/")
    svg = root.xpath('//figure[contains(@class, "citation-graph")]//*[local-name()="svg"]')
    assert len(svg) == 1
    nodes = {a.xpath('string(.//*[local-name()="text"])'): a.get("href")
             for a in svg[0].xpath('.//*[local-name()="a"]')}
    assert nodes["A/RES/71/19"] == "../instruments/a-res-71-19/"
    assert nodes["A/60/88/Corr.2"] == f"https://undocs.org/{lang}/A/60/88/Corr.2"
    # The draft (a site instrument) cites 71/19 (another one): a curved edge between them.
    assert svg[0].xpath('.//*[local-name()="path" and contains(@class, "citation-graph__edge--site")]')
    data = json.loads((site / "citations.json").read_text(encoding="utf-8"))
    cited = {e["to"] for e in data["edges"]} - {e["from"] for e in data["edges"] if e["from"] == e["to"]}
    assert len(svg[0].xpath('.//*[local-name()="circle"]')) == len({n["id"] for n in data["nodes"]} & (cited | {e["from"] for e in data["edges"]}) | {
        n["id"] for n in data["nodes"] if n["type"] != "external"})


def test_a_pinpoint_before_the_citation_links_to_the_paragraph(index):
    [found] = _resolve("paragraph 3 of General Assembly resolution 71/19", "en", CITING_OTHER, index)
    assert (found.page, found.anchor) == ("instruments/a-res-71-19.md", "para_3")


@pytest.mark.parametrize("text, body", [("INTERPOL General Assembly resolution 8 (2017)", "interpol-ga"),
                                        ("ITU Plenipotentiary resolution 130", "itu-pp")])
def test_a_citation_naming_a_body_that_cannot_be_linked_is_reported_not_dropped(text, body, index):
    [found] = find_citations(text, "en")
    assert (found.text, found.body) == (text, body)
    [target] = _resolve(text, "en", CITING_OTHER, index)
    assert target.status == "unresolved" and body in target.reason
