"""Citations by title, a part of the finding stage beside the patterns of
accord/citation_find.py: an instrument of this site named by its official title, in a
language its title is known in, with the article named with it.

    "article 5 of the Cooperation Agreement between ... and ..."  -> its article 5
    "《……合作协议》第五条"                                          -> its article 5
    "المادة ٥ من اتفاق التعاون ..."                                  -> its article 5

The titles come from the corpus (the metadata's official titles, ``title_index``); the
words that may stand before and after a title are data, per language, in
accord/citation_patterns.yml (``titles``). A title that two instruments share names
neither: the citation is reported, never linked (accord/citation_resolve.py). A title
shorter than ``MIN_LENGTH`` could be ordinary words ("Provisional agenda"), and is not
looked for.

    >>> from accord.citation_find import load_patterns
    >>> index = (("en", "Test Agreement between the Sample Parties", ("test-agreement",)),)
    >>> [(c.text, c.parts["article"]) for c in find_titles(
    ...     "Recalls article 5 of the Test Agreement between the Sample Parties,", "en", index, load_patterns())]
    [('article 5 of the Test Agreement between the Sample Parties', '5')]
"""
from __future__ import annotations

from accord.citation_find import PINPOINT_BEFORE_CHARS, Citation
from accord.numerals import read_number

KIND = "title"
# The fewest characters a title must have to be looked for, by language (default: "*").
MIN_LENGTH = {"zh": 8, "*": 20}
# How far before a title its article is looked for ("article 12 of the "): as far as a
# pinpoint before a citation.
BEFORE_CHARS = PINPOINT_BEFORE_CHARS


def title_index(instruments) -> tuple:
    """((language, title, (instrument ids...)), ...) of the official titles of
    ``instruments`` (accord/corpus.py Instrument), longest first, so that a title
    holding another is found whole."""
    found: dict = {}
    for inst in instruments:
        for lang, title in (inst.official_titles or {}).items():
            title = " ".join(str(title).split())
            if title and len(title) >= MIN_LENGTH.get(lang, MIN_LENGTH["*"]):
                found.setdefault((lang, title), set()).add(inst.id)
    return tuple((lang, title, tuple(sorted(ids)))
                 for (lang, title), ids in sorted(found.items(), key=lambda item: (-len(item[0][1]), item[0])))


def find_titles(text: str, lang: str, index: tuple, table) -> list[Citation]:
    """The titles of ``index`` in ``lang`` that ``text`` holds, each with the article and
    brackets around it, in text order; a title inside a longer one found is not counted."""
    before, after = table.titles.get(lang, (None, None))
    found: list[Citation] = []
    taken: list[tuple[int, int]] = []
    for title_lang, title, ids in index:
        if title_lang != lang:
            continue
        start = text.find(title)
        while start >= 0:
            end = start + len(title)
            if not any(start < b and a < end for a, b in taken):
                found.append(_citation(text, start, end, lang, ids, before, after))
                taken.append((start, end))
            start = text.find(title, end)
    return sorted(found, key=lambda cit: cit.start)


def _citation(text: str, start: int, end: int, lang: str, ids: tuple, before, after) -> Citation:
    opening = before.search(text, max(0, start - BEFORE_CHARS), start) if before else None
    closing = after.match(text, end) if after else None
    article = None
    for match in (opening, closing):
        if match is not None and match.groupdict().get("article"):
            article = str(read_number(match.group("article")))
    first = opening.start() if opening is not None else start
    last = closing.end() if closing is not None else end
    return Citation(start=first, end=last, text=text[first:last], pattern=f"{lang}/{KIND}", lang=lang,
                    kind=KIND, body=None, id=article or "", parts={"instruments": ids, "article": article})
