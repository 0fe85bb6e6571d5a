"""MkDocs hook: cross-references, "Cited by", the citation graph and its report.

Contributors write plain text; this hook turns the citations that
``hooks/citations.py`` finds into links, at build time, in every language tree.

Pipeline, one small function per stage (in the manner of eyecite):

1. ``build_index``   docs/ front matter -> the instruments of this site (symbol, body,
                     number, type), their pages, articles and paragraph ids
2. ``scan``          Markdown -> ``Occurrence`` (citation + text language + citing
                     paragraph id), skipping code, links, HTML tags, attribute lists,
                     footnote markers, URLs and headings
3. ``resolve``       citation -> ``Target``, in order: a page of this site (the cited
                     article or paragraph where the text names one), else the official
                     copy (undocs.org, UN symbols only), else unresolved with a reason.
                     The issuing body is never guessed: an ambiguous citation stays
                     unresolved, and only UN citations ever reach undocs.org.
4. ``build_graph``   every text page of docs/ scanned and resolved once per build,
                     before any page is rendered: edges (for "Cited by" and
                     citations.json) and the unresolved citations (for the report)
5. ``link_markdown`` (on_page_markdown) citations -> Markdown links, so MkDocs and the
                     i18n plugin resolve site links in each language tree and check them
6. ``cited_by_html`` (on_page_content) the "Cited by" block, rendered from
                     overrides/partials/cited-by.html
7. ``on_post_build`` citations.json and xref-report.txt at the site root, written once
                     (in the default-language build), deterministic

Hooks keep module state between the language builds: the state is keyed by the
interface language and rebuilt in ``on_pre_build``.
"""
from __future__ import annotations

import bisect
import dataclasses
import importlib.util
import json
import logging
import posixpath
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from mkdocs.utils import get_relative_url

from accord import titles
from accord.identifiers import PagePath
from accord.library import LANGUAGES, OFFICIAL_COPIES

sys.path.insert(0, str(Path(__file__).resolve().parent))   # hooks/ is not a package
from docs_pages import direction, instrument_pages, read_yaml, theme_template  # noqa: E402

log = logging.getLogger("mkdocs.hooks.xref")

# --------------------------------------------------------------------------- data

HOOKS_DIR = Path(__file__).resolve().parent
LABELS_FILE = HOOKS_DIR / "labels.yml"
PARTIAL = "partials/cited-by.html"
GRAPH_FILE = "citations.json"
REPORT_FILE = "xref-report.txt"

# Official copies: the only address pattern known. Only citations whose issuing body is
# the UN General Assembly (with a derived symbol) or a full UN document symbol go there.
OFFICIAL_URL = OFFICIAL_COPIES["undocs"]
# GA decisions have no document of their own (they are printed in the session's
# Official Records); the UN Digital Library catalogues each under "A/DEC/<s>/<n>".
DECISION_URL = "https://digitallibrary.un.org/search?ln={lang}&p=%22{symbol}%22"
OFFICIAL_BODIES = frozenset({"un-ga", "un-doc"})

# A citation's body -> the bodies of site instruments it may designate. A full UN
# symbol ("CTOC/COP/WG.3/2024/1") names a document of any UN body; otherwise the
# bodies must be equal.
SITE_BODIES = {"un-doc": frozenset({"un-ga", "untoc-cop"})}

# The body "same-instrument" (本协议第2条, "article 2 of this Agreement"): an article
# of the citing instrument.
SAME_INSTRUMENT = "same-instrument"

# Sub-item letters of a pinpoint -> the Latin letter of the Akoma Ntoso id
# ("3 (ب)" -> para_3__list_1__point_b). Latin letters map to themselves.
POINT_LETTERS = dict(zip("أبجدهوزحطي", "abcdefghij"), **{"هـ": "e"})

# Characters that would break a Markdown link if they were part of its text.
MARKUP = re.compile(r"[\[\]`*_<>\\]")

# "instruments/a-res-71-19.zh.md" -> "instruments/a-res-71-19.md" (the page key, the
# same in every language tree).

# Regions of Markdown where a citation is not linked. One alternative per kind:
PROTECTED = re.compile(
    r"""
      ^(?P<fence>```|~~~)[\s\S]*?^(?P=fence)   # a fenced code block
    | `+[^`\n]*`+                              # inline code: `A/RES/71/19`
    | !?\[[^\]\n]*\]\([^)\n]*\)                # a link or image: [71/19](a-res-71-19.md)
    | \[[^\]\n]*\]\[[^\]\n]*\]                 # a reference link: [text][ref]
    | <a\b[\s\S]*?</a>                         # an HTML link: <a href="...">...</a>
    | <[^>\n]+>                                # any other HTML tag (its attributes)
    | \{:[^}\n]*\}                             # an attribute list: {: #para_1 }
    | \[\^[^\]\n]+\]:?                         # a footnote marker: [^1] or [^1]:
    | \b[a-z][a-z0-9+.-]*://\S+                # a bare URL: https://undocs.org/en/...
    | ^[ ]{0,3}\#{1,6}[ ].*$                   # a heading (toc adds its own permalink)
    | ^[ ]{0,3}\[(?!\^)[^\]\n]+\]:[ ].*$       # a link reference definition
    """,
    re.VERBOSE | re.MULTILINE,
)
# An attribute list that gives a block its id: "{: #preamble__p_1 }", "{: #formula .formula }"
ATTR_ID = re.compile(r"\{:[^}\n]*?#(?P<id>[A-Za-z][\w-]*)[^}\n]*\}")
# A footnote definition at the start of a line: "[^2]: القرار ٢٨٤/٧٢."
FOOTNOTE_DEF = re.compile(r"^\[\^(?P<label>[^\]\n]+)\]:")
# A footnote reference in the text: "...[^2]" (not a definition)
FOOTNOTE_REF = re.compile(r"\[\^(?P<label>[^\]\n]+)\](?!:)")
# A line that opens or closes a block of raw HTML: <div class="text-version" lang="ar" ...>
DIV_OPEN = re.compile(r"^\s*<div\b(?P<attrs>[^>]*)>\s*$")
DIV_CLOSE = re.compile(r"^\s*</div>\s*$")
LANG_ATTR = re.compile(r'\blang="(?P<lang>[a-z]{2})"')


def _load_citations():
    """hooks/ is not a package: load hooks/citations.py from its file (afresh, so
    ``mkdocs serve`` picks up edits of the patterns)."""
    name = "accord_citations"
    spec = importlib.util.spec_from_file_location(name, HOOKS_DIR / "citations.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


citations = _load_citations()


# --------------------------------------------------------------------------- data types


@dataclass
class Instrument:
    """One instrument of this site, from the front matter of its pages."""

    id: str
    body: str
    type: str
    page: str                                   # page key: "instruments/a-res-71-19.md"
    symbol: Optional[str] = None
    number: Optional[str] = None
    date: Optional[str] = None
    official_titles: dict = field(default_factory=dict)  # language -> title (metadata)
    labels: dict = field(default_factory=dict)           # language -> Accord's description
    text_titles: dict = field(default_factory=dict)      # language -> title of the text
    articles: dict = field(default_factory=dict)  # "2" -> page key of the article
    article_titles: dict = field(default_factory=dict)  # page key -> (title, language)


@dataclass
class Index:
    """The instruments of this site and where their pages and paragraphs are."""

    instruments: dict = field(default_factory=dict)   # id -> Instrument
    by_symbol: dict = field(default_factory=dict)     # symbol -> Instrument
    by_number: dict = field(default_factory=dict)     # (body, type, number) -> Instrument
    page_ids: dict = field(default_factory=dict)      # page key -> set of element ids
    texts: list = field(default_factory=list)         # (page key, meta, Markdown body)


@dataclass(frozen=True)
class Occurrence:
    """A citation found in a page's Markdown, with where it stands."""

    citation: object              # citations.Citation (offsets are in the whole Markdown)
    lang: str                     # language of the text
    paragraph: Optional[str]      # id of the citing paragraph, where it has one


@dataclass(frozen=True)
class Citing:
    """The page that cites."""

    instrument: str
    body: str
    page: str                     # page key


@dataclass(frozen=True)
class Target:
    """Where a citation leads: ``status`` is site, official, self or unresolved."""

    status: str
    instrument: Optional[str] = None    # site instrument id
    page: Optional[str] = None          # page key of a site target
    anchor: Optional[str] = None        # paragraph id on that page
    symbol: Optional[str] = None        # official symbol (external node)
    reason: Optional[str] = None        # why unresolved

    def official_url(self, lang: str) -> Optional[str]:
        if self.status != "official":
            return None
        template = DECISION_URL if self.symbol.startswith("A/DEC/") else OFFICIAL_URL
        return template.format(lang=lang, symbol=self.symbol)


@dataclass
class Graph:
    """The citations of the whole corpus: resolved edges and unresolved ones."""

    edges: list = field(default_factory=list)        # dicts, see ``_edge``
    unresolved: list = field(default_factory=list)   # dicts, see ``_unresolved``
    _by_target: Optional[dict] = field(default=None, repr=False, compare=False)

    def citing(self, key: str) -> list:
        """The edges to page ``key``, in graph order (indexed once: every page asks)."""
        if self._by_target is None:
            self._by_target = {}
            for edge in self.edges:
                self._by_target.setdefault(edge["to_page"], []).append(edge)
        return self._by_target.get(key, [])


@dataclass
class BuildState:
    """Everything this hook knows during one language build."""

    lang: str
    index: Index
    graph: Graph
    urls: dict = field(default_factory=dict)         # page key -> page URL in this tree
    labels: dict = field(default_factory=dict)


STATE: dict = {}   # interface language -> BuildState


# --------------------------------------------------------------------------- index


def page_key(src_uri: str) -> str:
    """The language-independent key of a page.

    >>> page_key("instruments/a-res-71-19.zh.md")
    'instruments/a-res-71-19.md'
    """
    return PagePath.parse(src_uri).key


def build_index(docs_dir: Path) -> Index:
    """Read every instrument page of docs/ (front matter, ids, text)."""
    index = Index()
    for _, rel, meta, body in instrument_pages(docs_dir):
        if not meta.get("instrument"):
            continue
        key = page_key(rel)
        _add_page(index, key, meta)
        index.page_ids.setdefault(key, set()).update(m.group("id") for m in ATTR_ID.finditer(body))
        if meta.get("language"):
            index.texts.append((key, meta, body))
    return index


def _add_page(index: Index, key: str, meta: dict) -> None:
    """Register one page (an instrument's own page or one of its articles)."""
    inst = index.instruments.get(meta["instrument"])
    if inst is None:
        inst = Instrument(id=meta["instrument"], body=meta["body"], type=meta.get("type"), page=key,
                          symbol=meta.get("symbol"), number=_text(meta.get("number")),
                          date=_text(meta.get("date")))
        index.instruments[inst.id] = inst
        if inst.symbol:
            index.by_symbol[inst.symbol] = inst
        if inst.number:
            index.by_number[(inst.body, inst.type, inst.number)] = inst
    if meta.get("article") is not None:
        inst.articles[str(meta["article"])] = key
        if meta.get("language") and meta.get("title"):
            inst.article_titles[key] = (meta["title"], meta["language"])
    else:
        inst.page = key
        inst.official_titles.update(meta.get("titles") or {})
        inst.labels.update(meta.get("label") or {})
        if meta.get("language") and meta.get("title"):
            inst.text_titles[meta["language"]] = meta["title"]


def _text(value) -> Optional[str]:
    return None if value is None else str(value)


# --------------------------------------------------------------------------- scanning


def scan(markdown: str, lang: str) -> list[Occurrence]:
    """Every citation in ``markdown`` outside protected regions, in text order.

    ``lang`` is the language of the text outside blocks that declare their own
    (``<div class="text-version" lang="ar" markdown>`` on fallback pages).
    """
    protected = [m.span() for m in PROTECTED.finditer(markdown)]
    starts, paragraphs = _line_paragraphs(markdown)
    found = []
    for start, end, seg_lang in _segments(markdown, lang):
        for cit in citations.find_citations(markdown[start:end], seg_lang):
            cit = _shift(cit, start)
            if any(cit.start < p_end and p_start < cit.end for p_start, p_end in protected):
                continue
            line = _line_of(starts, cit.start)
            found.append(Occurrence(citation=cit, lang=seg_lang, paragraph=paragraphs[line]))
    return found


def _shift(cit, offset: int):
    """A citation found in a segment, with offsets in the whole text."""
    return dataclasses.replace(cit, start=cit.start + offset, end=cit.end + offset)


def _segments(markdown: str, lang: str) -> list[tuple[int, int, str]]:
    """(start, end, language) runs of lines; ``<div lang=..>`` lines switch language."""
    stack = [lang]
    segments = []
    offset = 0
    for line in markdown.split("\n"):
        opened, closed = DIV_OPEN.match(line), DIV_CLOSE.match(line)
        if opened:
            found = LANG_ATTR.search(opened.group("attrs"))
            stack.append(found.group("lang") if found and found.group("lang") in LANGUAGES else stack[-1])
        elif closed and len(stack) > 1:
            stack.pop()
        end = offset + len(line) + 1
        if segments and segments[-1][2] == stack[-1]:
            segments[-1] = (segments[-1][0], end, stack[-1])
        else:
            segments.append((offset, end, stack[-1]))
        offset = end
    return [(s, min(e, len(markdown)), lg) for s, e, lg in segments]


def _line_paragraphs(markdown: str) -> tuple[list[int], list[Optional[str]]]:
    """(line start offsets, id of the paragraph each line belongs to).

    A block's id is on its attribute list line, below the text (``{: #para_3 }``); in a
    list, each item's own line follows it. A footnote belongs to the paragraph that
    refers to it.
    """
    lines = markdown.split("\n")
    ids: list[Optional[str]] = [None] * len(lines)
    pending = None
    for number in range(len(lines) - 1, -1, -1):
        if not lines[number].strip():
            pending = None
            continue
        found = ATTR_ID.search(lines[number])
        pending = found.group("id") if found else pending
        ids[number] = pending
    referrers = {}
    for number, line in enumerate(lines):
        for ref in FOOTNOTE_REF.finditer(line):
            referrers.setdefault(ref.group("label"), ids[number])
    for number, line in enumerate(lines):
        note = FOOTNOTE_DEF.match(line)
        if note:
            ids[number] = referrers.get(note.group("label"))
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    return starts, ids


def _line_of(starts: list[int], offset: int) -> int:
    """The number of the line holding ``offset``."""
    return bisect.bisect_right(starts, offset) - 1


# --------------------------------------------------------------------------- resolving


def resolve(cit, citing: Citing, index: Index) -> Target:
    """Where a citation leads (see the module docstring for the order)."""
    cit = citations.resolve_body(cit, citing.body)
    if cit.body is None:
        candidates = ", ".join(cit.candidates) or "none"
        return Target("unresolved", reason=f"issuing body cannot be told (candidates: {candidates})")
    if cit.body == SAME_INSTRUMENT:
        return _resolve_article(cit, citing, index)
    inst = _site_instrument(cit, index)
    if inst is not None:
        if inst.id == citing.instrument:
            return Target("self", instrument=inst.id, page=inst.page)
        return Target("site", instrument=inst.id, page=inst.page,
                      anchor=_anchor(cit.paragraph, index.page_ids.get(inst.page, set())))
    symbol = cit.symbol or (cit.id if cit.body == "un-doc" else None)
    if symbol is None and cit.body == "un-ga" and cit.kind == "decision":
        symbol = f"A/DEC/{cit.id}"
    if symbol and cit.body in OFFICIAL_BODIES:
        return Target("official", symbol=symbol)
    return Target("unresolved", reason=f"not on this site; no official-copy address known "
                                       f"for {cit.body} {cit.kind}s")


def _resolve_article(cit, citing: Citing, index: Index) -> Target:
    """本协议第2条 -> the page of article 2 of the citing instrument."""
    inst = index.instruments.get(citing.instrument)
    page = inst.articles.get(cit.id) if inst else None
    if page is None:
        return Target("unresolved", reason=f"article {cit.id} of this instrument has no page")
    if page == citing.page:
        return Target("self", instrument=inst.id, page=page)
    return Target("site", instrument=inst.id, page=page)


def _site_instrument(cit, index: Index) -> Optional[Instrument]:
    """The site instrument a citation designates, by symbol or by body/kind/number."""
    allowed = SITE_BODIES.get(cit.body, frozenset({cit.body}))
    for symbol in (cit.symbol, cit.id):
        inst = index.by_symbol.get(symbol) if symbol else None
        if inst is not None and inst.body in allowed:
            return inst
    return index.by_number.get((cit.body, cit.kind, cit.id))


def _anchor(pinpoint: Optional[str], ids: set) -> Optional[str]:
    """A pinpoint ("3", "3 (a)") -> the paragraph id, if the target page has it."""
    if not pinpoint:
        return None
    number, _, sub = pinpoint.partition(" ")
    anchor = f"para_{number}"
    letter = sub.strip("()")
    if letter:
        anchor += f"__list_1__point_{POINT_LETTERS.get(letter, letter)}"
    return anchor if anchor in ids else None


# --------------------------------------------------------------------------- graph


# The citations found in each text of the last graph, by (text, language): each of the
# six language builds, and each page `make serve` rebuilds, builds the graph again, but
# only a changed text is scanned again. Kept to the texts of the last corpus.
_SCANNED: dict = {}


def build_graph(index: Index) -> Graph:
    """Scan and resolve every text page of the corpus once."""
    global _SCANNED
    graph = Graph()
    scanned = {}
    for key, meta, body in index.texts:
        citing = Citing(instrument=meta["instrument"], body=meta["body"], page=key)
        text = (body, meta["language"])
        found = scanned.get(text)
        if found is None:
            found = _SCANNED[text] if text in _SCANNED else tuple(scan(*text))
            scanned[text] = found
        for occ in found:
            target = resolve(occ.citation, citing, index)
            if target.status in ("site", "official") and not _linkable(occ):
                target = Target("unresolved", reason="its text crosses Markdown markup")
            if target.status in ("site", "official"):
                graph.edges.append(_edge(occ, citing, target, index))
            elif target.status == "unresolved":
                graph.unresolved.append(_unresolved(occ, citing, target))
    graph.edges = _unique(graph.edges)
    graph.unresolved = _unique(graph.unresolved)
    _SCANNED = scanned
    return graph


def _edge(occ: Occurrence, citing: Citing, target: Target, index: Index) -> dict:
    """One edge of citations.json; ``url`` is root-relative (default language tree)
    for site targets, the English official copy otherwise."""
    cit = occ.citation
    return {
        "from": citing.instrument,
        "from_page": citing.page,
        "from_paragraph": occ.paragraph,
        "to": target.instrument or target.symbol,
        "to_page": target.page,
        "to_paragraph": target.anchor,
        "kind": cit.kind,
        "body": citations.resolve_body(cit, citing.body).body,
        "text": cit.text,
        "lang": occ.lang,
        "status": target.status,
        "url": _site_url(target) if target.status == "site" else target.official_url("en"),
    }


def _unresolved(occ: Occurrence, citing: Citing, target: Target) -> dict:
    return {"text": occ.citation.text, "page": citing.page, "paragraph": occ.paragraph,
            "lang": occ.lang, "reason": target.reason}


def _unique(rows: list[dict]) -> list[dict]:
    """Drop repeated rows, keeping document order (pages are scanned sorted by path)."""
    seen: dict = {}
    for row in rows:
        seen.setdefault(json.dumps(row, sort_keys=True, ensure_ascii=False), row)
    return list(seen.values())


def _site_url(target: Target) -> str:
    """Root-relative URL of a site target with directory URLs: "instruments/x/#para_1"."""
    return PagePath.parse(target.page).url + (f"#{target.anchor}" if target.anchor else "")


def graph_json(index: Index, graph: Graph) -> str:
    """citations.json: nodes (instruments, external symbols), edges, unresolved."""
    nodes = [{"id": inst.id, "type": "instrument", "body": inst.body, "kind": inst.type,
              "symbol": inst.symbol, "url": _site_url(Target("site", page=inst.page))}
             for inst in index.instruments.values()]
    externals = sorted({e["to"] for e in graph.edges if e["status"] == "official"})
    nodes += [{"id": sym, "type": "external", "symbol": sym,
               "url": OFFICIAL_URL.format(lang="en", symbol=sym)} for sym in externals]
    data = {"nodes": sorted(nodes, key=lambda n: (n["type"], n["id"])),
            "edges": graph.edges, "unresolved": graph.unresolved}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def report_text(graph: Graph) -> str:
    """xref-report.txt: one line per citation left as plain text, with the reason."""
    lines = [f"Accord cross-references: {len(graph.edges)} linked, "
             f"{len(graph.unresolved)} left as plain text.", ""]
    for row in graph.unresolved:
        where = row["page"] + (f"#{row['paragraph']}" if row["paragraph"] else "")
        lines.append(f"{where}: \u201c{row['text']}\u201d: {row['reason']}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- linking


def link_markdown(markdown: str, page_src: str, citing: Citing, state: BuildState,
                  text_lang: str) -> str:
    """Replace each resolvable citation with a Markdown link (from the end backwards)."""
    for occ in reversed(scan(markdown, text_lang)):
        cit = occ.citation
        target = resolve(cit, citing, state.index)
        href = _href(target, page_src, state.lang)
        if href is None or not _linkable(occ):
            continue
        link = f"[{cit.text}]({href}){{: {_link_attrs(target, state.lang)} }}"
        markdown = markdown[: cit.start] + link + markdown[cit.end:]
    return markdown


def _linkable(occ: Occurrence) -> bool:
    """A citation whose text holds Markdown markup (emphasis, a bracket...) stays text."""
    return not MARKUP.search(occ.citation.text)


def _href(target: Target, page_src: str, lang: str) -> Optional[str]:
    """A relative .md link for site targets (MkDocs resolves it in each language tree),
    the official copy in the interface language, or None."""
    if target.status == "official":
        return target.official_url(lang)
    if target.status != "site":
        return None
    here = posixpath.dirname(page_key(page_src))
    path = posixpath.relpath(target.page, here or ".")
    return path + (f"#{target.anchor}" if target.anchor else "")


def _link_attrs(target: Target, lang: str) -> str:
    if target.status == "official":
        return f'.xref .xref--official hreflang="{lang}" rel="external"'
    return ".xref .xref--site"


# --------------------------------------------------------------------------- cited by


def cited_by(key: str, state: BuildState, page_url: str) -> list[dict]:
    """The pages citing page ``key``: one entry per citing page, its paragraphs linked."""
    entries: dict = {}
    for edge in state.graph.citing(key):
        if edge["from_page"] == key:
            continue
        url = get_relative_url(state.urls[edge["from_page"]], page_url)
        entry = entries.setdefault(edge["from_page"], _cited_by_entry(edge, state, url))
        para = edge["from_paragraph"]
        if para and para not in [p["id"] for p in entry["paragraphs"]]:
            entry["paragraphs"].append({"id": para, "url": f"{url}#{para}"})
    return [entries[k] for k in sorted(entries)]


def _cited_by_entry(edge: dict, state: BuildState, url: str) -> dict:
    inst = state.index.instruments[edge["from"]]
    title, title_lang = _title(inst, state.lang)
    part, part_lang = inst.article_titles.get(edge["from_page"], (None, None))
    return {"instrument": inst.id, "title": title, "lang": title_lang, "dir": direction(title_lang),
            "part": part, "part_lang": part_lang, "part_dir": direction(part_lang),
            "symbol": inst.symbol, "url": url, "paragraphs": []}


def _title(inst: Instrument, lang: str) -> tuple[str, str]:
    """(title, its language), by the one rule (accord/titles.py)."""
    return titles.instrument_title(lang, inst.id, inst.official_titles, inst.labels, inst.text_titles)


def cited_by_html(entries: list[dict], state: BuildState, config) -> str:
    """The "Cited by" block, rendered from overrides/partials/cited-by.html."""
    template = theme_template(config, PARTIAL)
    labels = state.labels.get(state.lang) or state.labels.get("en", {})
    return template.render(cited_by=entries, label=labels.get("cited_by", "Cited by"),
                           lang=state.lang, dir=direction(state.lang))


# --------------------------------------------------------------------------- the picture

GRAPH_PARTIAL = "partials/citation-graph.html"
ROW = 34            # vertical distance between two nodes of a column, in SVG units
LEFT_X, RIGHT_X, TOP = 330, 690, 30


def _short(text: str, limit: int = 44) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def graph_picture(state: BuildState, page_url: str) -> dict:
    """Positions of the citation graph for overrides/partials/citation-graph.html: the
    instruments of this site on the left (by date), the documents they cite elsewhere on
    the right; an edge per citing instrument and cited node, with its count."""
    lang = state.lang
    index = state.index
    cited = {(e["from"], e["to"]) for e in state.graph.edges}
    counts = {}
    for edge in state.graph.edges:
        counts[(edge["from"], edge["to"])] = counts.get((edge["from"], edge["to"]), 0) + 1
    ordered = sorted(index.instruments.values(), key=lambda i: (i.date or "", i.id))
    left = {}
    for row, inst in enumerate(ordered):
        title, title_lang = (inst.symbol, lang) if inst.symbol else _title(inst, lang)
        url = get_relative_url(state.urls[inst.page], page_url) if inst.page in state.urls else None
        left[inst.id] = {"x": LEFT_X, "y": TOP + row * ROW, "label": _short(title), "url": url, "id": inst.id,
                         "lang": title_lang}
    externals = sorted({to for (_, to) in cited if to not in left})
    right = {}
    for row, symbol in enumerate(externals):
        url = OFFICIAL_URL.format(lang=lang, symbol=symbol)
        if symbol.startswith("A/DEC/"):
            url = DECISION_URL.format(lang=lang, symbol=symbol)
        right[symbol] = {"x": RIGHT_X, "y": TOP + row * ROW, "label": symbol, "url": url, "id": symbol, "lang": "en"}
    edges = []
    for (source, target), count in sorted(counts.items()):
        if source == target:
            continue            # an article citing another article of the same instrument
        a = left.get(source)
        b = left.get(target) or right.get(target)
        if a is None or b is None:
            continue
        internal = target in left
        edges.append({"x1": a["x"], "y1": a["y"], "x2": b["x"], "y2": b["y"], "count": count, "internal": internal,
                      "bend": a["x"] + 50 + abs(a["y"] - b["y"]) // 2})
    height = TOP + max(len(left), len(right), 1) * ROW
    return {"left": list(left.values()), "right": list(right.values()), "edges": edges, "height": height,
            "width": RIGHT_X + 260}


def graph_page_html(state: BuildState, config, page_url: str) -> str:
    template = theme_template(config, GRAPH_PARTIAL)
    labels = state.labels.get(state.lang) or state.labels.get("en", {})
    return template.render(graph=graph_picture(state, page_url), labels=labels,
                           lang=state.lang, dir=direction(state.lang))


# --------------------------------------------------------------------------- MkDocs events


def _state(config) -> BuildState:
    return STATE[config.theme["language"]]


# (pages, index, graph) of the last build: the same for the six language builds.
_CORPUS = (None, None, None)


def corpus_graph() -> Optional[Graph]:
    """The citation graph of the last build (None before any)."""
    return _CORPUS[2]


def on_pre_build(config):
    """Index the corpus and build the citation graph for this language build."""
    global _CORPUS
    lang = config.theme["language"]
    pages = instrument_pages(Path(config.docs_dir))
    if _CORPUS[0] is not pages:                # else nothing changed since the last build
        index = build_index(Path(config.docs_dir))
        _CORPUS = (pages, index, build_graph(index))
    labels = read_yaml(LABELS_FILE) if LABELS_FILE.exists() else {}
    STATE[lang] = BuildState(lang=lang, index=_CORPUS[1], graph=_CORPUS[2], labels=labels or {})


def on_nav(nav, config, files):
    """The URL of every page in this language tree (the i18n plugin has reconfigured
    the files in its on_files; pages are rendered after this event)."""
    _state(config).urls = {page_key(f.src_uri): f.url for f in files.documentation_pages()}
    return nav


def on_page_markdown(markdown, page, config, files):
    """Turn the citations of an instrument page into links; draw the graph page."""
    meta = page.meta
    if meta.get("citation_graph"):
        state = _state(config)
        labels = state.labels.get(state.lang) or state.labels.get("en", {})
        page.meta["title"] = labels.get("graph_title", page.meta.get("title"))
        return f"# {labels.get('graph_title', '')}\n\n{labels.get('graph_intro', '')}\n\n" \
               + graph_page_html(state, config, page.url) + "\n"
    if not meta.get("instrument"):
        return markdown
    state = _state(config)
    key = page_key(page.file.src_uri)
    citing = Citing(instrument=meta["instrument"], body=meta["body"], page=key)
    return link_markdown(markdown, page.file.src_uri, citing, state, meta.get("language") or state.lang)


def on_page_content(html, page, config, files):
    """Append the "Cited by" block to every instrument page that is cited."""
    if not page.meta.get("instrument"):
        return html
    state = _state(config)
    entries = cited_by(page_key(page.file.src_uri), state, page.url)
    return html + cited_by_html(entries, state, config) if entries else html


def on_post_build(config):
    """Write citations.json and xref-report.txt once, in the default-language build."""
    i18n = config.plugins.get("i18n")
    if i18n is not None and not getattr(i18n, "is_default_language_build", True):
        return
    state = _state(config)
    site = Path(config.site_dir)
    (site / GRAPH_FILE).write_text(graph_json(state.index, state.graph), encoding="utf-8")
    report = report_text(state.graph)
    (site / REPORT_FILE).write_text(report, encoding="utf-8")
    for line in report.rstrip("\n").split("\n"):
        if line:
            log.info("xref: %s", line)
