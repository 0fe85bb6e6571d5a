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
    _by_target: Optional[dict] = field(default=None, repr=False, compare=False)

    def citing(self, key: str) -> list:
        """The edges to page ``key``, in graph order (indexed once: every page asks)."""
        if self._by_target is None:
            self._by_target = {}
            for edge in self.edges:
                self._by_target.setdefault(edge["to_page"], []).append(edge)
        return self._by_target.get(key, [])



def build_graph(corpus) -> Graph:
    """Every resolved citation of the corpus as an edge, every other as unresolved."""
    graph = Graph()
    for text in corpus.texts:
        for occ, target in corpus.links[text.rel]:
            if target.status in ("site", "official"):
                graph.edges.append(_edge(occ, text, target))
            elif target.status == "unresolved":
                graph.unresolved.append(_unresolved(occ, text, target))
    graph.edges = _unique(graph.edges)
    graph.unresolved = _unique(graph.unresolved)
    return graph


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


def _unique(rows: list[dict]) -> list[dict]:
    """Drop repeated rows, keeping document order (pages are scanned sorted by path)."""
    seen: dict = {}
    for row in rows:
        seen.setdefault(json.dumps(row, sort_keys=True, ensure_ascii=False), row)
    return list(seen.values())


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
