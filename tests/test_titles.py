"""One title rule (accord/titles.py): an instrument has the same title, in the same
language, wherever a language tree shows it: the catalogue, its page's tab and header,
"Cited by" on the pages citing it, the parallel view and the cite control
(which cites by the symbol where there is one). Expectations come from the built site's
own catalogue, for every instrument and every tree."""
import json
import posixpath

import pytest
from lxml import html

from accord.library import DEFAULT_LANGUAGE, LANGUAGES

SUFFIX = " - Accord"


def tree(lang):
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def text(element):
    return " ".join(element.text_content().split())


def page_key(site, base_page, href):
    """The site path of a link's target, as 'instruments/<id>/'."""
    target = posixpath.normpath(posixpath.join(posixpath.dirname(base_page), href.split("#")[0]))
    return target.strip("/") + "/"


def instrument(key):
    """The instrument id of a page path ('[<lang>/]instruments/<id>/', or an article's)."""
    return key.split("instruments/", 1)[1].split("/")[0]


def catalogue(site, lang):
    """{page path: (title, title lang)} from the tree's catalogue (the title column)."""
    root = html.parse(str(site / tree(lang) / "index.html")).getroot()
    found = {}
    for row in root.xpath('//div[contains(@class, "catalogue")]//tbody/tr'):
        link = row.xpath("./td[2]//a")[0]
        span = link.xpath(".//span[@lang]")
        key = page_key(site, f"{tree(lang)}index.html", link.get("href"))
        found[key] = (text(link), span[0].get("lang") if span else lang)
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_instrument_has_one_title_in_every_place_of_a_tree(built_site, lang):
    titles = catalogue(built_site, lang)
    assert titles
    by_instrument = {instrument(key): value for key, value in titles.items()}
    problems = []
    for key, (title, title_lang) in titles.items():
        page = html.parse(str(built_site / key / "index.html")).getroot()
        tab = page.findtext(".//title").strip()
        header = text(page.xpath('//div[@data-md-component="header-topic"]')[0])
        if tab != title + SUFFIX:
            problems.append(f"{key}: tab {tab!r} != catalogue {title!r}")
        if header != title:
            problems.append(f"{key}: header {header!r} != catalogue {title!r}")
        cite = page.xpath('//div[contains(@class, "reader-data")]')[0]
        data = json.loads((built_site / "data" / "instruments" / f"{instrument(key)}.json").read_text(encoding="utf-8"))
        symbol = data.get("symbol")
        expected = (symbol, cite.get("data-cite-title-lang")) if symbol else (title, title_lang)
        if (cite.get("data-cite-title"), cite.get("data-cite-title-lang")) != expected:
            problems.append(f"{key}: cite control {cite.get('data-cite-title')!r} != {expected!r}")
    for path in sorted((built_site / tree(lang) / "instruments").rglob("index.html")) if lang != DEFAULT_LANGUAGE \
            else sorted((built_site / "instruments").rglob("index.html")):
        rel = path.relative_to(built_site).as_posix()
        for link in html.parse(str(path)).getroot().xpath('//a[contains(@class, "cited-by__instrument")]'):
            shown = by_instrument.get(instrument(page_key(built_site, rel, link.get("href"))))
            if (text(link), link.get("lang")) != shown:
                problems.append(f"{rel}: Cited by {text(link)!r} ({link.get('lang')}) != {shown!r}")
    assert problems == []



@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_instruments_page_shows_its_title_where_search_finds_it(built_site, lang):
    """The title the catalogue gives is on the instrument's page, in the block search
    indexes: in the heading of its text, or else in the header's title field (a fallback
    page; a text headed by its number, as a decision is; a title the metadata gives)."""
    problems = []
    for key, (title, title_lang) in catalogue(built_site, lang).items():
        page = html.parse(str(built_site / key / "index.html")).getroot()
        indexed = page.xpath("//*[@data-pagefind-body]")[0]
        headings = [" ".join(text(h).replace("¶", "").split()) for h in indexed.xpath(".//h1")]
        field = indexed.xpath('.//div[contains(@class, "instrument-header__title")]/dd')
        if any(title in heading for heading in headings):
            continue
        if not field or text(field[0]) != title or field[0].get("lang") != title_lang:
            problems.append(f"{key}: {title!r} ({title_lang}) neither in its headings {headings} nor its title field")
    assert problems == []
