"""The citation graph of the corpus (the third stage, after accord/citation_find.py and
accord/citation_resolve.py): resolved edges (for "Cited by", citations.json and the
picture on the citations page) and the citations left as text (for the report).

Built by the corpus model (accord/corpus.py) from the citations it found and resolved,
once per build, before any page is rendered.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Optional

from accord.citation_find import resolve_body
from accord.citation_resolve import OFFICIAL_URL, Target
from accord.identifiers import PagePath

GRAPH_FILE = "citations.json"
REPORT_FILE = "xref-report.txt"


@dataclass
class Graph:
    """The citations of the whole corpus: resolved edges and unresolved ones."""

    edges: list = field(default_factory=list)        # dicts, see ``_edge``
    unresolved: list = field(default_factory=list)   # dicts, see ``_unresolved``
    keyed: dict = field(default_factory=dict)        # a key per edge (equal edges, one key) -> edge
    _by_target: Optional[dict] = field(default=None, repr=False, compare=False)

    def citing(self, key: str) -> list:
        """The edges to page ``key``, in graph order (indexed once: every page asks)."""
        if self._by_target is None:
            self._by_target = {}
            for edge in self.edges:
                self._by_target.setdefault(edge["to_page"], []).append(edge)
        return self._by_target.get(key, [])



# The rows each text gave the last graph, by rel, with the resolved citations and the
# citing page they were made from: an edit under `make serve` makes only its own rows.
_ROWS: dict = {}


def build_graph(corpus) -> Graph:
    """Every resolved citation of the corpus as an edge, every other as unresolved."""
    global _ROWS
    edges, unresolved, rows = {}, {}, {}
    for text in corpus.texts:
        links = corpus.links[text.rel]
        made = (text.key, text.meta["instrument"], text.meta["body"])
        last = _ROWS.get(text.rel)
        if last is None or last[0] is not links or last[1] != made:
            last = (links, made, _keyed(_edge(occ, text, target) for occ, target in links
                                        if target.status in ("site", "official")),
                    _keyed(_unresolved(occ, text, target) for occ, target in links
                           if target.status == "unresolved"))
        rows[text.rel] = last
        for key, row in last[2]:
            edges.setdefault(key, row)
        for key, row in last[3]:
            unresolved.setdefault(key, row)
    _ROWS = rows
    return Graph(edges=list(edges.values()), unresolved=list(unresolved.values()), keyed=edges)


def _edge(occ, text, target: Target) -> dict:
    """One edge of citations.json; ``url`` is root-relative (default language tree)
    for site targets, the English official copy otherwise."""
    cit = occ.citation
    return {
        "from": text.meta["instrument"],
        "from_page": text.key,
        "from_paragraph": occ.paragraph,
        "to": target.instrument or target.symbol,
        "to_page": target.page,
        "to_paragraph": target.anchor,
        "kind": cit.kind,
        "body": resolve_body(cit, text.meta["body"]).body,
        "text": cit.text,
        "lang": occ.lang,
        "status": target.status,
        "url": site_url(target) if target.status == "site" else target.official_url("en"),
    }


def _unresolved(occ, text, target: Target) -> dict:
    return {"text": occ.citation.text, "page": text.key, "paragraph": occ.paragraph,
            "lang": occ.lang, "reason": target.reason}


def _keyed(rows) -> tuple:
    """((key, row), ...): a row's key tells two equal rows (the graph keeps the first of
    equals, in document order: pages are scanned sorted by path)."""
    return tuple((json.dumps(row, sort_keys=True, ensure_ascii=False), row) for row in rows)


def site_url(target: Target) -> str:
    """Root-relative URL of a site target with directory URLs: "instruments/x/#para_1"."""
    return PagePath.parse(target.page).url + (f"#{target.anchor}" if target.anchor else "")


def graph_json(corpus) -> str:
    """citations.json: nodes (instruments, external symbols), edges, unresolved."""
    nodes = [{"id": inst.id, "type": "instrument", "body": inst.body, "kind": inst.type,
              "symbol": inst.symbol, "url": site_url(Target("site", page=inst.page))}
             for inst in corpus.instruments.values()]
    graph = corpus.graph
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
