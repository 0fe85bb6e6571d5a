"""The corpus model: every instrument of docs/ as a work with its language versions,
its pages, their paragraph ids, its titles (one rule, accord/titles.py) and the citation
graph, built once per build and shared by every stage (the engine's adapters in hooks/,
the data files, make serve, make zensical's pre-build).

An instrument is one work in up to six languages. Each of its pages (the instrument's
own page, or one per article of an agreement) has one key whatever the language
(accord/identifiers.py), and a file per language version it exists in; a page without
a text in the default language has a fallback file, front matter only.

``load`` reads docs/ through accord/docs_scan.py: the model is made again only when a
page was added, removed or changed, and then each text page is scanned for citations
once (a text that did not change keeps the citations found in it before). Where only
texts changed (every file there, with the front matter it had: an edit under
`make serve`), the new model keeps the last one's instruments, reads again the ids of
the changed pages, and resolves again only the citations whose resolution read
something that changed (the edited texts', and those leading to a page whose ids
changed); the graph keeps the rows of every other text (accord/citation_graph.py).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from accord import citation_find, citation_graph, citation_titles, listing, titles
from accord.citation_resolve import Citing, resolve_occurrence
from accord.docs_scan import instrument_pages
from accord.errors import BuildProblem
from accord.identifiers import PagePath
from accord.library import DEFAULT_LANGUAGE

# Environment switch for the test fixtures: pages marked ``test_data: true`` build only
# where it is set (tests/fixtures/); test data is never published.
TEST_DATA_SWITCH = "ACCORD_TEST_DATA"


@dataclass
class Version:
    """An instrument in one language: its title, and its pages' files in reading order
    (the instrument's page, then its articles) as (order, rel, path)."""

    lang: str
    title: Optional[str] = None
    files: list = field(default_factory=list)


@dataclass
class Instrument:
    """One instrument (a work), from the front matter of its pages."""

    id: str
    body: str
    type: str
    page: str                                   # page key: "instruments/a-res-71-19.md"
    symbol: Optional[str] = None
    number: Optional[str] = None
    date: Optional[str] = None
    meta: dict = field(default_factory=dict)    # front matter of the instrument's page
    official_titles: dict = field(default_factory=dict)  # language -> title (metadata)
    labels: dict = field(default_factory=dict)           # language -> Accord's description
    text_titles: dict = field(default_factory=dict)      # language -> title of the text
    articles: dict = field(default_factory=dict)         # "2" -> page key of the article
    article_titles: dict = field(default_factory=dict)   # page key -> {language: title}
    versions: dict = field(default_factory=dict)         # language -> Version
    pages: set = field(default_factory=set)              # page keys

    def title(self, lang: str) -> tuple[str, str]:
        """(title, its language) in the interface language ``lang``, by the one rule."""
        return titles.instrument_title(lang, self.id, self.official_titles, self.labels, self.text_titles)

    def article_title(self, key: str, lang: str) -> tuple:
        """(heading, its language) of an article's page in ``lang``, by the same rule
        (the heading of its text in ``lang``, else in the default language, else in
        another), or (None, None)."""
        known = self.article_titles.get(key)
        return titles.instrument_title(lang, key, known) if known else (None, None)

    def article_keys(self) -> list:
        """The page keys of its articles, in their order (1, 2, ... 10, 11)."""
        return [self.articles[n] for n in sorted(self.articles, key=lambda n: _article_order(n))]


@dataclass(frozen=True)
class TextPage:
    """A page file of docs/ that holds a text (front matter with a language)."""

    rel: str                    # "instruments/a-res-71-19.zh.md"
    key: str                    # "instruments/a-res-71-19.md"
    lang: str
    meta: dict
    body: str
    path: Path


@dataclass
class Corpus:
    """The instruments of docs/, where their pages and paragraphs are, and the citations."""

    docs: Path
    instruments: dict = field(default_factory=dict)   # id -> Instrument (path order)
    by_symbol: dict = field(default_factory=dict)     # symbol -> Instrument
    by_number: dict = field(default_factory=dict)     # (body, type, number) -> Instrument
    page_ids: dict = field(default_factory=dict)      # page key -> set of element ids
    page_files: dict = field(default_factory=dict)    # page key -> (path, rel) of its files
    texts: list = field(default_factory=list)         # TextPage, path order
    links: dict = field(default_factory=dict)         # rel -> ((Occurrence, Target), ...)
    graph: Optional[citation_graph.Graph] = None
    title_index: tuple = ()                           # the titles a text may cite (citation_titles)
    scan: object = None                               # the docs scan this model is of
    _by_rel: Optional[dict] = field(default=None, init=False, repr=False, compare=False)
    _parts: Optional[dict] = field(default=None, init=False, repr=False, compare=False)

    def catalogue(self) -> list[Instrument]:
        """The instruments in the catalogue's order: by date, then id."""
        return sorted(self.instruments.values(), key=listing.catalogue_key)

    def listing_parts(self) -> dict:
        """{body: [[instrument, ...] per part]} of the long lists (accord/listing.py),
        worked out once for the model (every page of a list asks)."""
        if self._parts is None:
            self._parts = listing.parts(self.instruments.values())
        return self._parts

    def find(self, markdown: str, lang: str) -> list:
        """Every citation of a text in ``lang``: by the patterns, and by the titles of
        this corpus's instruments (accord/citation_titles.py)."""
        table = citation_find.load_patterns()
        index = self.title_index
        return citation_find.scan(markdown, lang, more=lambda text, seg_lang: citation_titles.find_titles(
            text, seg_lang, index, table) if index else [])

    def text(self, rel: str) -> Optional[TextPage]:
        """The text page of docs/ at ``rel`` ("instruments/a-res-71-19.zh.md"), or None."""
        if self._by_rel is None:
            self._by_rel = {text.rel: text for text in self.texts}
        return self._by_rel.get(rel)


# --------------------------------------------------------------------------- loading

# The last model per docs/ folder: each of the six language builds asks for it.
_MODELS: dict = {}
# The citations found in each text of the last model, by (Markdown, language), and the
# titles they were found with (a change of titles scans every text again).
_SCANNED: dict = {"titles": None, "found": {}}


def load(docs_dir) -> Corpus:
    """The model of docs_dir, made again only when a page changed (see the docstring)."""
    docs = Path(docs_dir)
    pages = instrument_pages(docs)
    model = _MODELS.get(str(docs))
    if model is None or model.scan is not pages:
        model = _MODELS[str(docs)] = _build(docs, pages)
    return model


def last(docs_dir) -> Optional[Corpus]:
    """The model load() last made for docs_dir, without looking at docs/ (None before)."""
    return _MODELS.get(str(Path(docs_dir)))


def _build(docs: Path, pages) -> Corpus:
    last = _MODELS.get(str(docs))
    corpus = _texts_changed(last, pages) if last is not None else None
    if corpus is None:
        corpus = _registered(docs, pages)
    corpus.links = _find_and_resolve(corpus)
    corpus.graph = citation_graph.build_graph(corpus)
    return corpus


def _registered(docs: Path, pages) -> Corpus:
    """A model of the pages with their instruments, ids and texts (not yet their citations)."""
    corpus = Corpus(docs=docs, scan=pages)
    for path, rel, meta, body in pages:
        if not meta.get("instrument"):
            continue
        if meta.get("test_data") and os.environ.get(TEST_DATA_SWITCH) != "1":
            raise BuildProblem(f"{path}: test data (test_data: true) must never be published; "
                               "it belongs in tests/fixtures/")
        key, ids = _page_facts(path, rel, meta, body)
        _add_page(corpus, key, rel, path, meta)
        corpus.page_ids.setdefault(key, set()).update(ids)
        corpus.page_files.setdefault(key, []).append((path, rel))
        if meta.get("language"):
            corpus.texts.append(TextPage(rel=rel, key=key, lang=meta["language"], meta=meta, body=body, path=path))
    for inst in corpus.instruments.values():
        for version in inst.versions.values():
            version.files.sort()
    corpus.title_index = citation_titles.title_index(corpus.instruments.values())
    return corpus


def _texts_changed(last: Corpus, pages) -> Optional[Corpus]:
    """The model of ``pages`` made from the last one where only texts changed (the same
    files, each with the front matter it had: the edit `make serve` sees most): its
    instruments kept, the changed pages' ids and texts read again. None otherwise."""
    if last.scan is None or len(last.scan) != len(pages):
        return None
    changed = {}
    for old, new in zip(last.scan, pages):
        if old is new:
            continue
        if old[1] != new[1] or old[2] != new[2]:        # another file, or new front matter
            return None
        if new[2].get("instrument"):
            changed[new[1]] = new
    corpus = Corpus(docs=last.docs, scan=pages, instruments=last.instruments, by_symbol=last.by_symbol,
                    by_number=last.by_number, page_ids=dict(last.page_ids), page_files=last.page_files,
                    title_index=last.title_index)
    scanned = {rel: (path, meta, body) for path, rel, meta, body in pages}
    for key in {_page_facts(*entry)[0] for entry in changed.values()}:
        corpus.page_ids[key] = set().union(*(
            _page_facts(path, rel, *scanned[rel][1:])[1] for path, rel in corpus.page_files[key]))
    corpus.texts = [text if text.rel not in changed else
                    TextPage(rel=text.rel, key=text.key, lang=text.lang, meta=changed[text.rel][2],
                             body=changed[text.rel][3], path=text.path)
                    for text in last.texts]
    return corpus


# What one page file gives the model beyond its front matter (its page key, the ids of
# its text), by path, with the front matter and text it was read from: the docs scan
# keeps those objects for a file that did not change, so `make serve` reads again only
# the edited page.
_FACTS: dict = {}


def _page_facts(path: Path, rel: str, meta: dict, body: str) -> tuple:
    """(page key, ids of the text) of one page file."""
    known = _FACTS.get(path)
    if known is not None and known[0] is meta and known[1] is body:
        return known[2], known[3]
    key = PagePath.parse(rel).key
    ids = frozenset(m.group("id") for m in citation_find.ATTR_ID.finditer(body))
    _FACTS[path] = (meta, body, key, ids)
    return key, ids


def _add_page(corpus: Corpus, key: str, rel: str, path: Path, meta: dict) -> None:
    """Register one page file (an instrument's own page or one of its articles)."""
    inst = corpus.instruments.get(meta["instrument"])
    if inst is None:
        inst = Instrument(id=meta["instrument"], body=meta["body"], type=meta.get("type"), page=key,
                          symbol=meta.get("symbol"), number=_text(meta.get("number")),
                          date=_text(meta.get("date")))
        corpus.instruments[inst.id] = inst
        if inst.symbol:
            corpus.by_symbol[inst.symbol] = inst
        if inst.number:
            corpus.by_number[(inst.body, inst.type, inst.number)] = inst
    inst.pages.add(key)
    article = meta.get("article")
    lang = meta.get("language")
    if article is not None:
        inst.articles[str(article)] = key
        if lang and meta.get("title"):
            inst.article_titles.setdefault(key, {})[lang] = meta["title"]
    else:
        inst.page = key
        if not inst.meta or meta.get("fallback"):
            inst.meta = meta
        # every language version repeats the work's titles; where a hand edit made them
        # differ, the default language's file (or the fallback page) stands
        authority = PagePath.parse(rel).lang in (None, DEFAULT_LANGUAGE)
        _merge(inst.official_titles, meta.get("titles"), authority)
        _merge(inst.labels, meta.get("label"), authority)
        if lang and meta.get("title"):
            inst.text_titles[lang] = meta["title"]
    if lang:
        version = inst.versions.setdefault(lang, Version(lang))
        if article is None:
            version.title = meta.get("title")
        version.files.append((_article_order(article), rel, path))


def _merge(known: dict, given, authority: bool) -> None:
    """Titles of one file into the instrument's: the authority's replace, others fill in."""
    for lang, value in (given or {}).items():
        if authority or lang not in known:
            known[lang] = value


def _article_order(article) -> tuple:
    if article is None:
        return (0, 0, "")
    text = str(article)
    return (1, int(text) if text.isdigit() else 10**6, text)


def _text(value) -> Optional[str]:
    return None if value is None else str(value)


# --------------------------------------------------------------------------- citations


# The last model's resolutions: what they depend on (the site's instruments, their
# symbols, numbers and articles, the titles, every page's ids) and, by rel, the
# citations found, the page that cites and the citations resolved.
_RESOLVED: dict = {"context": None, "page_ids": {}, "texts": {}}


def _resolution_context(corpus: Corpus) -> tuple:
    """Everything resolving a citation reads of the corpus (accord/citation_resolve.py)
    but the pages' ids: which instrument a symbol, a number, a title or an article names."""
    return (corpus.title_index,) + tuple(
        (inst.id, inst.body, inst.type, inst.symbol, inst.number, inst.page, tuple(sorted(inst.articles.items())))
        for inst in corpus.instruments.values())


def _find_and_resolve(corpus: Corpus) -> dict:
    """rel -> every citation of the text page with where it leads: each text scanned
    once (or not at all where the last model had the same text), and resolved again
    only where what its resolution read has changed (an edit under `make serve` resolves
    the citations of the edited page, and of the pages citing one whose ids changed)."""
    global _SCANNED, _RESOLVED
    known = _SCANNED["found"] if _SCANNED["titles"] == corpus.title_index else {}
    context = _resolution_context(corpus)
    before = _RESOLVED["texts"] if _RESOLVED["context"] == context else {}
    old_ids = _RESOLVED["page_ids"]
    new_ids = corpus.page_ids
    moved = {key for key in old_ids.keys() | new_ids.keys()
             if old_ids.get(key) is not new_ids.get(key) and old_ids.get(key) != new_ids.get(key)}
    scanned, links, resolved = {}, {}, {}
    for text in corpus.texts:
        source = (text.body, text.lang)
        found = scanned.get(source)
        if found is None:
            found = known.get(source)
            if found is None:
                found = tuple(corpus.find(text.body, text.lang))
            scanned[source] = found
        citing = Citing(instrument=text.meta["instrument"], body=text.meta["body"], page=text.key)
        last = before.get(text.rel)
        if (last is not None and last[0] is found and last[1] == citing
                and not (moved and any(target.page in moved for _, target in last[2]))):
            links[text.rel] = last[2]
        else:
            links[text.rel] = tuple((occ, resolve_occurrence(occ, citing, corpus)) for occ in found)
        resolved[text.rel] = (found, citing, links[text.rel])
    _SCANNED = {"titles": corpus.title_index, "found": scanned}
    # the model's own sets of ids (never changed once made: a model made from this one
    # gives a page whose ids changed a set of its own)
    _RESOLVED = {"context": context, "page_ids": dict(new_ids), "texts": resolved}
    return links
