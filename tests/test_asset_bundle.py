"""Accord's own stylesheets and scripts reach the reader as one minified file each
(accord/asset_bundle.py, hooks/asset_bundle.py): every page links the two bundles and
none of the files mkdocs.yml lists; each bundle holds every listed file, in its order;
the search results' stylesheet is a third, which no page links: the search box loads it
when it is opened, after the first paint."""
import re

import pytest
import rcssmin
import rjsmin
import yaml
from lxml import html

from accord import asset_bundle
from conftest import ROOT, SITE_PATH

CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
LISTED = {"css": CONFIG["extra_css"], "js": [getattr(s, "get", lambda k: s)("path") for s in CONFIG["extra_javascript"]]}
FOLDERS = [ROOT / CONFIG["docs_dir"], ROOT / CONFIG["theme"]["custom_dir"]]


def own_assets(page):
    """The stylesheets and scripts a page loads, but Material's, from the site's root
    (the 404 pages' links are absolute)."""
    root = html.parse(str(page)).getroot()
    links = root.xpath('//link[@rel="stylesheet"]/@href') + root.xpath("//script/@src")
    return [re.sub(r"^(\.\./)*", "", link.removeprefix(SITE_PATH)) for link in links if "assets/stylesheets/main." not in link
            and "assets/javascripts/bundle." not in link]


def test_the_listed_files_are_found_and_are_not_empty():
    assert LISTED["css"] and LISTED["js"]
    for rel in LISTED["css"] + LISTED["js"]:
        assert asset_bundle.source_file(rel, FOLDERS).read_text(encoding="utf-8").strip(), rel


def test_every_page_links_the_two_bundles_and_nothing_else_of_accords(built_site):
    pages = [p for p in built_site.rglob("*.html") if not p.relative_to(built_site).as_posix().startswith("pagefind")]
    assert len(pages) > 10
    for page in pages:
        assert own_assets(page) == [asset_bundle.CSS, asset_bundle.JS], page.relative_to(built_site)


BUNDLES = {asset_bundle.CSS: [rel for rel in LISTED["css"] if rel not in asset_bundle.LATER],
           asset_bundle.LATER_CSS: [rel for rel in LISTED["css"] if rel in asset_bundle.LATER],
           asset_bundle.JS: LISTED["js"]}


def test_the_later_stylesheets_are_listed_and_the_others_are_not_empty():
    assert all(BUNDLES.values()) and set(asset_bundle.LATER) <= set(LISTED["css"])


@pytest.mark.parametrize("name, minify", [(asset_bundle.CSS, rcssmin.cssmin), (asset_bundle.LATER_CSS, rcssmin.cssmin),
                                          (asset_bundle.JS, rjsmin.jsmin)])
def test_each_bundle_holds_every_listed_file_minified_in_order(built_site, name, minify):
    bundle = (built_site / name).read_text(encoding="utf-8")
    at = 0
    for rel in BUNDLES[name]:
        piece = minify(asset_bundle.source_file(rel, FOLDERS).read_text(encoding="utf-8")).strip().rstrip(";")
        found = bundle.find(piece, at)
        assert found >= at, rel
        at = found + len(piece)
    sources = sum(len(asset_bundle.source_file(rel, FOLDERS).read_bytes()) for rel in BUNDLES[name])
    assert len(bundle.encode("utf-8")) < sources


def test_the_search_results_stylesheet_is_loaded_when_the_search_opens_not_before(served_site, page):
    """A page's first paint waits for no stylesheet of the search's: none is linked;
    the box loads it when it is first focused, and the results are styled by it."""
    later = []
    page.on("request", lambda request: later.append(request.url) if request.url.endswith(asset_bundle.LATER_CSS) else None)
    page.goto(served_site + "/")
    page.wait_for_selector('[data-accord-search="ready"]', state="attached")
    assert later == [] and not page.locator(f'link[href$="{asset_bundle.LATER_CSS}"]').count()
    page.keyboard.press("/")
    page.wait_for_function("(href) => [...document.styleSheets].some(s => (s.href || '').endsWith(href))",
                           arg=asset_bundle.LATER_CSS)
    assert len(later) == 1
