"""The schema.org description of an instrument's page (its JSON-LD, written into the
page's head by overrides/partials/page-meta.html): a ``Legislation`` with its
identifier, type, date, issuing body and language, in the words of the page's tree;
an agreement lists its articles (``hasPart``), an article names its agreement
(``isPartOf``). Addresses are absolute, from the site's ``site_url`` (mkdocs.yml).

Only what the metadata and the corpus give is said: a field the metadata lacks is left
out, never guessed.

>>> from accord.corpus import Instrument
>>> inst = Instrument(id="a-res-71-19", body="un-ga", type="resolution", page="instruments/a-res-71-19.md",
...                   symbol="A/RES/71/19", date="2016-11-21", labels={"en": "Cooperation with INTERPOL"})
>>> data = legislation(inst, "en", {"instrument": "a-res-71-19", "language": "en"},
...                    "instruments/a-res-71-19.en.md", "https://example.org/lib/")
>>> data["@type"], data["legislationIdentifier"], data["legislationDate"], data["inLanguage"]
('Legislation', 'A/RES/71/19', '2016-11-21', ['en'])
>>> data["url"]
'https://example.org/lib/instruments/a-res-71-19/'
"""
from __future__ import annotations

from typing import Optional

from accord.identifiers import PagePath
from accord.library import official_url

CONTEXT = "https://schema.org"


def legislation(inst, lang: str, meta: dict, src_uri: str, site_url: Optional[str], words=None,
                shown=None) -> Optional[dict]:
    """The JSON-LD object of the page ``src_uri`` of ``inst`` in the tree of ``lang``
    (``meta``: its front matter; ``words``: the tree's labels; ``shown``: the languages
    of the versions it shows, None where it shows its own text); None without a
    ``site_url`` (no absolute address to give)."""
    if not site_url:
        return None
    words = words or {}
    here = PagePath.parse(src_uri)

    def address(key):
        return site_url.rstrip("/") + "/" + PagePath.parse(key).tree_url(lang)

    title = _in(*inst.title(lang), lang)
    data = {"@context": CONTEXT, "@type": "Legislation", "@id": address(here.key), "url": address(here.key),
            "inLanguage": list(shown) if shown else [meta.get("language")]}
    if meta.get("article") is not None:
        heading, heading_lang = inst.article_title(here.key, lang)
        _put(data, "name", _in(heading, heading_lang, lang) if heading else meta.get("title"))
        data["isPartOf"] = _reference(address(inst.page), title)
        return data
    _put(data, "name", title)
    _put(data, "legislationIdentifier", inst.symbol)
    _put(data, "legislationType", words.get("types", {}).get(inst.type, inst.type))
    _put(data, "legislationDate", inst.date)
    body = words.get("bodies", {}).get(inst.body, inst.body)
    if body:
        data["legislationPassedBy"] = {"@type": "Organization", "name": body}
    _put(data, "sameAs", official_url(inst.body, inst.symbol, lang))
    parts = [_reference(address(key), _in(*inst.article_title(key, lang), lang)) for key in inst.article_keys()]
    if parts:
        data["hasPart"] = parts
    return data


def _reference(url: str, name) -> dict:
    ref = {"@type": "Legislation", "@id": url, "url": url}
    _put(ref, "name", name)
    return ref


def _in(text, text_lang, lang):
    """A name in the tree's language as a string; in another, with its language."""
    if not text or not text_lang or text_lang == lang:
        return text
    return {"@value": str(text), "@language": text_lang}


def _put(data: dict, key: str, value) -> None:
    if value:
        data[key] = value if isinstance(value, dict) else str(value)
