"""The six-language site in Chromium: language switch, direction, nothing from other hosts."""
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from playwright.sync_api import expect

from accord import corpus as corpus_model

ROOT = Path(__file__).resolve().parent.parent

INSTRUMENT_PAGES = [
    "instruments/a-res-71-19/",
    "instruments/ga-73-draft-un-interpol-cooperation/",
    "instruments/interpol-itu-cooperation-agreement/art_2/",
]
LANGS = ["", "ar/", "zh/", "fr/", "ru/", "es/"]


def test_language_switch_keeps_the_reader_on_the_instrument(served_site, page):
    page.goto(f"{served_site}/zh/instruments/a-res-71-19/")
    page.hover(".md-header__option .md-select")
    page.click('.md-select__link[hreflang="ar"]')
    page.wait_for_load_state()
    assert page.url == f"{served_site}/ar/instruments/a-res-71-19/"
    assert page.locator("#para_3__list_1__point_a").count() == 1


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", INSTRUMENT_PAGES)
def test_every_instrument_exists_in_every_language_tree(served_site, page, lang, path):
    response = page.goto(f"{served_site}/{lang}{path}")
    assert response.status == 200
    assert page.locator(".instrument-header").count() == 1


def test_arabic_pages_are_right_to_left_and_each_text_keeps_its_direction(served_site, page):
    page.goto(f"{served_site}/ar/instruments/a-res-71-19/")
    assert page.locator("body").get_attribute("dir") == "rtl"
    chinese = page.locator('.text-version[lang="zh"]')
    assert chinese.get_attribute("dir") == "ltr"
    assert chinese.evaluate("e => getComputedStyle(e).direction") == "ltr"
    page.goto(f"{served_site}/zh/instruments/ga-73-draft-un-interpol-cooperation/")
    assert page.locator("body").get_attribute("dir") == "ltr"
    arabic = page.locator('.text-version[lang="ar"]')
    assert arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"


def test_fallback_page_shows_notice_and_official_copy_in_the_interface_language(served_site, page):
    page.goto(f"{served_site}/fr/instruments/a-res-71-19/")
    assert "n'est pas disponible en français" in page.locator(".fallback-notice").inner_text()
    assert page.locator(".fallback-notice a").get_attribute("href") == "https://undocs.org/fr/A/RES/71/19"
    assert page.locator(".instrument-header").inner_text().count("Assemblée générale des Nations Unies") == 1


def test_catalogue_lists_every_instrument_and_sorts_by_date(served_site, page):
    page.goto(f"{served_site}/es/")
    links = page.locator(".catalogue td:first-child a")
    assert links.count() == len(corpus_model.load(ROOT / "docs").instruments)
    table = page.locator(".catalogue table").filter(has_text="A/RES/71/19")
    # the dates show in the tree's words ("21 de noviembre de 2016"); the sort reads their ISO form
    def dates():
        return table.locator("tbody tr td:nth-child(4) time").evaluate_all("els => els.map(e => e.dateTime)")
    table.locator("th button").nth(3).click()
    first = dates()
    assert len(first) > 1 and first == sorted(first)
    table.locator("th button").nth(3).click()
    assert dates() == sorted(first, reverse=True)


def test_no_request_leaves_127_0_0_1(served_site, page):
    for lang in LANGS:
        for path in [""] + INSTRUMENT_PAGES:
            page.goto(f"{served_site}/{lang}{path}")
            page.wait_for_load_state("networkidle")
    hosts = {urlparse(url).hostname for url in page.requested}
    assert hosts == {"127.0.0.1"}, hosts


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_shows_the_sites_sections_on_a_desktop(served_site, page, lang):
    """The home page hides its sidebar (the catalogue needs the width); the sections
    (mkdocs.yml nav) are tabs in the header, visible on a desktop, in every tree."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{served_site}/{lang}")
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    tabs = page.locator(".md-tabs__link")
    expect(tabs.first).to_be_visible()
    assert tabs.count() == len(nav)
    for index in range(tabs.count()):
        assert tabs.nth(index).is_visible()


@pytest.mark.parametrize("lang", LANGS)
def test_a_page_view_asks_for_no_sitemap_and_no_request_fails(served_site, page, lang):
    """Material fetched "<alternate>/sitemap.xml" for each language on every page view (5 or
    6 requests that failed); the pages now carry no <link rel="alternate">."""
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    for path in INSTRUMENT_PAGES + [""]:
        page.goto(f"{served_site}/{lang}{path}", wait_until="networkidle")
    assert any(url.endswith(".js") for url in page.requested)          # the page's scripts ran
    assert [url for url in page.requested if "sitemap" in url] == []
    assert failed == []


PHONE = {"width": 390, "height": 844}
CORPUS = corpus_model.load(ROOT / "docs")


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.parametrize("lang", ["", "ar/", "zh/", "fr/"])
def test_on_a_phone_an_instruments_title_and_first_paragraph_are_on_the_first_screen(served_site, phone, lang):
    """The header shows its first fields (the rest behind "All details"), so the text
    starts on the first screen at 390 x 844."""
    from accord.identifiers import PagePath

    for inst in CORPUS.instruments.values():
        phone.goto(f"{served_site}/{lang}{PagePath.parse(inst.page).url}")
        tops = phone.evaluate("""() => {
            const text = document.querySelector('.instrument-text, .text-version');
            const title = text.querySelector('h1, h2');
            const para = [...text.querySelectorAll('p')].find(p => p.textContent.trim() && !p.classList.contains('document-symbol'));
            return [title.getBoundingClientRect().top, para.getBoundingClientRect().top];
        }""")
        assert all(top < PHONE["height"] for top in tops), (inst.id, lang, tops)
        more = phone.locator(".instrument-header__more")
        hidden = phone.locator(".instrument-header__secondary").first
        expect(hidden).to_be_hidden()
        more.click()
        expect(hidden).to_be_visible()


@pytest.mark.parametrize("lang", ["", "ar/"])
def test_on_a_phone_the_catalogue_reflows_and_the_graph_keeps_readable_names(served_site, phone, lang):
    phone.goto(f"{served_site}/{lang}")
    assert phone.evaluate("() => document.scrollingElement.scrollWidth") <= PHONE["width"]
    boxes = phone.evaluate("() => [...document.querySelectorAll('.catalogue time')].map(t => t.getBoundingClientRect()).map(r => [r.left, r.right])")
    assert boxes and all(0 <= left and right <= PHONE["width"] for left, right in boxes), boxes
    phone.goto(f"{served_site}/{lang}citations/")
    heights = phone.evaluate("() => [...document.querySelectorAll('.citation-graph text')].map(t => t.getBoundingClientRect().height)")
    assert heights and min(heights) >= 10, heights          # scaled to the screen they were 5 px
    assert phone.evaluate("() => document.scrollingElement.scrollWidth") <= PHONE["width"]
