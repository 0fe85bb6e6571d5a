"""Write the citations of a text as links (the last stage, after find, resolve and the
graph): each citation the corpus model found and resolved in a text page becomes a
Markdown link, from its offsets, without scanning the text again.

A site target is a relative link to the cited page's ``.md`` file, which the engine
resolves in each language tree (and checks); an official copy is in the interface
language.

    >>> from accord.citation_find import scan
    >>> from accord.citation_resolve import Target
    >>> text = "see A/RES/51/1 and A/RES/71/19\\n"
    >>> first, second = scan(text, "en")
    >>> links = [(first, Target("official", symbol="A/RES/51/1")),
    ...          (second, Target("site", page="instruments/a-res-71-19.md"))]
    >>> print(link_markdown(text, links, "instruments/x.fr.md", "fr"), end="")
    see [A/RES/51/1](https://undocs.org/fr/A/RES/51/1){: .xref .xref--official hreflang="fr" rel="external" } and [A/RES/71/19](a-res-71-19.md){: .xref .xref--site }
"""
from __future__ import annotations

import posixpath
from typing import Optional

from accord.identifiers import PagePath


def link_markdown(markdown: str, links, page_src: str, lang: str, offset: int = 0) -> str:
    """``markdown`` with each linkable citation of ``links`` ((Occurrence, Target) pairs,
    offsets in the text scanned, of which ``markdown`` starts at ``offset``) written as a
    link; ``page_src`` is the page being built, ``lang`` the interface language."""
    parts, end = [], len(markdown)
    for occ, target in reversed(links):
        href = _href(target, page_src, lang)
        if href is None:
            continue
        start, stop = occ.citation.start - offset, occ.citation.end - offset
        if start < 0 or stop > len(markdown):
            continue
        parts.append(markdown[stop:end])
        parts.append(f"[{occ.citation.text}]({href}){{: {_link_attrs(target, lang)} }}")
        end = start
    parts.append(markdown[:end])
    return "".join(reversed(parts))


def _href(target, page_src: str, lang: str) -> Optional[str]:
    """A relative .md link for site targets, the official copy in the interface
    language, or None."""
    if target.status == "official":
        return target.official_url(lang)
    if target.status != "site":
        return None
    here = posixpath.dirname(PagePath.parse(page_src).key)
    path = posixpath.relpath(target.page, here or ".")
    return path + (f"#{target.anchor}" if target.anchor else "")


def _link_attrs(target, lang: str) -> str:
    if target.status == "official":
        return f'.xref .xref--official hreflang="{lang}" rel="external"'
    return ".xref .xref--site"
