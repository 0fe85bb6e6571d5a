"""Search in Chromium: Pagefind in Material's header box, on the real corpus.

Chinese queries of two to four characters inside longer words, Arabic typed without
hamza, symbols as typed, interface language first, each text once, a hit leading to
the matching paragraph with the words highlighted, Material's keyboard use.
"""
import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from lxml import html

from accord import corpus as corpus_model
from accord import pinpoints
from accord.identifiers import PagePath
from accord.library import DEFAULT_LANGUAGE, LANGUAGES
from accord.site_content import labels, search_words
from conftest import ROOT, SITE_PATH
from scripts import build_search

# The corpus of docs/: what the index must hold, whatever documents contributors added.
CORPUS = corpus_model.load(Path(__file__).resolve().parent.parent / "docs")
TEXTS = CORPUS.texts
PAGES = {key for inst in CORPUS.instruments.values() for key in inst.pages}

RES_71_19 = "/zh/instruments/a-res-71-19/"
DRAFT = "/ar/instruments/ga-73-draft-un-interpol-cooperation/"
AGENDA = "/zh/instruments/ctoc-cop-wg-3-2024-1/"


def search(page, origin, path, query, shortcut="/"):
    """Open ``path``, focus search with ``shortcut``, type ``query``; return the results."""
    page.goto(origin + path)
    page.keyboard.press(shortcut)
    expect(page.locator(".md-search__input")).to_be_focused()
    page.keyboard.type(query)
    return shown(page, query)


def shown(page, query):
    """The results once the search of ``query`` is complete (every bundle merged in)."""
    page.wait_for_function(
        "(q) => document.querySelector('[data-accord-search]').getAttribute('data-pf-query') === q",
        arg=query, timeout=15_000)
    return page.evaluate("""() => [...document.querySelectorAll('.md-search-result__item')].map(li =>
        [...li.querySelectorAll('.md-search-result__link')].map(a => ({
            href: a.href, html: a.querySelector('article').innerHTML,
            lang: a.querySelector('article').lang})))""")


def in_site(url):
    """The path of ``url`` from the site's root: where it is served (SITE_PATH) becomes "/"."""
    path = urlparse(url).path
    return "/" + path[len(SITE_PATH):] if path.startswith(SITE_PATH) else path


def documents(results):
    return [in_site(links[0]["href"]) for links in results]


def anchors(results, path):
    for links in results:
        if in_site(links[0]["href"]) == path:
            return [urlparse(link["href"]).fragment for link in links]
    return []


@pytest.fixture
def checked_page(page):
    """A page whose requests must all stay on 127.0.0.1 and which raises no script error."""
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert {urlparse(url).hostname for url in page.requested} == {"127.0.0.1"}
    assert not errors, errors


def test_one_bundle_per_tree_each_instrument_page_once_no_lunr_index(built_site):
    assert not (built_site / "search" / "search_index.json").exists()
    manifest = json.loads((built_site / "pagefind" / "languages.json").read_text(encoding="utf-8"))
    # every tree indexes every instrument page once (its metadata in the tree's language)
    assert {lang: entry["pages"] for lang, entry in manifest["languages"].items()} == {
        lang: len(PAGES) for lang in LANGUAGES}
    # a text is indexed in its own tree only: elsewhere its version is left out
    for text in TEXTS:
        for lang in LANGUAGES:
            root = html.parse(str(built_site / PagePath.parse(text.rel).tree_url(lang) / "index.html")).getroot()
            body = root.xpath("//*[@data-pagefind-body]")
            assert len(body) == 1 and body[0].get("data-page") == text.key, (text.rel, lang)
            versions = body[0].xpath('.//div[contains(concat(" ", @class, " "), " text-version ")]')
            assert bool(versions) == (lang not in _languages_of(text.key)), (text.rel, lang)
            assert ".text-version" in build_search.EXCLUDE_SELECTORS


def _languages_of(key):
    return {text.lang for text in TEXTS if text.key == key}


@pytest.mark.parametrize("tree", ["en", "fr", "ru", "es"])
def test_an_instruments_title_and_symbol_typed_in_any_tree_find_it(served_site, checked_page, tree):
    """The metadata of every instrument is in every tree's index, in that tree's
    language: its title (where known, else the one the header shows; a Chinese title
    typed whole is left to the Chinese tests, which search its words) and its symbol."""
    home = "/" if tree == DEFAULT_LANGUAGE else f"/{tree}/"
    for inst in CORPUS.instruments.values():
        title, title_lang = inst.title(tree)
        for query in ([title] if title_lang != "zh" else []) + ([inst.symbol] if inst.symbol else []):
            results = search(checked_page, served_site, home, query)
            found = [_page_url(path) for path in documents(results)]
            assert PagePath.parse(inst.page).url in found, (tree, query, documents(results))


def _page_url(path):
    """/fr/instruments/a-res-71-19/ -> instruments/a-res-71-19/: the page whatever the tree."""
    parts = path.strip("/").split("/")
    return "/".join(parts[1:] if parts and parts[0] in LANGUAGES else parts) + "/"


@pytest.mark.parametrize("path", ["/", "/fr/", "/zh/", "/ar/"])
@pytest.mark.parametrize("query, anchor", [
    ("刑警", None),            # 2 characters, inside 国际刑警组织
    ("刑警组", None),          # 3
    ("合作协定", "preamble__p_2"),  # 4, inside a longer run of characters
])
def test_chinese_two_to_four_characters_find_the_paragraph(served_site, checked_page, path, query, anchor):
    results = search(checked_page, served_site, path, query)
    assert RES_71_19 in documents(results), documents(results)
    found = anchors(results, RES_71_19)
    assert found and all(found), found
    if anchor:
        assert anchor in found
    assert f"<mark>{query}</mark>" in results[documents(results).index(RES_71_19)][0]["html"]


@pytest.mark.parametrize("path", ["/", "/ar/", "/zh/", "/es/"])
@pytest.mark.parametrize("query, marked", [
    ("الانتربول", "الإنتربول"),   # typed without its hamza
    ("اسهام", "إسهام"),
    ("المساعده", "المساعدة"),     # ta marbuta typed as ha
])
def test_arabic_folded_query_finds_the_draft(served_site, checked_page, path, query, marked):
    results = search(checked_page, served_site, path, query)
    assert DRAFT in documents(results), documents(results)
    html = " ".join(link["html"] for link in results[documents(results).index(DRAFT)])
    assert f"<mark>{marked}</mark>" in html


@pytest.mark.parametrize("query, document, anchor", [
    ("A/RES/71/19", RES_71_19, "symbol"),
    ("71/19", RES_71_19, None),
    ("CTOC/COP/WG.3/2024/1", AGENDA, "symbol"),
])
def test_symbols_are_found_as_typed(served_site, checked_page, query, document, anchor):
    results = search(checked_page, served_site, "/fr/", query)
    assert document in documents(results), documents(results)
    if anchor:
        assert anchor in anchors(results, document)


def test_a_symbol_that_is_not_there_finds_nothing(served_site, checked_page):
    assert search(checked_page, served_site, "/fr/", "CTOC/COP/WG.3/2024/9") == []


@pytest.mark.parametrize("path, first", [("/ar/", "ar"), ("/zh/", "zh")])
def test_results_in_the_interface_language_come_first(served_site, checked_page, path, first):
    results = search(checked_page, served_site, path, "I-24/7")   # in 71/19 (zh) and the draft (ar)
    langs = [links[0]["lang"] for links in results]
    assert {"ar", "zh"} <= set(langs) and langs[0] == first


def test_each_text_is_indexed_once(served_site, checked_page):
    results = search(checked_page, served_site, "/ru/", "刑警组")
    paths = documents(results)
    assert len(paths) == len(set(paths))
    assert all(p.startswith("/zh/") for p in paths), paths


def _metadata_words():
    """What an instrument header may show, folded: the names of bodies, types and
    languages in every interface language, and the instruments' titles."""
    words = []
    for lang in LANGUAGES:
        table = labels(lang)
        for group in ("bodies", "types", "languages"):
            words += list(table[group].values())
    words += [title for inst in CORPUS.instruments.values() for title in inst.official_titles.values()]
    return " ".join(words).casefold()


# The site's name, the language selector's names and a symbol the site only links to are on
# many pages, in the chrome or in addresses: those that no text of docs/ holds, nor the
# metadata of an instrument (indexed in every tree: "Accord" is an agreement in French).
CHROME = [query for query in ("Accord", "Français", "Русский", "Español", "A/RES/51/1", "GitHub", "MkDocs")
          if not any(query in text.body for text in TEXTS) and query.casefold() not in _metadata_words()]


def test_the_chrome_queries_are_enough():
    assert len(CHROME) >= 2, CHROME


@pytest.mark.parametrize("query", CHROME)
def test_site_chrome_is_not_indexed(served_site, checked_page, query):
    assert search(checked_page, served_site, "/", query) == []


def test_enter_opens_the_paragraph_with_the_words_highlighted(served_site, checked_page):
    search(checked_page, served_site, "/fr/", "合作协定")
    checked_page.keyboard.press("Enter")
    checked_page.wait_for_url(re.compile(r"/zh/instruments/a-res-71-19/\?h=.*#preamble__p_2$"))
    expect(checked_page.locator("#preamble__p_2 mark[data-pf-highlight]").first).to_have_text("合作协定")


def test_arrow_keys_and_enter_on_an_arabic_hit(served_site, checked_page):
    search(checked_page, served_site, "/zh/", "الانتربول", shortcut="s")
    checked_page.keyboard.press("ArrowDown")
    expect(checked_page.locator(".md-search-result__link").first).to_be_focused()
    checked_page.keyboard.press("Enter")
    checked_page.wait_for_url(re.compile(r"/ar/instruments/ga-73-draft-un-interpol-cooperation/\?h=.*#\w+$"))
    expect(checked_page.locator("mark[data-pf-highlight]").first).to_have_text("الإنتربول")


def test_a_symbol_typed_where_no_text_is_in_the_interface_language_waits_for_one_bundle(
        served_site, page):
    """On the French home page a symbol (Latin letters) is first searched in the French
    bundle, the metadata of every instrument; its results are shown without waiting for
    any other: here every other bundle is held and never answers."""
    page.route(re.compile(r"/pagefind/(?!fr/)[a-z]{2}/"), lambda route: None)     # held: never answered
    page.goto(served_site + "/fr/")
    page.keyboard.press("/")
    page.keyboard.type("A/RES/71/19")
    first = page.locator(".md-search-result__item .md-search-result__link").first
    expect(first).to_have_attribute("href", re.compile(r"/instruments/a-res-71-19/"), timeout=15_000)


MANIFEST_FILE = Path("pagefind") / "languages.json"


# A result's page -> its instrument; a year of the corpus, that many of its texts and headers
# hold; what each filter says of an instrument.
INSTRUMENT_OF = {PagePath.parse(key).url: inst for inst in CORPUS.instruments.values() for key in inst.pages}
YEAR = Counter(inst.date[:4] for inst in CORPUS.instruments.values() if inst.date).most_common(1)[0][0]
FILTERS = {"body": lambda inst: {inst.body}, "type": lambda inst: {inst.type},
           "year": lambda inst: {inst.date[:4]} if inst.date else set(),
           "language": lambda inst: set(inst.versions)}


def _instrument(links):
    return INSTRUMENT_OF[_page_url(in_site(links[0]["href"]))]


def _options(page, key):
    return page.eval_on_selector_all(f".pf-filters select[name={key}] option",
                                     "options => options.slice(1).map(o => [o.value, o.textContent])")


@pytest.mark.parametrize("tree", ["en", "zh", "ar"])
def test_filters_narrow_the_results_by_body_type_year_and_language(served_site, checked_page, tree):
    """Each filter lists the values of the results, named in the interface language (a
    year in its digits); choosing one leaves only the results that have it; All brings
    them back."""
    home = "/" if tree == DEFAULT_LANGUAGE else f"/{tree}/"
    names = search_words(tree)
    results = search(checked_page, served_site, home, YEAR)
    assert results
    before = documents(results)
    chosen = 0
    for key, of in FILTERS.items():
        options = dict(_options(checked_page, key))
        values = set().union(*(of(_instrument(links)) for links in results))
        assert values <= set(options), (key, values, options)
        for value, name in options.items():
            assert name == (pinpoints.digits(value, tree) if key == "year" else names[key][value]), (key, value)
        having = {value: {path for path, links in zip(before, results) if value in of(_instrument(links))}
                  for value in options}
        narrowing = sorted(value for value, paths in having.items() if 0 < len(paths) < len(before))
        if not narrowing:
            continue
        value = narrowing[0]
        checked_page.select_option(f".pf-filters select[name={key}]", value)
        narrowed = shown(checked_page, YEAR)
        assert all(value in of(_instrument(links)) for links in narrowed), (key, value)
        assert having[value] <= set(documents(narrowed)), (key, value)
        checked_page.select_option(f".pf-filters select[name={key}]", "")
        assert documents(shown(checked_page, YEAR)) == before
        chosen += 1
    assert chosen >= 1 or len(CORPUS.instruments) == 1


def test_the_filters_tables_hold_every_page_under_its_instruments_values(built_site):
    """pagefind/<lang>/facets/<filter>/<value>.json: the Pagefind ids of the pages with
    that value, from the metadata (body, type, year, the languages of the texts shown)."""
    manifest = json.loads((built_site / MANIFEST_FILE).read_text(encoding="utf-8"))
    for lang in manifest["languages"]:
        folder = built_site / "pagefind" / lang
        tables = {(facet.name, value.stem): set(json.loads(value.read_text(encoding="utf-8")))
                  for facet in (folder / "facets").iterdir() for value in facet.iterdir()}
        pages = list(build_search.fragments(folder))
        assert len(pages) == manifest["languages"][lang]["pages"]
        for ident, data in pages:
            inst = INSTRUMENT_OF[_page_url(data["url"])]
            key = _page_url(data["url"])
            text_langs = {lang} if lang in inst.versions else set(inst.versions)
            expected = {("body", inst.body), ("type", inst.type), *(("language", code) for code in text_langs)}
            if inst.date:
                expected.add(("year", inst.date[:4]))
            assert {entry for entry, idents in tables.items() if ident in idents} == expected, (lang, key)
        counts = json.loads((folder / "facets.json").read_text(encoding="utf-8"))
        assert {(facet, value): n for facet, values in counts.items() for value, n in values.items()} == {
            entry: len(idents) for entry, idents in tables.items()}


def test_the_filters_are_reached_and_used_by_keyboard(served_site, checked_page):
    """Tab from the box reaches a filter; its arrow keys are its own (choosing a value,
    which searches again), not the results' (they move between result links elsewhere);
    Escape still closes the search."""
    search(checked_page, served_site, "/", YEAR)
    for _ in range(6):
        checked_page.keyboard.press("Tab")
        if checked_page.evaluate("() => !!document.activeElement.closest('.pf-filters')"):
            break
    focused = checked_page.evaluate_handle("document.activeElement")
    assert checked_page.evaluate("(el) => el.tagName", focused) == "SELECT"
    checked_page.wait_for_function(VISIBLE, arg=focused)
    checked_page.keyboard.press("ArrowDown")
    assert checked_page.evaluate("(el) => el === document.activeElement && el.value !== ''", focused)
    shown(checked_page, YEAR)
    checked_page.keyboard.press("Escape")
    checked_page.wait_for_function("() => !document.getElementById('__search').checked")


VISIBLE = """(el) => { const box = el.getBoundingClientRect(); return box.width > 0 && box.height > 0
    && getComputedStyle(el).visibility !== "hidden"; }"""


def test_one_copy_of_the_pagefind_runtime_and_only_what_is_loaded(built_site):
    manifest = json.loads((built_site / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert (built_site / "pagefind" / manifest["runtime"]).stat().st_size > 0
    for lang, entry in manifest["languages"].items():
        folder = built_site / "pagefind" / entry["bundle"]
        names = {path.name for path in folder.iterdir()}
        assert not names & {"pagefind.js", "pagefind-ui.js", "pagefind-worker.js", "pagefind-highlight.js"}, lang
        assert len([name for name in names if name.startswith("wasm.")]) == 1, (lang, names)
        assert entry["script"] and entry["texts"] == sum(
            1 for text in TEXTS if text.lang == lang and not text.meta.get("fallback")), lang


@pytest.mark.parametrize("path, query, script", [
    ("/fr/", "A/RES/71/19", None),       # Latin letters and digits: in the texts of any language
    ("/", "刑警", "Han"),
    ("/ru/", "الانتربول", "Arabic"),
    ("/ar/", "2016", None),              # no letters: the texts of any language
])
def test_a_query_loads_the_runtime_once_and_only_the_bundles_it_needs(built_site, served_site, page, path, query,
                                                                      script):
    """The interface language's bundle (the metadata of every instrument) and those of the
    languages with texts whose script the query is written in (any, for Latin letters and
    digits), no other; the runtime is downloaded once, however many bundles it searches."""
    manifest = json.loads((built_site / MANIFEST_FILE).read_text(encoding="utf-8"))
    ui = path.strip("/") or DEFAULT_LANGUAGE
    expected = {lang for lang, entry in manifest["languages"].items()
                if lang == ui or (entry["texts"] and (script is None or entry["script"] == script))}
    bundles, runtime = set(), []
    def seen(response):
        found = re.search(r"/pagefind/([a-z]{2})/", response.url)
        if found:
            bundles.add(found.group(1))
        if response.url.endswith("/pagefind/" + manifest["runtime"]) and response.status == 200:
            runtime.append(response.url)
    page.on("response", seen)
    search(page, served_site, path, query)
    assert bundles == expected, (bundles, expected)
    assert len(runtime) == 1, runtime


def release(route):
    """Let a held request go on; one the browser gave up meanwhile (a search superseded,
    on a loaded machine) or that the route's removal let go is handled already."""
    try:
        route.continue_()
    except PlaywrightError as error:
        if "already handled" not in str(error):
            raise


def test_a_symbol_typed_whole_shows_the_document_bearing_it_from_the_symbol_table(served_site, page):
    """The document whose symbol line is the query is looked up in the symbol table
    (pagefind/symbols/), whatever Pagefind's rank for it among the pages citing it (at
    1,000 instruments the real CTOC/COP/WG.3/2024/1 was past the first 20): it is shown
    first, before any Pagefind fragment arrives. Fragments are held unanswered until the
    result is checked (a condition, not a race with the page's own timers)."""
    held, tables = [], []
    page.route("**/*.pf_fragment", lambda route: held.append(route))
    page.on("request", lambda request: tables.append(request.url) if "/pagefind/symbols/" in request.url else None)
    page.goto(served_site + "/fr/")
    page.keyboard.press("/")
    page.keyboard.insert_text("A/RES/71/19")     # in one input event: no search for a part of it
    page.keyboard.press("End")
    page.wait_for_function(
        "() => document.querySelector('[data-accord-search]').getAttribute('data-pf-first') === 'A/RES/71/19'",
        timeout=15_000)
    first = page.locator(".md-search-result__item .md-search-result__link").first.get_attribute("href")
    assert [in_site(url) for url in tables] == ["/pagefind/symbols/19.json"], tables
    assert (in_site(first), urlparse(first).fragment) == (RES_71_19, "symbol"), first
    page.unroute("**/*.pf_fragment")
    for route in held:
        release(route)
    # then the rest, the document itself once
    results = search(page, served_site, "/fr/", "A/RES/71/19")
    assert documents(results).count(RES_71_19) == 1, documents(results)


def test_the_symbol_table_holds_each_text_with_a_symbol(built_site):
    tables = {path.name: json.loads(path.read_text(encoding="utf-8"))
              for path in (built_site / "pagefind" / "symbols").glob("*.json")}
    assert tables["19.json"]["ares7119"] == [{"lang": "zh", "symbol": "A/RES/71/19", "url": RES_71_19,
                                               "title": "71/19. 联合国同国际刑事警察组织(国际刑警组织)的合作",
                                               "page": "instruments/a-res-71-19.md"}]
    assert tables["41.json"]["ctoccopwg320241"][0]["url"] == AGENDA
    # and every text of docs/ that bears a symbol, under its key, nothing else
    expected = {}
    for text in corpus_model.load(ROOT / "docs").texts:
        key = build_search.symbol_key(text.meta.get("symbol") or "")
        if key:
            expected.setdefault(key, set()).add("/" + PagePath.parse(text.rel).tree_url(text.lang))
    assert len(expected) >= 3, expected
    assert {key: {entry["url"] for entry in entries} for table in tables.values()
            for key, entries in table.items()} == expected


@pytest.fixture(scope="module")
def site_under_a_sub_path(built_site):
    """The same site served under /library/ (as on a project page of a forge): every
    path outside /library/ is a 404."""
    import functools
    import http.server
    import threading

    class UnderLibrary(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path):
            if not path.startswith("/library/"):
                return str(built_site / "no-such-file")
            return super().translate_path(path[len("/library"):])

        def log_message(self, *args):
            pass

    handler = functools.partial(UnderLibrary, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/library"
    server.shutdown()


@pytest.mark.parametrize("path", ["/", "/zh/instruments/a-res-71-19/", "/ar/", "/fr/data/"])
def test_search_finds_the_site_root_from_the_page_under_any_path(site_under_a_sub_path, checked_page, path):
    """The search box takes the site's root from the page (data-accord-root), so the
    index is found, and its results lead into the site, under a sub-path too."""
    failed = []
    checked_page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    results = search(checked_page, site_under_a_sub_path, path, "刑警")
    assert "/library" + RES_71_19 in documents(results), documents(results)
    assert all(urlparse(links[0]["href"]).path.startswith("/library/") for links in results)
    assert not [url for url in failed if "/pagefind/" in url], failed


@pytest.mark.parametrize("path", ["/", "/ar/", "/zh/instruments/a-res-71-19/"])
def test_the_language_links_stay_under_the_sites_path(site_under_a_sub_path, page, path):
    import urllib.request

    from accord.library import LANGUAGES
    page.goto(site_under_a_sub_path + path)
    links = page.eval_on_selector_all("a.md-select__link", "links => links.map(a => a.href)")
    assert len(links) == len(LANGUAGES)
    for link in links:
        assert urlparse(link).path.startswith("/library/"), link
        with urllib.request.urlopen(link, timeout=30) as response:
            assert response.status == 200
