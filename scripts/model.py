"""The document model between parsing and rendering: pages made of nodes.

Every node that a reader may cite carries an Akoma Ntoso-style id (``preamble__p_3``,
``para_3__list_1__point_a``, ``art_2__para_1``), the same in every language version.
"""
from dataclasses import dataclass, field

from .patterns import EMPHASIS_CLOSE, EMPHASIS_OPEN


def emphasis(text):
    """Text to be shown emphasized (an operative verb, a formula): marked with tokens that
    render.inline writes as Markdown emphasis, so the text's own asterisks stay text."""
    return f"{EMPHASIS_OPEN}{text}{EMPHASIS_CLOSE}"


@dataclass
class Heading:
    level: int
    text: str
    id: str | None
    line: int


@dataclass
class Para:
    text: str
    id: str | None
    line: int
    num: str | None = None       # the number as printed: "1.", "١ -", "1.1", "(a)"
    cls: str | None = None       # masthead, formula, parties, ...


@dataclass
class Item:
    text: str
    id: str
    line: int
    num: str | None = None
    children: list = field(default_factory=list)   # nested Items (ordered lists)


@dataclass
class ItemList:
    items: list
    ordered: bool = False


@dataclass
class Table:
    rows: list                    # first row is the header
    id: str
    line: int


@dataclass
class Signature:
    id: str
    lines: list                   # [(text, line)]


@dataclass
class Links:
    """Links to other pages of the same instrument (the agreement's articles)."""
    links: list                   # [(text, target)]


@dataclass
class Page:
    path: str                     # under docs/, without the language suffix: "instruments/a-res-71-19"
    title: str
    nodes: list
    meta: dict = field(default_factory=dict)
    footnotes: dict = field(default_factory=dict)    # number -> text


def paragraph_lines(nodes) -> dict:
    """{id: source line} of every node of a page that has an id (paragraphs, items and
    their sub-items, headings, tables, signatures), in page order."""
    found = {}
    for node in nodes:
        items = node.items if isinstance(node, ItemList) else node.children if isinstance(node, Item) else ()
        ident = getattr(node, "id", None)
        line = node.lines[0][1] if isinstance(node, Signature) and node.lines else getattr(node, "line", None)
        if ident:
            found.setdefault(ident, line)
        found.update({k: v for k, v in paragraph_lines(items).items() if k not in found})
    return found
