"""The site's long lists in parts of a bounded size: the catalogue (the home page) and
the citation graph (/citations/) list the instruments of each issuing body
LISTING_PAGE_SIZE at a time (accord/library.yml), so that no page grows with the library.
Each body's first part is on the list's own page; its other parts are pages of their
own, ``<list>/<body>/<n>.md``: the normalizer writes them, front matter only
(``part_pages``, scripts/normalize.py), and the build makes each from the corpus, as the
list's own page. Every part links the first and the last part of its body and the two
on either side of it (``pager``), so the pager stays the same size too.

    >>> part_path("catalogue", "un-ga", 1), part_path("catalogue", "un-ga", 2)
    ('index.md', 'catalogue/un-ga/2.md')
    >>> part_path("citations", "itu-council", 3)
    'citations/itu-council/3.md'
    >>> split(list(range(5)), 2)
    [[0, 1], [2, 3], [4]]
    >>> split([], 2)
    [[]]
    >>> part_of({"listing": {"kind": "citations", "body": "un-ga", "part": 2}})
    ('citations', 'un-ga', 2)
    >>> part_of({"catalogue": True}), part_of({"citation_graph": True}), part_of({})
    (('catalogue', None, 1), ('citations', None, 1), None)
    >>> is_part_path("catalogue/un-ga/2.md"), is_part_path("citations.md"), is_part_path("instruments/x.md")
    (True, False, False)

The parts of a library, from its instruments' body, date and id (the catalogue's order):

    >>> from types import SimpleNamespace as I
    >>> library = [I(id=f"r{n}", body="un-ga", date=f"2020-01-0{n}") for n in (3, 1, 2)] + [I(id="d", body="itu-council", date=None)]
    >>> [[i.id for i in part] for part in parts(library, size=2)["un-ga"]]
    [['r1', 'r2'], ['r3']]
    >>> [path for path, meta in part_pages(library, size=2)]
    ['catalogue/un-ga/2.md', 'citations/un-ga/2.md']
"""
from __future__ import annotations

from accord.identifiers import PagePath
from accord.library import LISTING_PAGE_SIZE

# The lists: the page that shows every body's first part, and the front matter flag
# that marks it (docs/index.md, docs/citations.md).
HOMES = {"catalogue": "index.md", "citations": "citations.md"}
FLAGS = {"catalogue": "catalogue", "citations": "citation_graph"}


def split(items: list, size: int = LISTING_PAGE_SIZE) -> list[list]:
    """``items`` in parts of ``size`` (one empty part for no items)."""
    return [items[start:start + size] for start in range(0, len(items), size)] or [[]]


def catalogue_key(inst) -> tuple:
    """The catalogue's order: by date (undated first), then id."""
    return (inst.date or "", inst.id)


def by_body(instruments) -> dict:
    """{body: [instrument, ...]} in the catalogue's order, of anything with an id, a
    body and a date (the corpus's instruments, the normalizer's pages)."""
    out = {}
    for inst in sorted(instruments, key=catalogue_key):
        out.setdefault(inst.body, []).append(inst)
    return out


def parts(instruments, size: int = LISTING_PAGE_SIZE) -> dict:
    """{body: [[instrument, ...] per part]}."""
    return {body: split(listed, size) for body, listed in by_body(instruments).items()}


def part_path(kind: str, body: str, n: int) -> str:
    """The docs path of part ``n`` (from 1) of a body in the list ``kind``."""
    return HOMES[kind] if n == 1 else f"{kind}/{body}/{n}.md"


def is_part_path(path: str) -> bool:
    """Is a docs path that of a part page (``<list>/<body>/<n>.md``)?"""
    folders = path.split("/")
    return len(folders) == 3 and folders[0] in HOMES and folders[2][:-3].isdigit() and folders[2].endswith(".md")


def part_pages(instruments, size: int = LISTING_PAGE_SIZE) -> list[tuple[str, dict]]:
    """(docs path, front matter) of every part that is a page of its own (n >= 2)."""
    out = []
    for kind in HOMES:
        for body, chunks in sorted(parts(instruments, size).items()):
            for n in range(2, len(chunks) + 1):
                out.append((part_path(kind, body, n), {"listing": {"kind": kind, "body": body, "part": n}}))
    return out


def part_of(meta: dict):
    """(list, body, part) of a page of a list, body None for the list's own page; else None."""
    listing = meta.get("listing")
    if isinstance(listing, dict):
        return listing.get("kind"), listing.get("body"), int(listing.get("part") or 1)
    for kind, flag in FLAGS.items():
        if meta.get(flag):
            return kind, None, 1
    return None


def shown(corpus, meta: dict) -> list:
    """The instruments a page of a list shows: every body's first part on the list's own
    page, the part's own instruments on a part page."""
    _, body, n = part_of(meta)
    chunks = corpus.listing_parts()
    if body is None:
        return [inst for body_parts in chunks.values() for inst in body_parts[0]]
    body_parts = chunks.get(body, [])
    return body_parts[n - 1] if 0 < n <= len(body_parts) else []


# How many parts the pager names on each side of the current one (and the first and the
# last always): its size does not grow with the library.
PAGER_REACH = 2


def pager_numbers(count: int, current: int, reach: int = PAGER_REACH) -> list:
    """The part numbers a pager names, None where it skips some.

    >>> pager_numbers(3, 1)
    [1, 2, 3]
    >>> pager_numbers(40, 20)
    [1, None, 18, 19, 20, 21, 22, None, 40]
    >>> pager_numbers(40, 2)
    [1, 2, 3, 4, None, 40]
    """
    shown = sorted({1, count} | set(range(max(1, current - reach), min(count, current + reach) + 1)))
    out = []
    for n in shown:
        if out and n - out[-1] > 1:
            out.append(None)
        out.append(n)
    return out


def pager(corpus, kind: str, body: str, here: PagePath, links, current: int) -> list[dict]:
    """The links to the parts of a body's list around the current one ([] when it has one
    part): [{n, url, current, gap: False}], {gap: True} where parts are skipped; ``url``
    as the engine reads a link in an HTML block."""
    count = len(corpus.listing_parts().get(body, []))
    if count < 2:
        return []
    return [{"gap": True} if n is None else
            {"n": n, "url": links.page(here, PagePath.parse(part_path(kind, body, n))), "current": n == current,
             "gap": False}
            for n in pager_numbers(count, current)]
