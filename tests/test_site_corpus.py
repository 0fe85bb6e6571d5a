"""The built site holds every word of every source, with linked footnotes and tables."""
import re
import shutil
from pathlib import Path

import pytest
from lxml import html

from accord import corpus as corpus_model
from accord.identifiers import PagePath
from accord.library import DEFAULT_LANGUAGE, LANGUAGES
from accord.site_content import labels
from scripts import fidelity

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "a-res-71-19": "zh/instruments/a-res-71-19/index.html",
    "draft": "ar/instruments/ga-73-draft-un-interpol-cooperation/index.html",
    "agenda": "zh/instruments/ctoc-cop-wg-3-2024-1/index.html",
}


def article(site, rel):
    return html.parse(str(site / rel)).xpath("//article")[0]


def test_fidelity_is_complete_in_markdown_and_html(built_site):
    assert fidelity.check(ROOT / "sources", ROOT / "docs", built_site) == []


def test_fidelity_checker_names_file_line_and_missing_words(tmp_path, built_site):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    page = docs / "instruments/a-res-71-19.zh.md"
    page.write_text(page.read_text(encoding="utf-8").replace("第 48 次全体会议", "第 次全体会议"), encoding="utf-8")
    problems = fidelity.check(ROOT / "sources", docs)
    assert problems == ["%s:67: missing in Markdown: 48" % (ROOT / "sources/001_8fdf4e3fb0bbf18e.txt")]


def test_annex_of_the_agenda_is_an_html_table(built_site):
    tables = article(built_site, PAGES["agenda"]).xpath('//div[@id="annex__table_1"]//table')
    assert len(tables) == 1
    rows = tables[0].xpath(".//tr")
    assert len(rows) == 11
    assert [c.text_content() for c in rows[0]] == ["日期和时间", "议程项目", "标题或说明"]


@pytest.mark.parametrize("key", sorted(PAGES))
def test_every_footnote_is_a_linked_note(built_site, key):
    page = article(built_site, PAGES[key])
    refs = page.xpath('//a[@class="footnote-ref"]')
    assert refs
    ids = set(page.xpath("//@id"))
    for ref in refs:
        assert ref.get("href").lstrip("#") in ids


def test_no_debris_in_built_pages(built_site):
    for path in (built_site / "zh/instruments").rglob("index.html"):
        text = article(built_site, path.relative_to(built_site)).text_content()
        for debris in ("[bookmark:", "<sup>", "**", "\\", "\uf0b7", "……"):
            assert debris not in text, f"{path}: {debris}"


@pytest.mark.parametrize("key", ["a-res-71-19", "draft"])
def test_every_paragraph_and_item_has_an_id_and_a_permalink(built_site, key):
    page = article(built_site, PAGES[key])
    blocks = page.xpath('.//p[not(ancestor::div[@class="footnote"]) and not(ancestor::aside) and not(@class="masthead")]'
                        '| .//li[not(ancestor::div[@class="footnote"]) and not(ancestor::section[@class="cited-by"])]')
    assert len(blocks) > 15
    for block in blocks:
        ident = block.get("id")
        assert ident, html.tostring(block, encoding="unicode")[:200]
        assert block.xpath(f'./a[@class="headerlink" and @href="#{ident}"]')


def test_two_builds_of_the_same_commit_are_byte_identical(tmp_path):
    from conftest import build_site

    first, second = build_site(tmp_path / "first"), build_site(tmp_path / "second")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    differ = [str(rel) for rel in files if (first / rel).read_bytes() != (second / rel).read_bytes()]
    assert not differ, differ
    names = {rel.as_posix() for rel in files}
    assert "citations.json" in names and any(name.startswith("feeds/") for name in names)
    assert any(name.endswith(".akn.xml") for name in names)


def test_the_build_is_dated_by_the_commit_not_by_the_day_it_runs(built_site):
    """Builds on different days stay identical: the sitemap's dates are the commit's."""
    import datetime

    from conftest import commit_epoch

    day = datetime.datetime.fromtimestamp(int(commit_epoch()), datetime.timezone.utc).date().isoformat()
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap))
    assert dates == {day}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_tree_has_its_404_page_in_its_language(built_site, lang):
    """Every language build used to write the theme's 404 page to the site's root (the
    Spanish one, the last, stood there); now each tree has its own, in its language,
    with the search box and a link to its catalogue, and links to every tree's home."""
    from conftest import SITE_PATH              # its links are absolute: where the site is served

    def home_of(code):
        return SITE_PATH if code == DEFAULT_LANGUAGE else f"{SITE_PATH}{code}/"
    home = home_of(lang)
    root = html.parse(str(built_site / ("" if lang == DEFAULT_LANGUAGE else lang) / "404.html")).getroot()
    words = labels(lang)
    assert root.get("lang") == lang
    assert [h.text_content() for h in root.iter("h1")] == [words["not_found_title"]]
    assert root.xpath('//a[contains(@class, "not-found__catalogue")]/@href') == [home]
    assert root.xpath("//*[@data-accord-search]")
    homes = {a.get("hreflang"): a.get("href") for a in root.xpath('//a[contains(@class, "md-select__link")]')}
    assert homes == {code: home_of(code) for code in LANGUAGES}
    assert all((built_site / href[len(SITE_PATH):] / "index.html").is_file() for href in homes.values())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_a_title_and_description_of_its_own_in_its_language(built_site, lang):
    """Before, every home tab read "Accord - Accord" and all pages shared one English
    description; now the home page is the catalogue, and an instrument's description is
    its title and metadata in the tree's language."""
    corpus = corpus_model.load(ROOT / "docs")
    words = labels(lang)
    home = built_site / ("" if lang == DEFAULT_LANGUAGE else lang) / "index.html"
    assert html.parse(str(home)).findtext(".//title") == f"{words['catalogue_title']} - Accord"
    descriptions = {}
    for inst in corpus.instruments.values():
        for key in inst.pages:
            root = html.parse(str(built_site / PagePath.parse(key).tree_url(lang) / "index.html")).getroot()
            found = root.xpath('//meta[@name="description"]/@content')
            assert len(found) == 1, (key, lang)
            assert words["bodies"].get(inst.body, inst.body) in found[0], (key, lang)
            descriptions[key] = found[0]
    assert len(set(descriptions.values())) == len(descriptions), lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_words_material_and_the_markdown_extensions_write_are_in_the_trees_language(built_site, lang):
    """The ¶ links' title, the footnotes' back-links and the footer's "Made with" were
    English in every tree; they come from accord/labels.yml now."""
    words = labels(lang)
    tree = built_site if lang == DEFAULT_LANGUAGE else built_site / lang
    others = {f"{code}/" for code in LANGUAGES if code != DEFAULT_LANGUAGE}
    backlink = re.compile(re.escape(words["footnote_backlink"]).replace(r"\{\}", r"\d+"))
    seen = {"permalink": 0, "backlink": 0}
    for path in tree.rglob("index.html"):
        rel = path.relative_to(tree).as_posix()
        if lang == DEFAULT_LANGUAGE and any(rel.startswith(prefix) for prefix in others):
            continue
        root = html.parse(str(path)).getroot()
        titles = root.xpath('//a[contains(concat(" ", @class, " "), " headerlink ")]/@title')
        assert set(titles) <= {words["permalink"]}, rel
        back = root.xpath('//a[contains(@class, "footnote-backref")]/@title')
        assert all(backlink.fullmatch(title) for title in back), (rel, back[:2])
        seen["permalink"] += len(titles)
        seen["backlink"] += len(back)
        assert " ".join(root.xpath('string(//div[@class="md-copyright"])').split()).startswith(words["made_with"]), rel
    assert seen["permalink"] and seen["backlink"], seen


@pytest.mark.parametrize("lang", LANGUAGES)
def test_dates_and_numbers_are_in_the_trees_forms_and_digits(built_site, lang):
    """The header and the catalogue give each date in the language's long form, the ISO
    date in <time datetime> (the sort reads it); in Arabic, Arabic-Indic digits, and the
    session and agenda item in the tree's direction, under their labels."""
    from accord.local_forms import date_shown, number_shown

    corpus = corpus_model.load(ROOT / "docs")
    tree = built_site if lang == DEFAULT_LANGUAGE else built_site / lang
    catalogue = html.parse(str(tree / "index.html")).getroot()
    shown = {t.get("datetime"): t.text_content() for t in catalogue.xpath('//div[contains(@class, "catalogue")]//time')}
    for inst in corpus.instruments.values():
        header = html.parse(str(built_site / PagePath.parse(inst.page).tree_url(lang) / "index.html")).getroot() \
            .xpath('//header[@class="instrument-header"]')[0]
        values = {dt.text_content(): dt.getnext() for dt in header.iter("dt")}
        words = labels(lang)
        if inst.date:
            assert shown[inst.date] == date_shown(inst.date, lang)
            [time] = values[words["date"]].xpath("time")
            assert (time.get("datetime"), time.text_content()) == (inst.date, date_shown(inst.date, lang))
        for field in ("session", "agenda_item"):
            if inst.meta.get(field):
                dd = values[words[field]]
                assert dd.text_content() == number_shown(inst.meta[field], lang) and dd.get("dir") is None
        if lang == "ar":
            assert not re.search(r"[0-9]", " ".join(values[words[f]].text_content() for f in ("date", "session", "agenda_item")
                                                    if words[f] in values))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_footnote_numbers_are_in_the_digits_of_their_text_and_tree(built_site, lang):
    """A footnote reference in the digits of the text it is in (Arabic-Indic in an Arabic
    text, on any tree's page), its back-link's title in the tree's; the list's own numbers
    follow the text's language (accord.css, :lang(ar))."""
    from accord.pinpoints import digits

    tree = built_site if lang == DEFAULT_LANGUAGE else built_site / lang
    others = {f"{code}/" for code in LANGUAGES if code != DEFAULT_LANGUAGE}
    seen = 0
    for path in tree.rglob("index.html"):
        rel = path.relative_to(tree).as_posix()
        if lang == DEFAULT_LANGUAGE and any(rel.startswith(prefix) for prefix in others):
            continue
        root = html.parse(str(path)).getroot()
        for ref in root.xpath('//a[contains(concat(" ", @class, " "), " footnote-ref ")]'):
            text_lang = ref.xpath("ancestor-or-self::*[@lang][1]/@lang")[0]
            assert ref.text_content() == digits(ref.text_content(), text_lang), (rel, text_lang, ref.text_content())
            assert re.fullmatch(r"[0-9]+|[٠-٩]+", ref.text_content()), (rel, ref.text_content())
            seen += 1
        for title in root.xpath('//a[contains(concat(" ", @class, " "), " footnote-backref ")]/@title'):
            assert title == digits(title, lang), (rel, title)
    assert seen or not any("[^" in text.body for text in corpus_model.load(ROOT / "docs").texts), lang
    css = (ROOT / "docs" / "assets" / "stylesheets" / "accord.css").read_text(encoding="utf-8")
    assert ".footnote > ol:lang(ar) { list-style-type: arabic-indic; }" in css
