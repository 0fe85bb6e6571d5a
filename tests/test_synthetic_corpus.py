"""A library that grows (issue 13): the synthetic corpus of tests/synthetic_corpus.py (test
data, never published) added to a copy of the project with `make add`'s command, one
document at a time, then built and checked as `make site` checks the real one.

Its documents are in all six languages; one resolution has three language versions, the
agreement 23 articles in four; its citations are in every language. The expectations
come from the corpus (its metadata, the pages the normalizer wrote, and the table of
citations it holds), not from counts.
"""
import collections
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from lxml import html

import akn_checks
import synthetic_corpus as corpus
from accord import corpus as corpus_model
from accord.identifiers import PagePath
from accord.library import direction
from scripts import fidelity
from scripts.patterns import ARTICLE_HEADING

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("mkdocs.yml",)
PROJECT_DIRS = ("hooks", "accord", "overrides", "docs", "sources", "scripts")
PASTE = re.compile(r"with these lines:\n((?:  .*\n?)+)")
PART_SIZE = 2             # instruments of one body in a part of the catalogue and of the graph


def run(project, *args):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", *args], cwd=project, capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """The project copy with every synthetic document added, acknowledged as the check's
    message says, and built: {project, site, added (the runs of make add), first_check}."""
    root = tmp_path_factory.mktemp("synthetic")
    project = root / "project"
    project.mkdir()
    for name in PROJECT_FILES:
        shutil.copy(ROOT / name, project / name)
    for name in PROJECT_DIRS:
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    # parts of the long lists smaller than the library (accord/listing.py), so that the
    # catalogue and the citation graph of this library are in several parts
    library_table = project / "accord" / "library.yml"
    library_table.write_text(re.sub(r"(?m)^listing_page_size: \d+$", f"listing_page_size: {PART_SIZE}",
                                    library_table.read_text(encoding="utf-8")), encoding="utf-8")
    added = [run(project, "scripts.add_document", str(text), str(meta), "--no-cache")
             for text, meta in corpus.write(root / "incoming")]
    build = run(project, "mkdocs", "build", "--strict", "--quiet")
    assert build.returncode == 0, build.stderr
    first_check = run(project, "scripts.check_citations", "site")
    # a contributor pastes what the message says, a reason written in
    pasted = "".join(block.replace("<why it cannot be linked>", "test data, not in the library")
                     for block in PASTE.findall(first_check.stdout + first_check.stderr))
    with open(project / "accord/unresolved_citations.yml", "a", encoding="utf-8") as handle:
        handle.write("\n" + pasted)
    return {"project": project, "site": project / "site", "added": added, "first_check": first_check}


def page(library, key, tree):
    url = PagePath.parse(key).tree_url(tree)
    return html.parse(str(library["site"] / url / "index.html")).getroot()


def synthetic_pages(library):
    """{page key: front matter of one of its text files} of the synthetic instruments."""
    docs = library["project"] / "docs"
    found = {}
    for path in sorted((docs / "instruments").rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        if PagePath.parse(rel).instrument.startswith("test-syn-"):
            meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
            if meta.get("language"):
                found.setdefault(PagePath.parse(rel).key, meta)
    return found


def test_every_document_is_added_by_make_add(library):
    for result in library["added"]:
        assert result.returncode == 0, result.stderr
        assert "added sources/" in result.stdout
    written = {PagePath.parse(key).instrument for key in synthetic_pages(library)}
    assert written == {meta_id for meta_id in _ids_of_metadata(library)}


def _ids_of_metadata(library):
    for meta in sorted((library["project"] / "sources").glob("syn_*.yml")):
        for entry in yaml.safe_load(meta.read_text(encoding="utf-8"))["instruments"]:
            yield entry["id"]


def test_the_site_checks_pass_on_the_grown_library(library):
    project = library["project"]
    links = run(project, "scripts.check_links", "site")
    assert links.returncode == 0, links.stdout + links.stderr
    assert fidelity.check(project / "sources", project / "docs", library["site"]) == []
    # the first check named each citation that cannot be linked, with the lines to paste;
    # pasted, they satisfy it
    assert library["first_check"].returncode == 1
    reported = [e for e in corpus.expected() if e.page is None]
    assert len(PASTE.findall(library["first_check"].stdout + library["first_check"].stderr)) == len(reported)
    again = run(project, "scripts.check_citations", "site")
    assert again.returncode == 0, again.stdout + again.stderr


def _outcome(library, expected, unresolved):
    """"linked", "reported", "wrong: <href>" or "missed" for one citation of the corpus."""
    key = f"instruments/{expected.citing}.md"
    if expected.citing == corpus.AGREEMENT:
        key = corpus._article_page(int(expected.paragraph.split("__")[0][4:]))
    tree = expected.lang
    root = page(library, key, tree)
    here = "/" + PagePath.parse(key).tree_url(tree)
    paragraph = root.get_element_by_id(expected.paragraph)
    for anchor in paragraph.iter("a"):
        shown = anchor.text_content()
        if "xref" in (anchor.get("class") or "") and (shown in expected.text or expected.text in shown):
            if expected.page is None:
                return f"wrong: {anchor.get('href')}"
            target = "/" + PagePath.parse(expected.page).tree_url(tree)
            if expected.target_paragraph:
                target += f"#{expected.target_paragraph}"
            resolved = urljoin(here, anchor.get("href"))
            return "linked" if resolved == target else f"wrong: {resolved} (not {target})"
    if any(entry["page"] == PagePath.parse(key).key and expected.text in entry["text"] for entry in unresolved):
        return "reported" if expected.page is None else "reported, not linked"
    return "missed"


def test_recall_every_citation_is_linked_to_its_target_or_reported(library):
    unresolved = json.loads((library["site"] / "citations.json").read_text(encoding="utf-8"))["unresolved"]
    outcomes = {e: _outcome(library, e, unresolved) for e in corpus.expected()}
    wanted = {e: "linked" if e.page else "reported" for e in outcomes}
    wrong = {f"{e.lang} {e.citing}#{e.paragraph} “{e.text}”": got
             for e, got in outcomes.items() if got != wanted[e]}
    counts = collections.Counter(outcomes.values())
    print(f"recall: {counts['linked']} linked, {counts['reported']} reported of {len(outcomes)}")
    assert wrong == {}


def test_each_tree_shows_its_own_version_or_every_version_original_first(library):
    for key, meta in synthetic_pages(library).items():
        langs = meta["languages_available"]
        order = sorted(langs, key=lambda code: code != meta["original_language"])
        for tree in corpus.LANGUAGES:
            root = page(library, key, tree)
            ids = [e.get("id") for e in root.xpath("//article//*[@id]")]
            assert [i for i, n in collections.Counter(ids).items() if n > 1] == [], (key, tree)
            versions = root.xpath('//div[contains(concat(" ", @class, " "), " text-version ")]')
            if tree in langs:
                text = root.xpath('//div[contains(@class, "instrument-text")]')
                assert [t.get("lang") for t in text] == [tree] and versions == [], (key, tree)
                continue
            assert [(v.get("lang"), v.get("dir")) for v in versions] == [(c, direction(c)) for c in order], (key, tree)
            assert root.xpath('//aside[contains(@class, "fallback-notice")]'), (key, tree)
            assert root.xpath('//*[@data-pagefind-body]//div[contains(@class, "text-version")]'), (key, tree)
            assert len(root.xpath("//article//h1")) == 1, (key, tree)


def test_every_version_keeps_its_own_footnotes_numbered_from_one(library):
    checked = 0
    for key, meta in synthetic_pages(library).items():
        docs = library["project"] / "docs"
        counts = {lang: len(re.findall(r"^\[\^[^\]]+\]:", (docs / PagePath.parse(key).with_lang(lang).path)
                                       .read_text(encoding="utf-8"), re.M))
                  for lang in meta["languages_available"]}
        if sum(1 for n in counts.values() if n) < 2:
            continue
        tree = next(code for code in corpus.LANGUAGES if code not in meta["languages_available"])
        for version in page(library, key, tree).xpath('//div[contains(concat(" ", @class, " "), " text-version ")]'):
            notes = version.xpath('./div[@class="footnote"]/ol/li')
            assert len(notes) == counts[version.get("lang")], (key, version.get("lang"))
            refs = [a.text_content() for a in version.xpath('.//sup[starts-with(@id, "fnref")]/a')]
            assert refs == [str(n) for n in range(1, len(refs) + 1)], (key, version.get("lang"))
            for note in notes:       # each back link leads to a reference inside the same version
                back = note.xpath('.//a[contains(@class, "footnote-backref")]/@href')[0][1:]
                assert version.xpath(f'.//*[@id="{back}"]'), (key, back)
            checked += 1
    assert checked >= 2


def test_an_agreement_has_a_page_per_article_in_each_of_its_languages(library):
    docs = library["project"] / "docs"
    for meta_path in sorted((library["project"] / "sources").glob("syn_*.yml")):
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
        for entry in meta["instruments"]:
            if entry["layout"] != "agreement":
                continue
            text = (meta_path.parent / meta["source"]).read_text(encoding="utf-8")
            headings = [line for line in text.splitlines() if ARTICLE_HEADING.match(line.strip())]
            pages = sorted((docs / "instruments" / entry["id"]).glob(f"art_*.{meta['language']}.md"))
            assert len(pages) == len(headings) > 0, meta_path.name
            numbers = sorted(int(p.name.split(".")[0][4:]) for p in pages)
            assert numbers == list(range(1, len(headings) + 1)), meta_path.name



# --------------------------------------------------------------------------- versions checked


@pytest.fixture
def small_project(tmp_path):
    """A copy of the project's sources and docs with the synthetic resolution's original
    (English) added: the library a second version is added to."""
    project = tmp_path / "project"
    for name in ("docs", "sources"):
        shutil.copytree(ROOT / name, project / name)
    incoming = tmp_path / "incoming"
    pairs = {text.stem: (text, meta) for text, meta in corpus.write(incoming)}
    assert add(project, *pairs["syn_resolution_en"]) == 0
    return project, pairs


def add(project, text, meta):
    from scripts import add_document
    return add_document.main([str(text), str(meta), "--sources", str(project / "sources"),
                              "--docs", str(project / "docs"), "--no-cache"])


def snapshot(project):
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in sorted(project.rglob("*")) if p.is_file()}


def test_a_version_without_a_paragraph_of_the_others_is_refused_by_file_and_line(small_project, capsys):
    project, pairs = small_project
    text, meta = pairs["syn_resolution_es"]
    lines = text.read_text(encoding="utf-8").split("\n\n")
    dropped = next(block for block in lines if block.startswith("3. "))
    text.write_text("\n\n".join(block for block in lines if block != dropped), encoding="utf-8")
    english = (project / "sources/syn_resolution_en.txt").read_text(encoding="utf-8").splitlines()
    line = next(n for n, row in enumerate(english, 1) if row.startswith("3. "))
    before = snapshot(project)
    assert add(project, text, meta) == 1
    error = capsys.readouterr().err
    assert f"sources/syn_resolution_en.txt:{line}: paragraph para_3 of {corpus.RESOLUTION}" in error
    assert str(meta) in error and "differences: [{paragraph: para_3" in error
    assert snapshot(project) == before
    # acknowledged with a reason, the version is added
    with open(meta, "a", encoding="utf-8") as handle:
        handle.write("    differences:\n      - paragraph: para_3\n        reason: test data, a version cut short\n")
    assert add(project, text, meta) == 0
    assert (project / f"docs/instruments/{corpus.RESOLUTION}.es.md").exists()


def test_a_version_whose_work_metadata_differs_is_refused_naming_both_files(small_project, capsys):
    project, pairs = small_project
    text, meta = pairs["syn_resolution_es"]
    meta.write_text(meta.read_text(encoding="utf-8").replace("date: 2099-01-01", "date: 2099-02-01"), encoding="utf-8")
    before = snapshot(project)
    assert add(project, text, meta) == 1
    error = capsys.readouterr().err
    assert str(meta) in error and "sources/syn_resolution_en.yml" in error and "date 2099-01-01 ≠ 2099-02-01" in error
    assert snapshot(project) == before


def test_search_has_a_bundle_for_each_language_of_the_grown_library(library):
    """Pagefind indexes every instrument page once in each tree's bundle (its metadata in
    that tree's language), and each text in its own language's tree only; every one of
    the six languages has texts here (before, the tests knew bundles for ar and zh only)."""
    result = run(library["project"], "scripts.build_search", "site")
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((library["site"] / "pagefind/languages.json").read_text(encoding="utf-8"))
    docs = library["project"] / "docs"
    keys, langs = set(), set()
    for path in (docs / "instruments").rglob("*.md"):
        page_path = PagePath.parse(path.relative_to(docs).as_posix())
        keys.add(page_path.key)
        if page_path.lang:
            langs.add(page_path.lang)
    assert langs == set(corpus.LANGUAGES)
    assert {lang: entry["pages"] for lang, entry in manifest["languages"].items()} == {
        lang: len(keys) for lang in corpus.LANGUAGES}


def test_an_article_page_leads_to_its_agreement_and_to_the_articles_beside_it(library):
    """Breadcrumb (agreement › article), previous and next article, the list of all
    articles, and a tab title that names the agreement, in every tree."""
    docs = library["project"] / "docs"
    articles = sorted({PagePath.parse(p.relative_to(docs).as_posix()).key
                       for p in (docs / "instruments" / corpus.AGREEMENT).glob("art_*.md")},
                      key=lambda key: int(key.rsplit("art_", 1)[1][:-3]))
    index = f"instruments/{corpus.AGREEMENT}/index.md"
    agreement = corpus_model.load(docs).instruments[corpus.AGREEMENT]
    for tree in corpus.LANGUAGES:
        for position, key in enumerate(articles):
            root = page(library, key, tree)
            here = "/" + PagePath.parse(key).tree_url(tree)

            def target(link):
                return urljoin(here, link.get("href"))
            crumb = root.xpath('//nav[contains(@class, "article-breadcrumb")]/a')
            assert [target(a) for a in crumb] == ["/" + PagePath.parse(index).tree_url(tree)], (key, tree)
            nav = root.xpath('//nav[contains(@class, "article-nav")]')[0]
            previous = nav.xpath('.//a[@rel="prev"]')
            following = nav.xpath('.//a[@rel="next"]')
            assert [target(a) for a in previous] == (
                ["/" + PagePath.parse(articles[position - 1]).tree_url(tree)] if position else []), (key, tree)
            assert [target(a) for a in following] == (
                ["/" + PagePath.parse(articles[position + 1]).tree_url(tree)] if position + 1 < len(articles)
                else []), (key, tree)
            listed = nav.xpath('.//details//li/a')
            assert [target(a) for a in listed] == ["/" + PagePath.parse(k).tree_url(tree) for k in articles]
            assert [a.get("aria-current") for a in listed].count("page") == 1
            assert agreement.title(tree)[0] in root.findtext(".//title"), (key, tree)


def list_parts(library, tree, home):
    """The pages of one list in one tree, from its own page through every pager link:
    {url: parsed page}."""
    site = library["site"]
    seen, todo = {}, [PagePath.parse(home).tree_url(tree)]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen[url] = root = html.parse(str(site / url / "index.html")).getroot()
        todo += [joined(url, href) for href in root.xpath('//nav[contains(@class, "listing-pager")]//a/@href')]
    return seen


def joined(url, href):
    """The page a link of the page at ``url`` leads to, as a URL from the site's root
    ("zh/catalogue/un-ga/2/"; "" for the root)."""
    path = os.path.normpath(urljoin("/" + url, href)).strip("/")
    return path + "/" if path else ""


def catalogue_links(root):
    """The instruments a page of the catalogue lists (its symbol column)."""
    return root.xpath('//div[contains(@class, "catalogue")]//tbody/tr/td[1]/a/@href')


def graph_left_links(root):
    """The instruments a page of the citation graph draws on its left (the site's nodes
    at the smallest x; the right holds the documents they cite)."""
    nodes = root.xpath('//a[contains(@class, "citation-graph__node--site")]')
    xs = {a: float(a.xpath('./*[local-name()="circle"]/@cx')[0]) for a in nodes}
    return [a.get("href") for a in nodes if xs[a] == min(xs.values())] if xs else []


@pytest.mark.parametrize("tree", ["en", "ar", "zh"])
def test_the_catalogue_and_the_graph_are_in_parts_that_hold_every_instrument_once(library, tree):
    """A library with more instruments of one body than a part holds: the home page shows
    each body's first part, the other parts are pages of their own, each of at most
    PART_SIZE instruments of one body, every part linked from every part of its body, and
    every instrument is in exactly one part of the catalogue and of the graph."""
    instruments = corpus_model.load(library["project"] / "docs").instruments
    by_body = collections.Counter(inst.body for inst in instruments.values())
    assert max(by_body.values()) > PART_SIZE, "the test library must outgrow a part"
    for home, links_of in (("index.md", catalogue_links), ("citations.md", graph_left_links)):
        start = PagePath.parse(home).tree_url(tree)
        parts = list_parts(library, tree, home)
        assert len(parts) == 1 + sum(-(-count // PART_SIZE) - 1 for count in by_body.values()), home
        listed = collections.Counter()
        for url, root in parts.items():
            pages = [joined(url, href) for href in links_of(root)]
            if url != start:
                assert 0 < len(pages) <= PART_SIZE, url
            listed.update(pages)
        expected = {PagePath.parse(inst.page).tree_url(tree) for inst in instruments.values()}
        assert set(listed) == expected and max(listed.values()) == 1, home


def test_the_akoma_ntoso_documents_of_the_grown_library_are_valid_and_are_its_pages(library):
    """Every language version of the synthetic library (six languages, an agreement of 23
    articles in four, footnotes in each version, citations in every language) has its
    Akoma Ntoso document: valid, its eIds the pages' paragraph ids, its text, notes and
    references those of the pages (tests/akn_checks.py)."""
    site = library["site"]
    assert akn_checks.schema_problems(site) == []
    works = akn_checks.works(site)
    versions = [akn_checks.Version(site, *entry) for entry in akn_checks.versions(site)]
    synthetic = [v for v in versions if v.data["id"].startswith("test-syn-")]
    assert {v.lang for v in synthetic} == set(corpus.LANGUAGES)
    for version in versions:
        assert sorted(version.eids()) == sorted(version.ids), version.path.name
        assert version.paragraph_differences() == []
        shown, written = version.whole_text()
        assert shown == written, version.path.name
        assert version.footnotes()[1] == version.footnotes()[0], version.path.name
        cited, referred = version.citations(works)
        assert referred == cited, version.path.name
    assert any(v.footnotes()[1] for v in synthetic) and any(v.citations(works)[1] for v in synthetic)


@pytest.mark.parametrize("tree", corpus.LANGUAGES)
def test_a_header_lists_the_texts_available_as_its_language_writes_a_list(library, tree):
    """"العربية، الإنكليزية" in Arabic, "中文、英文" in Chinese, "anglais, russe" in French:
    the separator of the interface language (accord/labels.yml list_separator), not a
    Latin comma everywhere."""
    from accord.site_content import labels

    words = labels(tree)
    checked = 0
    for key, meta in synthetic_pages(library).items():
        if len(meta["languages_available"]) < 2 or PagePath.parse(key).article:
            continue
        checked += 1
        root = page(library, key, tree)
        cells = root.xpath('//div[contains(@class, "instrument-header__secondary")][dt="%s"]/dd'
                           % words["languages_available"])
        assert len(cells) == 1, key
        names = [words["languages"][code] for code in meta["languages_available"]]
        assert cells[0].text_content().strip() == words["list_separator"].join(names), (key, tree)
    assert checked, "no instrument of the synthetic library has two language versions"
