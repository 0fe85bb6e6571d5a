"""The sitemap: one file per language tree, ``sitemaps/<lang>.xml``, every page of the
tree at its absolute address (from site_url) with the same page in every tree and
x-default (the default tree's) as alternates, and ``sitemap.xml``, the index of those
files (overrides/sitemap.xml), which robots.txt names. One file for the whole site would
pass the sitemap protocol's limit of 50,000 addresses a file at about 3,300 instruments
(15 pages an instrument in six trees); a tree's file holds a sixth of them.

Every page is in every tree (mkdocs-static-i18n falls back to the default language's
file), so the files are made from the default tree's pages and the trees the site has,
whichever of them a build writes: every build writes the same files (a build of some
trees, `make site LANGS=...`, too). lastmod is the commit's date (SOURCE_DATE_EPOCH).

    >>> entries = tree_entries(["", "instruments/x/"], ["en", "ar"], "en", "https://h/a/", "2026-12-01", "ar")
    >>> entries[1]["loc"], entries[1]["alternates"]
    ('https://h/a/ar/instruments/x/', [('en', 'https://h/a/instruments/x/'), ('ar', 'https://h/a/ar/instruments/x/')])
    >>> entries[0]["loc"], entries[0]["x_default"]
    ('https://h/a/ar/', 'https://h/a/')
    >>> tree_file("zh"), index_entries(["en", "zh"], "https://h/a/", "2026-12-01")[1]["loc"]
    ('sitemaps/zh.xml', 'https://h/a/sitemaps/zh.xml')
"""
from __future__ import annotations

from pathlib import Path

from accord import templates

TREE_TEMPLATE = "partials/sitemap-tree.xml"
FOLDER = "sitemaps"


def address(site_url: str, lang: str, default: str, url: str) -> str:
    """The absolute address of a page (``url`` from its tree's root) in the tree of ``lang``."""
    return site_url + ("" if lang == default else f"{lang}/") + ("" if url == "./" else url)


def tree_file(lang: str) -> str:
    return f"{FOLDER}/{lang}.xml"


def tree_entries(urls, trees, default: str, site_url: str, lastmod, lang: str) -> list[dict]:
    """The <url> entries of the tree of ``lang``: [{loc, lastmod, alternates, x_default}]."""
    return [{"loc": address(site_url, lang, default, url), "lastmod": lastmod,
             "alternates": [(code, address(site_url, code, default, url)) for code in trees],
             "x_default": address(site_url, default, default, url)} for url in urls]


def index_entries(trees, site_url: str, lastmod) -> list[dict]:
    """The index's entries (overrides/sitemap.xml): [{loc, lastmod}], a tree's file each."""
    return [{"loc": site_url + tree_file(lang), "lastmod": lastmod} for lang in trees]


def write(site: Path, urls, trees, default: str, site_url: str, lastmod) -> int:
    """Every tree's sitemap file under ``site``; -> how many addresses in all."""
    count = 0
    for lang in trees:
        entries = tree_entries(urls, trees, default, site_url, lastmod, lang)
        target = Path(site) / tree_file(lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(templates.render(TREE_TEMPLATE, entries=entries), encoding="utf-8")
        count += len(entries)
    return count
