"""Reader tools (issue 7): cite a paragraph, parallel view, history, downloads, print.

Built-site tests read the data files and generated pages; browser tests (Debian's
Chromium) click the cite button and read the clipboard, draw the parallel view and
print to PDF, in the Arabic and Chinese trees among others.

The site is the one the ``built_site`` fixture builds when mkdocs.yml lists
hooks/site_content.py; until then a config with the reader tools added is written to a
temp dir (``reader_config``). The parallel view is tested on the synthetic instrument of
tests/fixtures/parallel/ (test data, built into a temp copy of docs/, never published).
"""
import contextlib
import functools
import gzip
import html as html_lib
import http.server
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

from accord import corpus as corpus_model
from accord import pinpoints

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests/fixtures/parallel"
LANGS = ("en", "ar", "zh", "fr", "ru", "es")
# The instruments of docs/ in two languages or more: what the parallel view lists,
# whatever versions contributors added.
MULTILINGUAL = sorted(ident for ident, inst in corpus_model.load(ROOT / "docs").instruments.items()
                      if len(inst.versions) >= 2)
LABELS = yaml.safe_load((ROOT / "accord/labels.yml").read_text(encoding="utf-8"))
HOOK = "hooks/site_content.py"
EXTRA_CSS = ("assets/stylesheets/reader.css", "assets/stylesheets/print.css")
EXTRA_JS = ("assets/javascripts/reader-tools.js",)


def tree(lang):
    return "" if lang == "en" else f"{lang}/"


# --------------------------------------------------------------------------- building


def reader_config(dest: Path, docs_dir: Path | None = None) -> Path:
    """mkdocs.yml with the reader tools' hook, CSS and JS added where they are not
    listed yet, and absolute paths, written to ``dest``."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    hooks = [str(ROOT / h) for h in config.get("hooks") or []]
    if str(ROOT / HOOK) not in hooks:
        hooks.append(str(ROOT / HOOK))
    config["hooks"] = hooks
    for key, items in (("extra_css", EXTRA_CSS), ("extra_javascript", EXTRA_JS)):
        listed = config.setdefault(key, [])
        listed.extend(item for item in items if item not in listed)
    config["docs_dir"] = str(docs_dir or ROOT / config.get("docs_dir", "docs"))
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    dest.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


def build(site: Path, config: Path, env_extra=None, check=True):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env_extra or {}))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
                             "--site-dir", str(site)], cwd=ROOT, capture_output=True, text=True, env=env)
    if check:
        assert result.returncode == 0, result.stderr
        warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
        assert not warnings, "\n".join(warnings)
    return result


def listed_in_mkdocs_yml():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return HOOK in (config.get("hooks") or [])


@pytest.fixture(scope="session")
def reader_site(request, tmp_path_factory):
    if listed_in_mkdocs_yml():
        return request.getfixturevalue("built_site")
    tmp = tmp_path_factory.mktemp("reader")
    site = tmp / "site"
    build(site, reader_config(tmp / "mkdocs.yml"))
    return site


@pytest.fixture(scope="session")
def parallel_site(tmp_path_factory):
    """docs/ plus the synthetic two-language instrument of tests/fixtures/parallel."""
    tmp = tmp_path_factory.mktemp("parallel")
    docs = tmp / "docs"
    shutil.copytree(ROOT / "docs", docs)
    shutil.copytree(FIXTURES / "instruments", docs / "instruments", dirs_exist_ok=True)
    site = tmp / "site"
    build(site, reader_config(tmp / "mkdocs.yml", docs), {"ACCORD_TEST_DATA": "1"})
    return site


@contextlib.contextmanager
def serve(directory):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def reader_url(reader_site):
    with serve(reader_site) as url:
        yield url


@pytest.fixture
def tab(browser):
    """A page whose context may read and write the clipboard."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def instruments():
    ids = set()
    for path in (ROOT / "docs/instruments").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        match = re.search(r"^instrument: (\S+)$", text, re.M)
        if match:
            ids.add(match.group(1))
    return sorted(ids)


# --------------------------------------------------------------------------- downloads


def test_instrument_data_files(reader_site):
    data = reader_site / "data"
    corpus = json.loads(gzip.decompress((data / "corpus.json.gz").read_bytes()))
    assert [i["id"] for i in corpus["instruments"]] == instruments()
    for inst in corpus["instruments"]:
        own = json.loads((data / "instruments" / f"{inst['id']}.json").read_text(encoding="utf-8"))
        assert own == inst
        assert inst["versions"], inst["id"]
        for lang, version in inst["versions"].items():
            assert version["dir"] == ("rtl" if lang == "ar" else "ltr")
            for file in version["files"]:
                # the Markdown it was built from, byte for byte
                assert (reader_site / file["markdown"]).read_bytes() == (ROOT / file["source"]).read_bytes()
            ids = [p["id"] for p in version["paragraphs"]]
            assert len(ids) == len(set(ids)), inst["id"]
            for paragraph in version["paragraphs"]:
                page, anchor = paragraph["url"].split("#")
                html = (reader_site / page / "index.html").read_text(encoding="utf-8")
                assert f'id="{anchor}"' in html, paragraph["url"]


def test_paragraph_data_of_a_resolution(reader_site):
    data = json.loads((reader_site / "data/instruments/a-res-71-19.json").read_text(encoding="utf-8"))
    assert data["symbol"] == "A/RES/71/19" and data["body"] == "un-ga" and data["date"] == "2016-11-21"
    zh = {p["id"]: p for p in data["versions"]["zh"]["paragraphs"]}
    assert zh["para_3__list_1__point_a"]["number"] == "(a)"
    assert zh["para_3__list_1__point_a"]["text"].startswith("国际刑警组织 I-24/7")
    assert zh["preamble__p_2"]["footnotes"] == ["1"]
    assert "[^1]" not in zh["preamble__p_2"]["text"]
    notes = data["versions"]["zh"]["footnotes"]
    assert notes[0] == {"label": "1", "text": "联合国，《条约汇编》，第1996卷，第1200号。"}
    assert any(c["to"] == "A/RES/51/1" and c["from_paragraph"] == "preamble__p_1" for c in data["citations"])


def test_paragraphs_csv(reader_site):
    import csv

    text = gzip.decompress((reader_site / "data/paragraphs.csv.gz").read_bytes()).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["instrument", "language", "paragraph", "number", "text", "url"]
    corpus = json.loads(gzip.decompress((reader_site / "data/corpus.json.gz").read_bytes()))
    count = sum(len(v["paragraphs"]) for i in corpus["instruments"] for v in i["versions"].values())
    assert len(rows) - 1 == count
    assert ["ga-73-draft-un-interpol-cooperation", "ar", "para_10", "١٠ -"] == rows[
        [r[:3] for r in rows].index(["ga-73-draft-un-interpol-cooperation", "ar", "para_10"])][:4]


def test_data_files_are_byte_identical_between_builds(reader_site, tmp_path):
    second = tmp_path / "site"
    build(second, reader_config(tmp_path / "mkdocs.yml"))
    first_files = sorted(p.relative_to(reader_site / "data") for p in (reader_site / "data").rglob("*") if p.is_file())
    second_files = sorted(p.relative_to(second / "data") for p in (second / "data").rglob("*") if p.is_file())
    assert first_files == second_files
    for rel in first_files:
        assert (reader_site / "data" / rel).read_bytes() == (second / "data" / rel).read_bytes(), rel


def test_test_data_is_never_published(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    shutil.copytree(FIXTURES / "instruments", docs / "instruments", dirs_exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "ACCORD_TEST_DATA"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                             str(reader_config(tmp_path / "mkdocs.yml", docs)), "--site-dir", str(tmp_path / "site")],
                            cwd=ROOT, capture_output=True, text=True, env=dict(env, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode != 0
    assert "test-parallel" in result.stderr and "test data" in result.stderr


@pytest.mark.parametrize("lang", LANGS)
def test_download_links_in_every_tree(reader_site, lang):
    checked = 0
    for page in sorted((reader_site / tree(lang) / "instruments").rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        links = re.findall(r'<a class="download-(?:json|md)" href="([^"]+)"', html)
        assert links, page
        for href in links:
            target = (page.parent / href).resolve()
            assert target.is_file(), (page, href)
            checked += 1
        assert LABELS[lang]["reader"]["downloads"] in html
    assert checked


# --------------------------------------------------------------------------- generated pages


@pytest.mark.parametrize("lang", LANGS)
def test_reader_pages_in_every_tree(reader_site, lang):
    labels = LABELS[lang]["reader"]
    for name, key in (("data", "data_title"), ("history", "history_title"), ("parallel", "parallel_title")):
        html = (reader_site / tree(lang) / name / "index.html").read_text(encoding="utf-8")
        assert f"<title>{labels[key]}" in html, (lang, name)
        assert f'<html lang="{lang}"' in html
        assert f'dir="{"rtl" if lang == "ar" else "ltr"}"' in html
    parallel = html_lib.unescape((reader_site / tree(lang) / "parallel/index.html").read_text(encoding="utf-8"))
    # the instruments of docs/ in two languages or more, or the notice that there are none
    if MULTILINGUAL:
        assert labels["parallel_none"] not in parallel
        assert all(f'<option value="{ident}"' in parallel for ident in MULTILINGUAL), MULTILINGUAL
    else:
        assert labels["parallel_none"] in parallel
    data = (reader_site / tree(lang) / "data/index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"]*data/[^"]+\.(?:json|csv|md|gz))"', data)
    assert {href.rsplit("/", 1)[-1] for href in hrefs} >= {"corpus.json.gz", "paragraphs.csv.gz"}
    for href in hrefs:
        assert ((reader_site / tree(lang) / "data") / href).resolve().is_file(), href


@pytest.mark.parametrize("lang", LANGS)
def test_history_timeline_links_resolve(reader_site, lang):
    page = reader_site / tree(lang) / "history/index.html"
    html = html_lib.unescape(page.read_text(encoding="utf-8"))
    series = yaml.safe_load((ROOT / "accord/series.yml").read_text(encoding="utf-8"))["series"]
    assert html.count('<ol class="timeline"') == len(series)
    assert html.count('class="timeline__step') == sum(len(s["steps"]) for s in series)
    for s in series:
        assert s["titles"][lang] in html
        for step in s["steps"]:
            assert step["labels"][lang] in html
    held = re.findall(r'<a class="timeline__(?:link|source)" href="([^"]+)"', html)
    assert len(held) >= 8
    for href in held:
        path, _, anchor = href.partition("#")
        target = (page.parent / path / "index.html").resolve()
        assert target.is_file(), href
        if anchor:
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), href


# --------------------------------------------------------------------------- browser: cite

CITES = [
    # (tree, page, paragraph id, expected citation)
    ("zh", "instruments/a-res-71-19/", "para_3__list_1__point_a", "A/RES/71/19，第3(a)段"),
    ("zh", "instruments/a-res-71-19/", "preamble__p_2", "A/RES/71/19，序言部分第2段"),
    ("ar", "instruments/a-res-71-19/", "para_3__list_1__point_a", "A/RES/71/19، الفقرة ٣ (أ)"),
    ("ar", "instruments/ga-73-draft-un-interpol-cooperation/", "para_10",
     "التعاون بين الأمم المتحدة والمنظمة الدولية للشرطة الجنائية (الإنتربول)، الفقرة ١٠"),
    ("en", "instruments/a-res-71-19/", "para_3__list_1__point_a", "A/RES/71/19, para. 3 (a)"),
    ("fr", "instruments/a-res-71-19/", "preamble__p_2", "A/RES/71/19, alinéa 2 du préambule"),
    ("zh", "instruments/interpol-itu-cooperation-agreement/art_2/", "art_2__para_1",
     "国际刑事警察组织与国际电信联盟之间的合作协议，第2条第1款"),
    ("ar", "instruments/interpol-itu-cooperation-agreement/art_2/", "art_2",
     "国际刑事警察组织与国际电信联盟之间的合作协议، المادة ٢"),
    ("ru", "instruments/itu-pp18-sg-note-interpol-agreement/", "appendix_1__sec_2__para_1",
     "Note by the Secretary-General on the cooperation agreement between ITU and INTERPOL, добавление 1, пункт 2.1"),
    ("es", "instruments/ctoc-cop-wg-3-2024-1/", "sec_1__subsec_b__p_4", "CTOC/COP/WG.3/2024/1, tema 1 (b), párr. 4"),
]


@pytest.mark.parametrize("lang,path,ident,expected", CITES)
def test_cite_button_copies_citation_and_permalink(tab, reader_url, lang, path, ident, expected):
    url = f"{reader_url}/{tree(lang)}{path}"
    tab.goto(url)
    block = tab.locator(f'[id="{ident}"]')
    button = block.locator(":scope > .cite-button")
    block.hover()
    assert button.is_visible()
    button.click()
    tab.wait_for_function("() => document.querySelector('.reader-status') && document.querySelector('.reader-status').textContent")
    copied = tab.evaluate("() => navigator.clipboard.readText()")
    template = LABELS[lang]["reader"]["cite_with_link"]
    assert copied == template.format(citation=expected, url=f"{url}#{ident}")
    assert LABELS[lang]["reader"]["cite_copied"] in tab.locator(".reader-status").text_content()
    assert not tab.errors


@pytest.mark.parametrize("lang", ["ar", "zh"])
def test_every_paragraph_has_a_cite_button(tab, reader_url, lang):
    tab.goto(f"{reader_url}/{tree(lang)}instruments/a-res-71-19/")
    counts = tab.evaluate("""() => {
      const blocks = [...document.querySelectorAll('.instrument-text [id], .text-version [id]')]
        .filter(b => b.id !== 'symbol' && !b.id.includes(':') && [...b.children].some(c => c.classList.contains('headerlink')));
      return [blocks.length, blocks.filter(b => b.querySelector(':scope > .cite-button')).length,
              document.querySelector('.cite-button').getAttribute('aria-label')];
    }""")
    assert counts[0] >= 27 and counts[0] == counts[1]
    assert counts[2].startswith(LABELS[lang]["reader"]["cite_button"])


PINPOINTS = {
    "preamble__p_2": {"kind": "preamble", "n": "2"},
    "para_3": {"kind": "para", "n": "3"},
    "para_3__list_1__point_a": {"kind": "para", "n": "3 (a)"},
    "art_2": {"kind": "article", "a": "2"},
    "art_2__para_1": {"kind": "article_para", "a": "2", "n": "1"},
    "art_1__p_2": {"kind": "article_para", "a": "1", "n": "2"},
    "appendix_1__sec_2": {"kind": "appendix_section", "a": "1", "s": "2"},
    "appendix_1__sec_2__para_2__list_1__point_1": {"kind": "appendix_para", "a": "1", "n": "2.2 (1)"},
    "agenda__item_2__point_a": {"kind": "item", "s": "2 (a)"},
    "formula": {"kind": None},
    "signature_1": {"kind": None},
}


@pytest.mark.parametrize("ident, expected", PINPOINTS.items())
def test_pinpoints_from_ids(ident, expected):
    got = pinpoints.pinpoint(ident, "en")
    assert {k: got.get(k) for k in expected} == expected, ident


def test_an_arabic_pinpoint_has_arabic_letters_and_digits():
    assert pinpoints.pinpoint("para_3__list_1__point_e", "ar")["n"] == "3 (هـ)"
    assert pinpoints.in_words("para_3__list_1__point_e", "ar", LABELS["ar"]["reader"]["cite"]) == "الفقرة ٣ (هـ)"


def test_the_page_gives_the_reader_tools_every_paragraphs_pinpoint(tab, reader_url):
    """reader-tools.js reads the pinpoints the build wrote (accord/pinpoints.py), those
    of the later versions' prefixed ids too: one rule, not two."""
    tab.goto(f"{reader_url}/instruments/a-res-71-19/")
    for ident in ("para_3__list_1__point_a", "preamble__p_2", "zh-para_3__list_1__point_a"):
        got = tab.evaluate("id => accordReader.pinpoint(id)", ident)
        plain = ident.split("-", 1)[-1] if ident.startswith("zh-") else ident
        assert got == {k: v for k, v in pinpoints.pinpoint(plain, "en").items()}, ident


# --------------------------------------------------------------------------- browser: parallel


@pytest.fixture(scope="module")
def parallel_url(parallel_site):
    with serve(parallel_site) as url:
        yield url


@pytest.mark.parametrize("lang", ["ar", "zh"])
def test_parallel_view_aligns_by_ids(tab, parallel_url, lang):
    tab.goto(f"{parallel_url}/{tree(lang)}parallel/?instrument=test-parallel&left=fr&right=ar")
    tab.wait_for_selector('[data-parallel-view][data-ready="fr|ar"]')
    rows = tab.evaluate("""() => [...document.querySelectorAll('.parallel-row[data-paragraph]')].map(r => [
        r.dataset.paragraph, ...[...r.children].map(c => [c.getAttribute('lang'), c.getAttribute('dir'), c.textContent.trim()])])""")
    assert [r[0] for r in rows] == ["preamble__p_1", "para_1", "para_2", "para_2__list_1__point_a", "para_3"]
    for ident, left, right in rows[:4]:
        assert left[:2] == ["fr", "ltr"] and "fictive" in left[2]
        assert right[:2] == ["ar", "rtl"] and "افتراضية" in right[2]
    assert rows[4][2][0] is None and LABELS[lang]["reader"]["parallel_missing"] in rows[4][2][2]
    # each column keeps its direction on screen: Arabic text starts at the right edge
    boxes = tab.evaluate("""() => { const r = document.querySelector('.parallel-row[data-paragraph="para_1"]');
        const [a, b] = r.children; const pa = a.querySelector('p'), pb = b.querySelector('p');
        return [getComputedStyle(pa).direction, getComputedStyle(pb).direction]; }""")
    assert boxes == ["ltr", "rtl"]
    # the number links to the paragraph in its own language tree
    href = tab.locator('.parallel-row[data-paragraph="para_1"] .parallel-cell[lang="ar"] a.parallel-link').get_attribute("href")
    assert href.endswith("ar/instruments/test-parallel/#para_1")
    # switching the languages redraws the view and updates the address
    tab.select_option('select[name="left"]', "ar")
    tab.select_option('select[name="right"]', "fr")
    tab.wait_for_selector('[data-parallel-view][data-ready="ar|fr"]')
    assert "left=ar&right=fr" in tab.url
    assert not tab.errors


def test_parallel_page_lists_only_instruments_in_two_languages(parallel_site):
    html = (parallel_site / "parallel/index.html").read_text(encoding="utf-8")
    assert re.findall(r'<option value="([^"]+)" data-languages', html) == sorted(MULTILINGUAL + ["test-parallel"])


# --------------------------------------------------------------------------- browser: print


@pytest.mark.parametrize("lang", ["ar", "zh"])
def test_print_stylesheet(tab, reader_url, lang, tmp_path):
    tab.goto(f"{reader_url}/{tree(lang)}instruments/a-res-71-19/")
    tab.emulate_media(media="print")
    shown = tab.evaluate("""() => Object.fromEntries(['.md-header', '.md-sidebar--primary', '.md-footer',
        '.headerlink', '.cite-button', '.instrument-header', '.footnote', '.num', '.md-search']
        .map(s => [s, document.querySelector(s) ? getComputedStyle(document.querySelector(s)).display !== 'none' : null]))""")
    assert shown[".instrument-header"] and shown[".footnote"] and shown[".num"]
    for hidden in (".md-header", ".md-footer", ".headerlink", ".cite-button"):
        assert shown[hidden] is False, hidden
    pdf = tab.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    (tmp_path / f"a-res-71-19.{lang}.pdf").write_bytes(pdf)
