"""A paragraph id in words: what a reader cites ("para. 3", "art. 2, par. 1", "第3段",
"الفقرة ٣"), in the interface language, from the forms of accord/labels.yml
(``reader.cite``). One rule for the whole site: "Cited by" names the citing paragraphs
with it, and the reader tools' "cite this paragraph" (reader-tools.js) reads what it
gives for each paragraph of the page from the page's .reader-data element.

    >>> pinpoint("para_3__list_1__point_a", "en")
    {'kind': 'para', 'a': None, 's': None, 'n': '3 (a)'}
    >>> pinpoint("art_2__para_1", "zh")
    {'kind': 'article_para', 'a': '2', 's': None, 'n': '1'}
    >>> pinpoint("formula", "en")["kind"] is None
    True
    >>> from accord.site_content import labels
    >>> forms = {lang: labels(lang)["reader"]["cite"] for lang in ("fr", "en", "ar")}
    >>> (in_words("preamble__p_1", "fr", forms["fr"]), in_words("art_2__para_1", "en", forms["en"]),
    ...  in_words("para_3", "ar", forms["ar"]))
    ('alinéa 1 du préambule', 'article 2, para. 1', 'الفقرة ٣')
"""
from __future__ import annotations

import re
from typing import Optional

from accord.citation_resolve import POINT_LETTERS

# One segment of an id: "para_3" -> ("para", "3"); "preamble" -> ("preamble", "").
SEGMENT = re.compile(r"^([a-z]+)(?:_([0-9a-z]+))?$")
# Latin sub-item letters as UN Arabic prints them: the inverse of the resolver's table
# (which reads both ه and هـ as e; UN Arabic prints هـ).
AR_LETTERS = {latin: arabic for arabic, latin in POINT_LETTERS.items()}
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
# What stands between the title and the pinpoint in a citation form ("{title}, para. {n}").
TITLE_SEPARATOR = re.compile(r"^\{title\}[\s,،，]*")


def _point(value: str, lang: str) -> str:
    if lang == "ar":
        return f" ({AR_LETTERS.get(value, value)})"
    if lang == "zh":
        return f"({value})"
    return f" ({value})"


def pinpoint(ident: str, lang: str) -> dict:
    """{kind, a, s, n} of a paragraph id, ``kind`` a key of ``reader.cite`` or None where
    the id names no citable unit (a heading, the formula, a signature):

    preamble__p_2 -> preamble n=2; para_3__list_1__point_a -> para n=3 (a);
    art_2 / art_2__para_1 -> article a=2 / article_para a=2 n=1;
    appendix_1__sec_2__para_1 -> appendix_para a=1 n=2.1;
    sec_1__subsec_b__p_4 -> item_para s=1 (b) n=4; agenda__item_3__point_a -> item s=3 (a).
    """
    r = {"ctx": None, "a": None, "s": None, "n": None}
    last = None
    for segment in ident.split("__"):
        match = SEGMENT.match(segment)
        if match is None:
            return {"kind": None}
        name, value = match.group(1), match.group(2) or ""
        if name == "preamble":
            r["ctx"] = "preamble"
        elif name in ("art", "appendix"):
            r["ctx"], r["a"], last = ("article" if name == "art" else "appendix"), value, "a"
        elif name == "sec":
            if r["ctx"] != "appendix":
                r["ctx"] = "item"
            r["s"], last = value, "s"
        elif name == "subsec":
            r["s"], last = (r["s"] or "") + _point(value, lang), "s"
        elif name == "agenda":
            r["ctx"] = "item"
        elif name == "item":
            r["ctx"], r["s"], last = "item", value, "s"
        elif name in ("para", "p"):
            if r["ctx"] == "appendix" and r["s"]:
                r["n"], r["s"] = f"{r['s']}.{value}", None
            else:
                r["n"] = value
            last = "n"
        elif name in ("list", "intro"):
            continue
        elif name == "point":
            if last is None:
                return {"kind": None}
            r[last] = r[last] + _point(value, lang)
        else:
            return {"kind": None}
    return {"kind": _kind(r), "a": r["a"], "s": r["s"], "n": r["n"]}


def _kind(r: dict) -> Optional[str]:
    if r["ctx"] == "preamble":
        return "preamble" if r["n"] else None
    if r["ctx"] == "article":
        return "article_para" if r["n"] else "article"
    if r["ctx"] == "appendix":
        return "appendix_para" if r["n"] else ("appendix_section" if r["s"] else "appendix")
    if r["ctx"] == "item":
        return "item_para" if r["n"] else ("item" if r["s"] else None)
    return "para" if r["n"] else None


def digits(text: str, lang: str) -> str:
    """Numbers as the language prints them: Arabic-Indic digits in Arabic."""
    return text.translate(ARABIC_DIGITS) if lang == "ar" else text


def in_words(ident: str, lang: str, forms: dict) -> Optional[str]:
    """The pinpoint of a paragraph id alone ("para. 3"), in ``lang`` by its citation
    forms (labels.yml ``reader.cite``), or None where the id names no citable unit."""
    found = pinpoint(ident, lang)
    form = forms.get(found["kind"]) if found["kind"] else None
    if form is None:
        return None
    values = {key: digits(found[key], lang) for key in ("a", "s", "n") if found[key] is not None}
    return TITLE_SEPARATOR.sub("", form).format_map(_Keep(values))


class _Keep(dict):
    def __missing__(self, key):
        return "{" + key + "}"
