"""What a page says of itself to search engines and link previews (issue 14, item 7):
an absolute sitemap with its alternates in every language and x-default, robots.txt,
a canonical address, OpenGraph, and schema.org Legislation on instrument pages, read
with a JSON-LD processor (PyLD). Expectations come from docs/ and the metadata."""
import json
from urllib.parse import urlsplit

import pytest
from lxml import etree, html
from pyld import jsonld

from accord import corpus as corpus_model
from accord.identifiers import PagePath
from accord.library import DEFAULT_LANGUAGE, LANGUAGES, site_url
from accord.site_content import labels
from conftest import ROOT
from scripts.stage_pages import page_files

SITE_URL = site_url()
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
SCHEMA = "http://schema.org/"


def address(key, lang):
    return SITE_URL + PagePath.parse(key).tree_url(lang)


def page_keys():
    return sorted(page_files(ROOT / "docs"))


def head(built_site, key, lang):
    return html.parse(str(built_site / PagePath.parse(key).tree_url(lang) / "index.html")).getroot().find("head")


def test_the_site_url_is_an_absolute_address_ending_in_a_slash():
    parts = urlsplit(SITE_URL)
    assert parts.scheme == "https" and parts.netloc and parts.path.endswith("/")


def test_the_sitemap_lists_every_page_of_every_tree_with_its_alternates_and_x_default(built_site):
    """sitemap.xml is the index of a sitemap per tree (the protocol's limit is 50,000
    addresses a file); together they list every page of every tree, each once."""
    index = etree.parse(str(built_site / "sitemap.xml")).getroot()
    assert index.tag == f"{{{SITEMAP['s']}}}sitemapindex"
    files = [loc.text for loc in index.findall("s:sitemap/s:loc", SITEMAP)]
    assert len(files) == len(LANGUAGES) and all(f.startswith(SITE_URL) for f in files)
    entries = {}
    for address_of_file in files:
        root = etree.parse(str(built_site / address_of_file[len(SITE_URL):])).getroot()
        urls = root.findall("s:url", SITEMAP)
        assert len(urls) <= 50_000
        for url in urls:
            alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP)}
            loc = url.findtext("s:loc", namespaces=SITEMAP)
            assert loc not in entries, loc
            entries[loc] = alternates
    expected = {address(key, lang): key for key in page_keys() for lang in LANGUAGES}
    assert sorted(entries) == sorted(expected)
    for loc, key in expected.items():
        assert entries[loc] == {**{lang: address(key, lang) for lang in LANGUAGES},
                                "x-default": address(key, DEFAULT_LANGUAGE)}, loc


def test_robots_txt_names_the_sitemap_at_its_absolute_address(built_site):
    lines = (built_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {SITE_URL}sitemap.xml" in lines


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_its_canonical_address_opengraph_and_no_alternate_links(built_site, lang):
    """No <link rel="alternate">: Material fetches "<alternate>/sitemap.xml" for each on
    every page view (the alternates are in the sitemap)."""
    for key in page_keys():
        meta = head(built_site, key, lang)
        here = address(key, lang)
        assert meta.xpath('link[@rel="canonical"]/@href') == [here], key
        assert not meta.xpath('link[@rel="alternate"]'), key
        assert meta.xpath('meta[@property="og:url"]/@content') == [here], key
        assert meta.xpath('meta[@property="og:title"]/@content')[0].strip(), key
        assert meta.xpath('meta[@property="og:description"]/@content') == \
            meta.xpath('meta[@name="description"]/@content'), key


# --------------------------------------------------------------------------- JSON-LD

def _local_context(url, options=None):
    """The schema.org context without the network: its terms are the vocabulary's
    (https://schema.org/ maps every term to schema:term, which is what expansion needs)."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), f"context fetched from {url}"
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": {"@context": {"@vocab": SCHEMA}}}


def legislation(built_site, key, lang):
    """The page's JSON-LD, expanded (full IRIs) by PyLD; [] where it has none."""
    scripts = head(built_site, key, lang).xpath('script[@type="application/ld+json"]')
    assert len(scripts) <= 1
    if not scripts:
        return []
    return jsonld.expand(json.loads(scripts[0].text), {"documentLoader": _local_context})


def values(node, term):
    return [item.get("@value", item.get("@id")) for item in node.get(SCHEMA + term, [])]


def names(node):
    return [part["@value"] for part in node.get(SCHEMA + "name", [])]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_instrument_and_article_pages_describe_themselves_as_legislation(built_site, lang):
    corpus = corpus_model.load(ROOT / "docs")
    words = labels(lang)
    described = set()
    for inst in corpus.instruments.values():
        for key in sorted(inst.pages):
            [node] = legislation(built_site, key, lang)
            assert node["@type"] == [SCHEMA + "Legislation"], key
            assert node["@id"] == address(key, lang)
            assert values(node, "url") == [address(key, lang)]
            assert values(node, "inLanguage") and set(values(node, "inLanguage")) <= set(inst.versions), key
            assert names(node), key
            described.add(key)
            if key != inst.page:                                   # an article
                [whole] = node[SCHEMA + "isPartOf"]
                assert whole["@id"] == address(inst.page, lang)
                continue
            assert values(node, "legislationIdentifier") == ([inst.symbol] if inst.symbol else [])
            assert values(node, "legislationDate") == ([inst.date] if inst.date else [])
            assert values(node, "legislationType") == [words["types"].get(inst.type, inst.type)]
            [body] = node[SCHEMA + "legislationPassedBy"]
            assert names(body) == [words["bodies"].get(inst.body, inst.body)]
            parts = [part["@id"] for part in node.get(SCHEMA + "hasPart", [])]
            assert parts == [address(article, lang) for article in inst.article_keys()]
    assert described == {key for inst in corpus.instruments.values() for key in inst.pages}
    others = [key for key in page_keys() if key not in described]
    assert others and all(legislation(built_site, key, lang) == [] for key in others)

