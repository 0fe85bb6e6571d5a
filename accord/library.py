"""The library's tables (accord/library.yml) for every stage: one place for the
languages, the issuing bodies, the layouts and the addresses of official copies.

    >>> LANGUAGES
    ('ar', 'en', 'es', 'fr', 'ru', 'zh')
    >>> DEFAULT_LANGUAGE, direction("ar"), direction("zh")
    ('en', 'rtl', 'ltr')
    >>> official_url("un-ga", "A/RES/71/19", "fr")
    'https://undocs.org/fr/A/RES/71/19'
    >>> official_url("itu-council", "C17/126", "fr") is None
    True
"""
import functools
from pathlib import Path

import yaml

_DATA = yaml.safe_load(Path(__file__).with_name("library.yml").read_text(encoding="utf-8"))

# Language codes in sorted order (as metadata, schemas and file suffixes list them).
LANGUAGES = tuple(sorted(entry["code"] for entry in _DATA["languages"]))
# The default language, whose tree is the site root.
DEFAULT_LANGUAGE = _DATA["languages"][0]["code"]
RTL = frozenset(entry["code"] for entry in _DATA["languages"] if entry["dir"] == "rtl")
# The Unicode script of each language's letters: {"zh": "Han", ...}
SCRIPTS = {entry["code"]: entry["script"] for entry in _DATA["languages"]}
BODIES = tuple(_DATA["bodies"])
LAYOUTS = tuple(_DATA["layouts"])
PARAGRAPH_MODES = tuple(_DATA["paragraph_modes"])
LISTING_PAGE_SIZE = int(_DATA["listing_page_size"])
FEED_SIZE = int(_DATA["feed_size"])
# The address of an official copy by symbol, per address kind ("undocs").
OFFICIAL_COPIES = dict(_DATA["official_copies"])
# Bodies whose documents have an official copy at undocs.org.
UN_BODIES = frozenset(body for body, facts in _DATA["bodies"].items() if (facts or {}).get("official_copy") == "undocs")


def direction(lang):
    """The text direction of a language: "rtl" for Arabic, else "ltr"."""
    return "rtl" if lang in RTL else "ltr"


def undocs_url(symbol, lang):
    """The official copy of a UN document: ``https://undocs.org/<lang>/<symbol>``."""
    return OFFICIAL_COPIES["undocs"].format(lang=lang, symbol=symbol)


def official_url(body, symbol, lang):
    """The official copy of a document of ``body`` in ``lang``, or None where the body's
    documents have no known address (or the document no symbol)."""
    kind = (_DATA["bodies"].get(body) or {}).get("official_copy")
    return OFFICIAL_COPIES[kind].format(lang=lang, symbol=symbol) if kind and symbol else None


# --------------------------------------------------------------------------- the site's address

SITE_CONFIG = Path(__file__).resolve().parent.parent / "mkdocs.yml"


@functools.lru_cache(maxsize=None)
def site_url(config_file=SITE_CONFIG):
    """The published site's address, ``site_url`` of mkdocs.yml (the one setting), or None."""
    return (yaml.safe_load(Path(config_file).read_text(encoding="utf-8")) or {}).get("site_url")


def site_path(url) -> str:
    """The path the site is served under, from its address: where `make serve` and the
    browser tests mount it, and the root of a 404 page's absolute links.

    >>> site_path("https://accord-library.github.io/accord/"), site_path(None)
    ('/accord/', '/')
    """
    from urllib.parse import urlsplit

    return urlsplit(url or "/").path.rstrip("/") + "/"
