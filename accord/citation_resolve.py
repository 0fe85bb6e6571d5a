"""Resolve a citation: where it leads, in order (the second stage, after
accord/citation_find.py; the corpus model runs it once per citation and build):

1. a page of this site, the cited article or paragraph where the text names one;
2. else the official copy (undocs.org, UN symbols only; a GA decision's record in the
   UN Digital Library);
3. else unresolved, with the reason.

The issuing body is never guessed: an ambiguous citation stays unresolved, and only UN
citations ever reach undocs.org.

    >>> Target("official", symbol="A/RES/51/1").official_url("fr")
    'https://undocs.org/fr/A/RES/51/1'
    >>> Target("official", symbol="A/DEC/60/519").official_url("ar")
    'https://digitallibrary.un.org/search?ln=ar&p=%22A/DEC/60/519%22'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from accord import citation_titles
from accord.citation_find import resolve_body
from accord.library import OFFICIAL_COPIES


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


def resolve(cit, citing: Citing, corpus) -> Target:
    """Where a citation leads (see the module docstring for the order)."""
    if cit.kind == citation_titles.KIND:
        return _resolve_title(cit, citing, corpus)
    cit = resolve_body(cit, citing.body)
    if cit.body is None:
        candidates = ", ".join(cit.candidates) or "none"
        return Target("unresolved", reason=f"issuing body cannot be told (candidates: {candidates})")
    if cit.body == SAME_INSTRUMENT:
        return _resolve_article(cit, citing, corpus)
    inst = _site_instrument(cit, corpus)
    if inst is not None:
        if inst.id == citing.instrument:
            return Target("self", instrument=inst.id, page=inst.page)
        return Target("site", instrument=inst.id, page=inst.page,
                      anchor=_anchor(cit.paragraph, corpus.page_ids.get(inst.page, set())))
    symbol = cit.symbol or (cit.id if cit.body == "un-doc" else None)
    if symbol is None and cit.body == "un-ga" and cit.kind == "decision":
        symbol = f"A/DEC/{cit.id}"
    if symbol and cit.body in OFFICIAL_BODIES:
        return Target("official", symbol=symbol)
    return Target("unresolved", reason=f"not on this site; no official-copy address known "
                                       f"for {cit.body} {cit.kind}s")


def _resolve_article(cit, citing: Citing, corpus) -> Target:
    """本协议第2条 -> the page of article 2 of the citing instrument."""
    inst = corpus.instruments.get(citing.instrument)
    page = inst.articles.get(cit.id) if inst else None
    if page is None:
        return Target("unresolved", reason=f"article {cit.id} of this instrument has no page")
    if page == citing.page:
        return Target("self", instrument=inst.id, page=page)
    return Target("site", instrument=inst.id, page=page)


def _resolve_title(cit, citing: Citing, corpus) -> Target:
    """An instrument cited by its title (accord/citation_titles.py): its page, or the
    page of the article named; a title two instruments share is reported."""
    ids = cit.parts["instruments"]
    if len(ids) > 1:
        return Target("unresolved", reason=f"the title is that of {len(ids)} instruments of the site "
                                           f"({', '.join(ids)}): cite it by its symbol")
    inst = corpus.instruments[ids[0]]
    page = inst.page
    if cit.parts.get("article"):
        page = inst.articles.get(cit.parts["article"])
        if page is None:
            return Target("unresolved", reason=f"article {cit.parts['article']} of {inst.id} has no page")
    if inst.id == citing.instrument:
        return Target("self", instrument=inst.id, page=page)
    return Target("site", instrument=inst.id, page=page)


def _site_instrument(cit, corpus):
    """The site instrument (accord/corpus.py Instrument) a citation designates, by symbol
    or by body/kind/number, or None."""
    allowed = SITE_BODIES.get(cit.body, frozenset({cit.body}))
    for symbol in (cit.symbol, cit.id):
        inst = corpus.by_symbol.get(symbol) if symbol else None
        if inst is not None and inst.body in allowed:
            return inst
    return corpus.by_number.get((cit.body, cit.kind, cit.id))


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


# Characters that would break a Markdown link if they were part of its text.
MARKUP = re.compile(r"[\[\]`*_<>\\]")


def resolve_occurrence(occ, citing: Citing, corpus) -> Target:
    """Where a citation found in a page leads; one whose text holds Markdown markup
    (emphasis, a bracket...) stays text, and is reported so."""
    target = resolve(occ.citation, citing, corpus)
    if target.status in ("site", "official") and MARKUP.search(occ.citation.text):
        return Target("unresolved", reason="its text crosses Markdown markup")
    return target
