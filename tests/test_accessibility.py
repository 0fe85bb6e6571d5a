"""Accessibility in Chromium (issue 14): axe-core (pinned in package-lock.json, installed
by `make test` with npm ci) finds no violation of WCAG 2.1 A and AA on every kind of
page in the six trees; every Tab stop is visible; Escape takes the reader back from the
search to where they were. The pages come from docs/ and the metadata."""

import pytest

from accord import corpus as corpus_model
from accord.identifiers import PagePath
from accord.library import DEFAULT_LANGUAGE, LANGUAGES
from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CORPUS = corpus_model.load(ROOT / "docs")
SITE_PAGES = {"catalogue": "", "citations": "citations/", "history": "history/", "data": "data/",
              "parallel": "parallel/", "not found": "404.html"}
SEARCH = "the open search"


def instrument_pages():
    """One instrument of each body and type (the layouts follow them), and the first
    article of each agreement: {name: page key}."""
    chosen = {}
    for inst in CORPUS.catalogue():
        chosen.setdefault(f"{inst.body} {inst.type}", inst.page)
        if inst.article_keys():
            chosen[f"{inst.id} article"] = inst.article_keys()[0]
    return chosen


def tree_path(lang, rel):
    return rel if lang == DEFAULT_LANGUAGE else f"{lang}/{rel}"


def checked_pages():
    for lang in LANGUAGES:
        for name, key in instrument_pages().items():
            yield lang, name, PagePath.parse(key).tree_url(lang)
        for name, rel in SITE_PAGES.items():
            yield lang, name, tree_path(lang, rel)
        yield lang, SEARCH, tree_path(lang, "")


@pytest.fixture(scope="module")
def axe_page(browser):
    """A page that can load axe-core: the site's Content-Security-Policy allows no
    inline script, so this context bypasses it (only here)."""
    assert AXE.is_file(), f"{AXE} is missing: `make test` installs it (npm ci, package-lock.json)"
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


# Rules outside WCAG's tags that Lighthouse counts: a dialog must have a name.
ALSO = ["aria-dialog-name"]


def violations(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async ([tags, rules]) => {
        const name = v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).slice(0, 5).join(", ");
        const wcag = await axe.run(document, {runOnly: {type: "tag", values: tags}});
        const also = await axe.run(document, {runOnly: {type: "rule", values: rules}});
        return wcag.violations.concat(also.violations).map(name);
    }""", [WCAG_21_AA, ALSO])


def open_search(page):
    page.keyboard.press("/")
    page.keyboard.type("INTERPOL")
    page.wait_for_function("() => document.querySelector('[data-accord-search]').getAttribute('data-pf-query') === 'INTERPOL'")
    page.wait_for_selector(".md-search-result__item")
    # the results' stylesheet, loaded when the search opens (accord/asset_bundle.py LATER_CSS)
    page.wait_for_function("() => [...document.querySelectorAll('link[rel=stylesheet]')].every(link => link.sheet)")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_finds_no_wcag_21_aa_violation_on_any_kind_of_page(served_site, axe_page, lang):
    found = {}
    for tree, name, path in checked_pages():
        if tree != lang:
            continue
        response = axe_page.goto(f"{served_site}/{path}")
        assert response.ok or name == "not found", (path, response.status)
        if name == SEARCH:
            open_search(axe_page)
        problems = violations(axe_page)
        if problems:
            found[f"{name} ({path})"] = problems
    assert found == {}


VISIBLE = """(el) => {
    const box = el.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) return false;
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
        const style = getComputedStyle(n);
        if (style.visibility === "hidden" || parseFloat(style.opacity) < 0.9) return false;
    }
    return true;
}"""


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_tab_stop_of_the_header_and_search_is_visible(served_site, page, lang):
    """Tab from the top of an instrument page to its first link in the text: each stop
    becomes visible (Material's menus show themselves on focus: waited for, by
    condition). The search's empty result list was an invisible stop."""
    inst = CORPUS.catalogue()[0]
    page.goto(f"{served_site}/{PagePath.parse(inst.page).tree_url(lang)}")
    page.wait_for_selector('[data-accord-search="ready"]', state="attached")
    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        handle = page.evaluate_handle("document.activeElement")
        label = page.evaluate("(el) => el.tagName + '.' + el.className + ' ' + (el.textContent || '').trim().slice(0, 20)", handle)
        page.wait_for_function(VISIBLE, arg=handle, timeout=5000)
        stops.append(label)
        if page.evaluate("(el) => !!el.closest('article')", handle):
            break
    assert any("md-search__input" in stop for stop in stops), stops
    assert page.evaluate("() => !!document.activeElement.closest('article')"), stops


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_escape_takes_the_reader_back_from_the_search(served_site, page, lang):
    """The reader is on a link of the text, opens the search with "/", types, then
    presses Escape: the focus is back on that link, the search closed."""
    inst = CORPUS.catalogue()[0]
    page.goto(f"{served_site}/{PagePath.parse(inst.page).tree_url(lang)}")
    page.wait_for_selector('[data-accord-search="ready"]', state="attached")
    link = page.locator("article a[href]").first
    link.focus()
    before = link.evaluate("(el) => el.outerHTML")
    page.keyboard.press("/")
    page.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("INTERPOL")
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__search').checked")
    assert page.evaluate("() => document.activeElement.outerHTML") == before


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_axe_finds_no_violation_on_a_phone(served_site, browser, lang):
    """The phone layout (the header's "All details" box, the catalogue's blocks, the
    graph that scrolls sideways) at 390 x 844."""
    context = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    found = {}
    inst = CORPUS.catalogue()[0]
    for path in (tree_path(lang, ""), PagePath.parse(inst.page).tree_url(lang), tree_path(lang, "citations/")):
        tab.goto(f"{served_site}/{path}")
        problems = violations(tab)
        if problems:
            found[path] = problems
    context.close()
    assert found == {}
