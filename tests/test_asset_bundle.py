"""Accord's own stylesheets and scripts reach the reader as one minified file each
(accord/asset_bundle.py, hooks/asset_bundle.py): every page links the two bundles and
none of the files mkdocs.yml lists; each bundle holds every listed file, in its order."""
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


@pytest.mark.parametrize("kind, minify", [("css", rcssmin.cssmin), ("js", rjsmin.jsmin)])
def test_each_bundle_holds_every_listed_file_minified_in_order(built_site, kind, minify):
    bundle = (built_site / (asset_bundle.CSS if kind == "css" else asset_bundle.JS)).read_text(encoding="utf-8")
    at = 0
    for rel in LISTED[kind]:
        piece = minify(asset_bundle.source_file(rel, FOLDERS).read_text(encoding="utf-8")).strip().rstrip(";")
        found = bundle.find(piece, at)
        assert found >= at, rel
        at = found + len(piece)
    sources = sum(len(asset_bundle.source_file(rel, FOLDERS).read_bytes()) for rel in LISTED[kind])
    assert len(bundle.encode("utf-8")) < sources
