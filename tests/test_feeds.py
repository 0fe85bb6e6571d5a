"""The Atom feeds (issue 16): one per language tree, feeds/<lang>.xml, read by feedparser
(a well-kept feed library) without a fault; their entries are the library's instruments,
the latest received or changed first, each dated by the commits of its files in sources/
(never by the build); every page's head links its tree's feed, and the data page does."""
import datetime
import os
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from conftest import ROOT
from lxml import html

from accord import corpus as corpus_model
from accord.feeds import feed_file
from accord.identifiers import PagePath
from accord.library import DEFAULT_LANGUAGE, FEED_SIZE, LANGUAGES, site_url
from accord.site_content import labels


def _local(site: Path, address: str) -> Path:
    """The built file of an address of the published site."""
    assert address.startswith(site_url()), address
    rel = address[len(site_url()):]
    return site / rel / "index.html" if rel.endswith("/") or not rel else site / rel


def _committed(paths) -> tuple[str, str]:
    """(first, last) day of the commits of ``paths`` (git, as a reader of the history
    would); for files not committed yet (a text just added), the last commit's day."""
    days = subprocess.run(["git", "log", "--format=%cs", "--", *paths], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout.split()
    if not days:
        day = datetime.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), datetime.timezone.utc)
        days = [day.date().isoformat()]
    return min(days), max(days)


@pytest.fixture(scope="module")
def corpus():
    return corpus_model.load(ROOT / "docs")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_tree_has_a_feed_that_parses_without_fault(built_site, corpus, lang):
    feed = feedparser.parse((built_site / feed_file(lang)).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == labels(lang)["feed_title"]
    assert len(feed.entries) == min(FEED_SIZE, len(corpus.instruments))
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)
    updated = [entry.updated for entry in feed.entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.feed.updated == updated[0]
    for entry in feed.entries:
        page = _local(built_site, entry.link)
        assert page.is_file(), entry.link
        assert (f"/{lang}/" in entry.link) == (lang != DEFAULT_LANGUAGE), entry.link
        for link in entry.links:
            if link.type == "application/akn+xml":
                assert _local(built_site, link.href).is_file(), link.href


def test_an_entry_is_dated_by_the_commits_of_its_sources(built_site, corpus):
    feed = feedparser.parse((built_site / feed_file(DEFAULT_LANGUAGE)).read_bytes())
    by_page = {entry.link: entry for entry in feed.entries}
    checked = 0
    for inst in corpus.instruments.values():
        address = site_url() + PagePath.parse(inst.page).url
        entry = by_page.get(address)
        if entry is None:
            continue
        stems = {Path(corpus.text(rel).meta["source"]).name.split(".", 1)[0]
                 for version in inst.versions.values() for _, rel, _ in version.files}
        first, last = _committed([f"sources/{stem}.*" for stem in sorted(stems)])
        assert (entry.published[:10], entry.updated[:10]) == (first, last), inst.id
        checked += 1
    assert checked == len(feed.entries)


def test_every_page_links_the_feed_of_its_tree(built_site):
    """... and as no rel="alternate" alone, which Material takes for a language version
    (it fetches a sitemap.xml beside each: a request that fails on every page view)."""
    pages = sorted(built_site.rglob("index.html"))
    assert pages
    for path in pages:
        rel = path.relative_to(built_site).as_posix()
        tree = rel.split("/", 1)[0] if rel.split("/", 1)[0] in LANGUAGES else DEFAULT_LANGUAGE
        head = html.parse(str(path)).xpath("//head")[0]
        links = head.xpath('link[contains(concat(" ", @rel, " "), " alternate ")][@type="application/atom+xml"]/@href')
        assert len(links) == 1, rel
        assert urljoin("/" + rel, links[0]) == "/" + feed_file(tree), rel
        assert not head.xpath('link[@rel="alternate"][@type="application/atom+xml"]'), rel


def test_the_data_page_links_the_feed_and_the_akoma_ntoso_documents(built_site):
    page = html.parse(str(built_site / "data" / "index.html"))
    hrefs = [urljoin("/data/", href) for href in page.xpath("//article//a/@href")]
    assert "/" + feed_file(DEFAULT_LANGUAGE) in hrefs
    example = [href for href in hrefs if href.endswith(".akn.xml")]
    assert example and (built_site / example[0].lstrip("/")).is_file()
    assert any(href.endswith("akomantoso30.xsd") for href in hrefs)
