"""Find citations of international instruments in plain text.

The patterns are data (``citation_patterns.yml``, next to this file), one table per
language, each pattern with the issuing body its wording implies and its own examples.
This module only compiles and applies them; it knows no language and imports no MkDocs.

Pipeline, one small function per stage:

1. ``load_patterns``    YAML -> ``Table`` (regex variables substituted, then compiled)
2. ``find_citations``   every pattern over the text -> candidate matches
3. ``_select``          overlapping matches resolved longest-first, output by offset
4. ``_to_citations``    a match -> one ``Citation`` per cited instrument (lists,
                        addenda), with normalised identifier, digits in ASCII, pinpoint
5. ``resolve_body``     (caller's choice) settle an ambiguous body from the citing
                        document's own body

>>> [c.id for c in find_citations("إذ تشير إلى قرارها ١٩/٧١", "ar")]
['71/19']
>>> c = find_citations("General Assembly resolution 71/19, para. 3 (a)", "en")[0]
>>> (c.body, c.kind, c.id, c.symbol, c.paragraph)
('un-ga', 'resolution', '71/19', 'A/RES/71/19', '3 (a)')
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import string
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

import yaml

from accord.library import LANGUAGES
from accord.numerals import CHINESE_NUMERAL, read_number

__all__ = [
    "Citation",
    "Occurrence",
    "Pattern",
    "Table",
    "find_citations",
    "load_patterns",
    "resolve_body",
    "scan",
    "to_ascii_digits",
]

PATTERNS_FILE = Path(__file__).with_name("citation_patterns.yml")
COMMON = "common"          # the group of patterns that runs for every language
AMBIGUOUS = "ambiguous"    # a pattern's body when the wording does not name one
KINDS = frozenset({"resolution", "decision", "document", "article"})

# A $name left in a regex after substitution: a typo in the data.
_UNRESOLVED_VARIABLE = re.compile(r"\$[A-Za-z_][A-Za-z0-9_]*")
# A part written in Chinese numerals ("十一"): read as its value.
CHINESE_NUMBER = re.compile(f"^{CHINESE_NUMERAL}$")
# Runs of whitespace in a captured part ("Rev.  Busan" -> "Rev. Busan").
_SPACES = re.compile(r"\s+")


# --------------------------------------------------------------------------- data types


@dataclass(frozen=True)
class Pattern:
    """One compiled citation pattern of one language (see the YAML header)."""

    lang: str
    id: str
    body: Optional[str]                 # None when the wording is ambiguous
    kind: str
    regex: re.Pattern
    normalize: tuple[str, ...]
    candidates: tuple[str, ...] = ()
    item: Optional[re.Pattern] = None   # one list item, searched inside group "items"
    span: Optional[str] = None          # group that delimits the main citation
    also: tuple[Mapping[str, str], ...] = ()
    require: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    defaults: Mapping[str, str] = field(default_factory=dict, hash=False)
    raw: Mapping[str, Any] = field(default_factory=dict, hash=False, repr=False)

    @property
    def qualified_id(self) -> str:
        """``"<lang>/<id>"``, the name reported in ``Citation.pattern``."""
        return f"{self.lang}/{self.id}"


@dataclass(frozen=True)
class Table:
    """All compiled patterns, by language, plus the data needed to normalise."""

    patterns: Mapping[str, tuple[Pattern, ...]]     # language -> own + common patterns
    pinpoints: Mapping[str, tuple[re.Pattern, ...]]
    pinpoints_before: Mapping[str, tuple[re.Pattern, ...]]
    bodies: Mapping[str, Mapping[str, Any]]
    context: Mapping[str, tuple[str, ...]]
    aliases: Mapping[str, Mapping[str, str]]
    # language -> (before, after): what stands around a title cited (accord/citation_titles.py)
    titles: Mapping[str, tuple[re.Pattern, re.Pattern]] = field(default_factory=dict)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.patterns)


@dataclass(frozen=True)
class Citation:
    """One cited instrument found in a text.

    ``body`` is None when the wording does not tell the issuing body; ``candidates``
    then lists the bodies it may belong to (see ``resolve_body``).
    """

    start: int
    end: int
    text: str
    pattern: str                      # "<lang>/<pattern id>"
    lang: str
    kind: str                         # resolution | decision | document | article
    body: Optional[str]
    id: str                           # normalised identifier: "71/19", "C17/126", "2"
    symbol: Optional[str] = None      # UN symbol where derivable: "A/RES/71/19"
    paragraph: Optional[str] = None   # pinpoint: "44", "3 (a)"
    candidates: tuple[str, ...] = ()
    parts: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)


# --------------------------------------------------------------------------- loading


@lru_cache(maxsize=8)
def _load_cached(path: str) -> Table:
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return build_table(data)


def load_patterns(path: Optional[str | Path] = None) -> Table:
    """Load and compile the citation table (cached per path).

    >>> table = load_patterns()
    >>> sorted(table.languages)
    ['ar', 'en', 'es', 'fr', 'ru', 'zh']
    """
    return _load_cached(str(Path(path) if path else PATTERNS_FILE))


def build_table(data: Mapping[str, Any]) -> Table:
    """Compile the parsed YAML document into a ``Table``."""
    groups = data["languages"]
    common = groups.get(COMMON, {})
    patterns: dict[str, tuple[Pattern, ...]] = {}
    pinpoints: dict[str, tuple[re.Pattern, ...]] = {}
    before: dict[str, tuple[re.Pattern, ...]] = {}
    titles: dict[str, tuple[re.Pattern, re.Pattern]] = {}
    for lang, group in groups.items():
        if lang == COMMON:
            continue
        variables = _language_variables(data, group)
        own = [_compile_pattern(lang, raw, variables) for raw in group.get("patterns", [])]
        shared = [_compile_pattern(lang, raw, variables, group_name=COMMON)
                  for raw in common.get("patterns", [])]
        patterns[lang] = tuple(shared + own)
        pinpoints[lang] = tuple(_compile(src, variables) for src in group.get("pinpoints", []))
        # anchored at the citation's start: searched in the few characters before it
        before[lang] = tuple(_compile(f"(?:{src})\\Z", variables) for src in group.get("pinpoints_before", []))
        around = group.get("titles") or {}
        titles[lang] = (_compile(f"(?:{around.get('before') or ''})\\Z", variables),
                        _compile(around.get("after") or "", variables))
    return Table(
        patterns=patterns,
        pinpoints=pinpoints,
        pinpoints_before=before,
        bodies=data.get("bodies", {}),
        context={k: tuple(v) for k, v in data.get("context", {}).items()},
        aliases=data.get("aliases", {}),
        titles=titles,
    )


def _language_variables(data: Mapping[str, Any], group: Mapping[str, Any]) -> dict[str, str]:
    """Global regex variables, overridden by the language's, plus ``D`` (its digits)."""
    sets = data.get("digit_sets", {})
    variables = dict(data.get("variables", {}))
    variables.update(group.get("variables", {}))
    digits = group.get("digits")
    if digits:
        variables["D"] = "[" + "".join(sets[name] for name in digits) + "]"
    return variables


def expand(template: str, variables: Mapping[str, str], depth: int = 8) -> str:
    """Substitute ``$name`` variables recursively (as reporters-db does).

    >>> expand("$a-$b", {"a": "($b)", "b": "x"})
    '(x)-x'
    """
    for _ in range(depth):
        expanded = string.Template(template).safe_substitute(variables)
        if expanded == template:
            break
        template = expanded
    leftover = _UNRESOLVED_VARIABLE.search(template)
    if leftover:
        raise ValueError(f"unknown regex variable {leftover.group()} in {template!r}")
    return template


def _compile(template: str, variables: Mapping[str, str]) -> re.Pattern:
    return re.compile(expand(template, variables), re.VERBOSE)


def _compile_pattern(lang: str, raw: Mapping[str, Any], variables: Mapping[str, str],
                     group_name: Optional[str] = None) -> Pattern:
    """Compile one YAML pattern for ``lang``.

    ``reversed_number`` swaps ``$sn`` for ``$sn_reversed``: the regex groups are then
    named for what they hold, so no later step ever has to un-reverse anything.
    """
    where = f"{group_name or lang}/{raw.get('id')}"
    try:
        if raw.get("reversed_number"):
            variables = {**variables, "sn": variables["sn_reversed"]}
        body = raw["body"]
        normalize = raw["normalize"]
        return Pattern(
            lang=lang,
            id=raw["id"],
            body=None if body == AMBIGUOUS else body,
            kind=raw["kind"],
            regex=_compile(raw["regex"], variables),
            normalize=tuple([normalize] if isinstance(normalize, str) else normalize),
            candidates=tuple(raw.get("candidates", ())),
            item=_compile(raw["item"], variables) if raw.get("item") else None,
            span=raw.get("span"),
            also=tuple(raw.get("also", ())),
            require={k: tuple(v) for k, v in raw.get("require", {}).items()},
            defaults=dict(raw.get("defaults", {})),
            raw=raw,
        )
    except (KeyError, ValueError, re.error) as error:
        raise ValueError(f"citation pattern {where}: {error}") from error


# --------------------------------------------------------------------------- finding


def find_citations(text: str, lang: str, table: Optional[Table] = None) -> list[Citation]:
    """Every citation in ``text`` (written in ``lang``), sorted by offset.

    Where matches overlap, the longest wins (then the earliest, then the pattern that
    comes first in the data), so "General Assembly resolution 71/19" is one GA citation,
    not also a bare "resolution 71/19".

    >>> [(c.id, c.body) for c in find_citations("理事会第598号决定和第130号决议", "zh")]
    [('598', 'itu-council'), ('130', None)]
    >>> [c.id for c in find_citations("CTOC/COP/WG.2/2024/4-CTOC/COP/WG.3/2024/4", "fr")]
    ['CTOC/COP/WG.2/2024/4', 'CTOC/COP/WG.3/2024/4']
    """
    table = table or load_patterns()
    if lang not in table.patterns:
        raise ValueError(f"no citation patterns for language {lang!r}")
    matches = _select(_all_matches(text, table.patterns[lang]))
    citations: list[Citation] = []
    for pattern, match in matches:
        citations.extend(_to_citations(pattern, match, text, table))
    return sorted(citations, key=lambda c: c.start)


def _all_matches(text: str, patterns: Iterable[Pattern]):
    for order, pattern in enumerate(patterns):
        for match in pattern.regex.finditer(text):
            if match.end() > match.start():
                yield order, pattern, match


def _select(found) -> list[tuple[Pattern, re.Match]]:
    """Keep non-overlapping matches, longest first; return them in text order."""
    ranked = sorted(found, key=lambda f: (f[2].start() - f[2].end(), f[2].start(), f[0]))
    taken: list[tuple[Pattern, re.Match]] = []
    for _, pattern, match in ranked:
        if not any(_overlap(match, other) for _, other in taken):
            taken.append((pattern, match))
    return sorted(taken, key=lambda pm: pm[1].start())


def _overlap(a: re.Match, b: re.Match) -> bool:
    return a.start() < b.end() and b.start() < a.end()


# --------------------------------------------------------------------------- building


def _to_citations(pattern: Pattern, match: re.Match, text: str, table: Table) -> list[Citation]:
    """One match -> its citations (several for lists and addenda), pinpoint attached."""
    if pattern.item is not None:
        citations = _list_citations(pattern, match, text, table)
    else:
        citations = _single_citations(pattern, match, text, table)
    citations = _attach_pinpoint_before(citations, text, table.pinpoints_before.get(pattern.lang, ()))
    return _attach_pinpoint(citations, match.end(), text, table.pinpoints[pattern.lang])


def _list_citations(pattern: Pattern, match: re.Match, text: str, table: Table) -> list[Citation]:
    """"resolutions 70/1 and 60/288": the first item's citation starts at the match,
    the last ends with it, those between cover only their number."""
    offset = match.start("items")
    items = list(pattern.item.finditer(match.group("items")))
    citations = []
    for index, item in enumerate(items):
        start = match.start() if index == 0 else offset + item.start()
        end = match.end() if index == len(items) - 1 else offset + item.end()
        parts = _parts(item.groupdict(), pattern, table)
        citations.append(_citation(pattern, parts, start, end, text, table))
    return citations


def _single_citations(pattern: Pattern, match: re.Match, text: str, table: Table) -> list[Citation]:
    parts = _parts(match.groupdict(), pattern, table)
    start, end = match.span(pattern.span) if pattern.span else match.span()
    citations = [_citation(pattern, parts, start, end, text, table)]
    for extra in pattern.also:
        group = extra["group"]
        if match.group(group) is not None:
            ident = _format((extra["normalize"],), parts)
            start, end = match.span(group)
            citations.append(_citation(pattern, parts, start, end, text, table, ident=ident))
    return citations


def _citation(pattern: Pattern, parts: Mapping[str, str], start: int, end: int, text: str,
              table: Table, ident: Optional[str] = None) -> Citation:
    body, candidates = _body(pattern, parts, table)
    return Citation(
        start=start,
        end=end,
        text=text[start:end],
        pattern=pattern.qualified_id,
        lang=pattern.lang,
        kind=pattern.kind,
        body=body,
        id=ident or _format(pattern.normalize, parts),
        symbol=_symbol(body, pattern.kind, parts, table),
        paragraph=parts.get("para") and _paragraph(parts["para"], parts.get("sub")),
        candidates=candidates,
        parts=dict(parts),
    )


# How far before a citation a pinpoint is looked for ("paragraphs 12 (a) of the ").
PINPOINT_BEFORE_CHARS = 48


def _attach_pinpoint_before(citations: list[Citation], text: str,
                            pinpoints: Iterable[re.Pattern]) -> list[Citation]:
    """Extend the first citation over a pinpoint that stands right before it:
    "paragraph 3 of resolution 71/19" (the pinpoint names the first one cited)."""
    if not citations or citations[0].kind == "article":
        return citations
    first = citations[0]
    window = max(0, first.start - PINPOINT_BEFORE_CHARS)
    for pinpoint in pinpoints:
        found = pinpoint.search(text, window, first.start)
        if found:
            para = _paragraph(to_ascii_digits(found.group("para")), found.group("sub"))
            citations[0] = dataclasses.replace(
                first, start=found.start(), text=text[found.start():first.end], paragraph=para)
            break
    return citations


def _attach_pinpoint(citations: list[Citation], end: int, text: str,
                     pinpoints: Iterable[re.Pattern]) -> list[Citation]:
    """Extend the last citation over a pinpoint that follows it: ", para. 3 (a)"."""
    if not citations or citations[-1].kind == "article":
        return citations
    for pinpoint in pinpoints:
        found = pinpoint.match(text, end)
        if found:
            last = citations[-1]
            para = _paragraph(to_ascii_digits(found.group("para")), found.group("sub"))
            citations[-1] = dataclasses.replace(
                last, end=found.end(), text=text[last.start:found.end()], paragraph=para)
            break
    return citations


# --------------------------------------------------------------------------- normalising


def to_ascii_digits(value: str) -> str:
    """Any script's decimal digits to ASCII.

    >>> to_ascii_digits("٢٨٤/٧٢ ۱۲ ８")
    '284/72 12 8'
    """
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in value)


def _parts(groups: Mapping[str, Optional[str]], pattern: Pattern, table: Table) -> dict[str, str]:
    """Named groups -> clean parts: ASCII digits, no leading zeros, aliases applied."""
    parts = dict(pattern.defaults)
    for name, value in groups.items():
        if value is None or name == "items":
            continue
        value = _SPACES.sub(" ", to_ascii_digits(value)).strip()
        if value.isdecimal() or CHINESE_NUMBER.match(value):
            value = str(read_number(value))
        parts[name] = table.aliases.get(name, {}).get(value, value)
    return parts


def _format(templates: Iterable[str], parts: Mapping[str, str]) -> str:
    """The first template all of whose fields are known."""
    for template in templates:
        try:
            return template.format(**parts)
        except KeyError:
            continue
    raise ValueError(f"no template of {list(templates)} fits {dict(parts)}")


def _paragraph(para: str, sub: Optional[str]) -> str:
    return f"{int(para)} ({sub})" if sub else str(int(para))


def _body(pattern: Pattern, parts: Mapping[str, str], table: Table):
    """(body, candidates): the pattern's body unless a `require` fails; candidates
    narrowed to bodies whose session range admits the cited session."""
    body = pattern.body
    candidates = pattern.candidates
    if body and any(parts.get(k) not in allowed for k, allowed in pattern.require.items()):
        body, candidates = None, (body,)
    if body is None and "session" in parts:
        session = int(parts["session"])
        candidates = tuple(b for b in candidates if _in_sessions(table.bodies.get(b, {}), session))
    return body, candidates


def _in_sessions(body: Mapping[str, Any], session: int) -> bool:
    low, high = body.get("sessions") or (None, None)
    return (low is None or session >= low) and (high is None or session <= high)


def _symbol(body: Optional[str], kind: str, parts: Mapping[str, str], table: Table) -> Optional[str]:
    template = table.bodies.get(body or "", {}).get("symbols", {}).get(kind)
    if template is None:
        return None
    try:
        return template.format(**parts)
    except KeyError:
        return None


# --------------------------------------------------------------------------- resolving


def resolve_body(citation: Citation, citing_body: Optional[str],
                 table: Optional[Table] = None) -> Citation:
    """Settle an ambiguous citation from the body of the document that cites it.

    The first body of ``context[citing_body]`` (in the data) that is among the
    citation's candidates wins; with none, the citation stays ambiguous (the caller
    leaves it unlinked and lists it). A citation whose wording names its body is
    returned unchanged.

    >>> c = find_citations("第590号决定", "zh")[0]
    >>> resolve_body(c, "itu-pp").body
    'itu-council'
    >>> c = find_citations("القرار ٢٨٤/٧٢", "ar")[0]
    >>> resolved = resolve_body(c, "un-ga")
    >>> (resolved.body, resolved.id, resolved.symbol)
    ('un-ga', '72/284', 'A/RES/72/284')
    """
    if citation.body is not None:
        return citation
    table = table or load_patterns()
    preferred = table.context.get(citing_body or "", (citing_body,) if citing_body else ())
    for body in preferred:
        if body in citation.candidates:
            symbol = _symbol(body, citation.kind, citation.parts, table)
            return dataclasses.replace(citation, body=body, symbol=symbol)
    return citation


# --------------------------------------------------------------------------- a page's Markdown
#
# ``scan`` finds the citations of a page's Markdown, outside the regions where a
# citation is not linked, each with the language of its text and the id of the
# paragraph it stands in. The corpus model (accord/corpus.py) scans each text page
# once per build; the links are then written from its results (accord/citation_annotate.py).

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


@dataclass(frozen=True)
class Occurrence:
    """A citation found in a page's Markdown, with where it stands."""

    citation: Citation            # offsets are in the whole Markdown
    lang: str                     # language of the text
    paragraph: Optional[str]      # id of the citing paragraph, where it has one


def scan(markdown: str, lang: str, more=None) -> list[Occurrence]:
    """Every citation in ``markdown`` outside protected regions, in text order.

    ``lang`` is the language of the text outside blocks that declare their own
    (``<div class="text-version" lang="ar" markdown>`` on fallback pages). ``more``,
    when given, finds further citations in a run of text of one language,
    ``more(text, lang)`` (the titles of the corpus: accord/citation_titles.py); a
    pattern's citation inside one of them is not counted twice.
    """
    protected = [m.span() for m in PROTECTED.finditer(markdown)]
    starts, paragraphs = _line_paragraphs(markdown)
    found = []
    for start, end, seg_lang in _segments(markdown, lang):
        cits = find_citations(markdown[start:end], seg_lang)
        if more is not None:
            extra = more(markdown[start:end], seg_lang)
            cits = sorted([c for c in cits if not any(c.start < m.end and m.start < c.end for m in extra)] + extra,
                          key=lambda c: c.start)
        for cit in cits:
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
