"""An Atom feed per language tree, ``feeds/<lang>.xml``: the instruments the library
received or changed last, newest first, each with its title in the tree's language, its
page in the tree, its Akoma Ntoso documents and when its text was received and last
changed (accord/source_dates.py: the commits of its files in sources/, never the
build's date, so two builds of one commit are byte-identical). Linked from the head of
every page (overrides/partials/page-meta.html) and from the data page.

The feed holds the ``FEED_SIZE`` latest instruments (accord/library.yml), so it does not
grow with the library; an entry's id is the page's address, the same at every build.

    >>> entry_order([("b", "2026-11-02"), ("a", "2026-11-02"), ("c", "2026-12-01")])
    ['c', 'a', 'b']
"""
from __future__ import annotations

from pathlib import Path

from accord import akoma_ntoso, sitemap, templates
from accord.identifiers import PagePath
from accord.library import DEFAULT_LANGUAGE, FEED_SIZE, LANGUAGES, site_url
from accord.site_content import instrument_facts, labels

TEMPLATE = "partials/feed.xml"
# The format's specification, as the data page names it.
ATOM_SPEC = "https://www.rfc-editor.org/rfc/rfc4287"
FOLDER = "feeds"


def feed_file(lang: str) -> str:
    """Where the feed of a tree is, from the site's root."""
    return f"{FOLDER}/{lang}.xml"


def entry_order(items) -> list:
    """Ids of (id, last changed) pairs, the latest first, then by id."""
    ordered = sorted(items, key=lambda item: item[0])
    ordered.sort(key=lambda item: item[1], reverse=True)        # stable: ids stay in order
    return [ident for ident, _ in ordered]


def _address(base: str, lang: str, url: str) -> str:
    return sitemap.address(base, lang, DEFAULT_LANGUAGE, url)


def latest(corpus, dates) -> list:
    """(id, (received, last changed)) of the ``FEED_SIZE`` instruments changed last, the
    latest first: the same in every tree."""
    changed = {ident: dates.of(akoma_ntoso.sources_of(corpus, inst)) for ident, inst in corpus.instruments.items()}
    order = entry_order((ident, last) for ident, (_, last) in changed.items())[:FEED_SIZE]
    return [(ident, changed[ident]) for ident in order]


def entries(corpus, chosen, lang: str, base: str) -> list[dict]:
    """The feed's entries in the tree of ``lang`` (``chosen``: ``latest``), addresses
    from ``base``."""
    words = labels(lang)
    found = []
    for ident, (received, changed) in chosen:
        inst = corpus.instruments[ident]
        title, title_lang = inst.title(lang)
        link = _address(base, lang, PagePath.parse(inst.page).url)
        found.append({
            "id": link, "link": link, "title": title, "title_lang": title_lang,
            "published": received, "updated": changed, "summary": instrument_facts(inst, lang),
            "body": inst.body, "body_name": words["bodies"].get(inst.body, inst.body),
            "versions": [{"lang": code, "href": base + akoma_ntoso.file_path(ident, code)}
                         for code in sorted(inst.versions)],
        })
    return found


def feed(corpus, chosen, default_date: str, lang: str, base: str) -> str:
    items = entries(corpus, chosen, lang, base)
    updated = max((item["updated"] for item in items), default=default_date)
    return templates.render(TEMPLATE, lang=lang, title=labels(lang)["feed_title"], entries=items,
                            updated=updated, self_href=base + feed_file(lang),
                            home=_address(base, lang, ""))


def write_all(site: Path, corpus, dates) -> None:
    """Every tree's feed under ``site``."""
    base = site_url() or "/"
    chosen = latest(corpus, dates)
    for lang in LANGUAGES:
        target = Path(site) / feed_file(lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(feed(corpus, chosen, dates.default, lang, base), encoding="utf-8")
