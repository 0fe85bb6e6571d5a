"""Nothing from a contributor's file is trusted: hostile inputs through every path.

Every input of tests/hostile/payloads.yml (synthetic test data, never published) is sent
through each path a contributor's file takes to a reader:

* a source text (each input a paragraph), a metadata title and a declared correction
  (``corrected:`` and ``reason:``): normalized and built, the input must show on the
  page as the characters it is (text is text), and fidelity stays 100%;
* a metadata symbol: refused with a clean error naming the file and line;
* a hand-edited docs page: refused by the page policy (accord/page_policy.py) with the
  file and the line, or let through only as what the policy allows.

Then, in Chromium, on every page of the built site: no script of the inputs runs (each
would set ``top.__pwned``) on load, hover or click, the Content-Security-Policy reports
no violation, and no request leaves 127.0.0.1.
"""
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import markdown
import pytest
import yaml
from lxml import html as lxml_html

from accord.page_policy import UnsafeMarkup
from conftest import tree_digest
from scripts import fidelity, normalize
from scripts.errors import SourceError
from scripts.source_io import BIDI_CONTROL, load_corrections, load_metadata

ROOT = Path(__file__).resolve().parent.parent
PAYLOADS = yaml.safe_load((Path(__file__).parent / "hostile" / "payloads.yml").read_text(encoding="utf-8"))["payloads"]
ONE_LINE = [p for p in PAYLOADS if p.get("lines") != "many"]
TEXT_ID = "test-hostile-text"
# A paragraph found by one word, whose text writes a character reference as text and a
# tag as text: the search excerpt must show both as they are.
EXCERPT_WORD = "Zébrelune"
EXCERPT_LINE = f"{EXCERPT_WORD} : &lt;b&gt; et <b> dans l'extrait."
TITLES_PER_INSTRUMENT = 6
MARKER = "DONNÉES DE TEST : document hostile synthétique pour les tests d'Accord ; jamais publié."


# --------------------------------------------------------------------------- the sources


def verdict_of(load, write):
    """("accepted", None) or ("refused", message) for a metadata or corrections file
    that ``write(folder)`` makes and ``load(path)`` reads."""
    with tempfile.TemporaryDirectory() as scratch:
        path = write(Path(scratch))
        try:
            load(path)
        except SourceError as error:
            return "refused", str(error)
    return "accepted", None


def _title_file(payload):
    def write(folder):
        (folder / "t.txt").write_text(MARKER, encoding="utf-8")
        write_meta(folder / "t.yml", "t.txt", "test-hostile-t", {"fr": payload["text"]})
        return folder / "t.yml"
    return write


def _correction_file(payload):
    def write(folder):
        entry = {"lines": [1], "received": "x", "corrected": payload["text"], "reason": payload["text"]}
        (folder / "t.corrections.yml").write_text(yaml.safe_dump({"corrections": [entry]}, allow_unicode=True),
                                                  encoding="utf-8")
        return folder / "t.corrections.yml"
    return write




def hostile_sources(folder):
    """The hostile text (each one-line input a paragraph, and a line for each
    correction), its corrections, and small instruments whose titles hold the inputs
    (those a metadata or corrections file accepts: the others are refused, below)."""
    lines = [MARKER, "", "## Assemblée de test", "", "### Résolution de test hostile", "", "L'Assemblée générale,", ""]
    for payload in ONE_LINE:
        lines += [payload["text"], ""]
    lines += [EXCERPT_LINE, ""]
    corrections = []
    for number, payload in enumerate(IN_CORRECTIONS, 1):
        lines += [f"Ligne de correction {number} : motcorrigé{number} fin.", ""]
        corrections.append({"lines": [len(lines) - 1], "received": f"motcorrigé{number}",
                            "corrected": payload["text"], "reason": payload["text"]})
    (folder / "hostile_text.txt").write_text("\n".join(lines), encoding="utf-8")
    write_meta(folder / "hostile_text.yml", "hostile_text.txt", TEXT_ID, {})
    (folder / "hostile_text.corrections.yml").write_text(
        "# TEST DATA: synthetic hostile corrections, never published.\n"
        + yaml.safe_dump({"corrections": corrections}, allow_unicode=True), encoding="utf-8")
    for group in range(0, len(IN_TITLES), TITLES_PER_INSTRUMENT):
        chunk = IN_TITLES[group:group + TITLES_PER_INSTRUMENT]
        stem = f"hostile_title_{group // TITLES_PER_INSTRUMENT}"
        (folder / f"{stem}.txt").write_text(f"{MARKER}\n\n### Titre de test\n\nL'Assemblée générale,\n\n1. Décide.\n",
                                            encoding="utf-8")
        title = " ".join(p["text"] for p in chunk)
        write_meta(folder / f"{stem}.yml", f"{stem}.txt", f"test-hostile-title-{group // TITLES_PER_INSTRUMENT}",
                   {"fr": title, "en": title})


def write_meta(path, source, ident, title, symbol=None):
    meta = {"source": source, "language": "fr", "paragraphs": "blank-lines", "instruments": [{
        "id": ident, "layout": "resolution", "starts_at": None, "symbol": symbol, "body": "un-ga",
        "type": "resolution", "date": None, "session": None, "agenda_item": None, "distribution": None,
        "original_language": "fr", "title": title}]}
    path.write_text("# TEST DATA: synthetic hostile metadata, never published.\n"
                    + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")


TITLE_VERDICTS = {p["id"]: verdict_of(load_metadata, _title_file(p)) for p in ONE_LINE}
CORRECTION_VERDICTS = {p["id"]: verdict_of(load_corrections, _correction_file(p)) for p in ONE_LINE}
IN_TITLES = [p for p in ONE_LINE if TITLE_VERDICTS[p["id"]][0] == "accepted"]
IN_CORRECTIONS = [p for p in ONE_LINE if CORRECTION_VERDICTS[p["id"]][0] == "accepted"]


def project_markdown():
    """A Markdown converter with the extensions and settings of mkdocs.yml."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        configs[name] = settings or {}
    return markdown.Markdown(extensions=names, extension_configs=configs)


def docs_verdicts():
    """{payload id: ("refused", message) or ("allowed", html)} for a docs page holding
    the input after a first paragraph."""
    verdicts = {}
    for payload in PAYLOADS:
        converter = project_markdown()
        try:
            verdicts[payload["id"]] = ("allowed", converter.convert(f"Intro.\n\n{payload['text']}\n"))
        except UnsafeMarkup as error:
            verdicts[payload["id"]] = ("refused", str(error))
    return verdicts


VERDICTS = docs_verdicts()
ALLOWED_IN_DOCS = [p for p in PAYLOADS if VERDICTS[p["id"]][0] == "allowed"]


# --------------------------------------------------------------------------- the site


def mkdocs_build(project, site):
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                           "-d", str(site)], cwd=project, capture_output=True, text=True,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))


def copy_project(folder):
    folder.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", folder)
    for name in ("hooks", "accord", "overrides", "docs"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


HAND_EDITED = "instruments/a-res-71-19.zh.md"


def hand_edited_page(text):
    """The page with every input that the policy lets through appended, each kept only
    if the page still passes with it (Markdown reads raw HTML by its context: an input
    harmless alone may become markup beside another, and is then refused)."""
    for payload in ALLOWED_IN_DOCS:
        candidate = f"{text}\n{payload['text']}\n"
        try:
            project_markdown().convert(candidate.split("\n---\n", 1)[-1])
        except UnsafeMarkup:
            continue
        text = candidate
    return text


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The project with the hostile sources normalized into docs/, a docs page edited by
    hand with every input the page policy lets through, built and served on 127.0.0.1."""
    tmp = tmp_path_factory.mktemp("hostile")
    sources, generated = tmp / "sources", tmp / "generated"
    sources.mkdir()
    hostile_sources(sources)
    assert normalize.main(["--sources", str(sources), "--docs", str(generated), "--no-cache"]) == 0
    project = copy_project(tmp / "project")
    shutil.copytree(generated / "instruments", project / "docs" / "instruments", dirs_exist_ok=True)
    page = project / "docs" / HAND_EDITED
    page.write_text(hand_edited_page(page.read_text(encoding="utf-8")), encoding="utf-8")
    site = tmp / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    search = subprocess.run([sys.executable, "-m", "scripts.build_search", str(site)], cwd=ROOT,
                            capture_output=True, text=True)
    assert search.returncode == 0, search.stderr

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"sources": sources, "docs": generated, "site": site, "url": f"http://127.0.0.1:{server.server_port}/"}
    server.shutdown()


def shown(text):
    """What a reader sees of a text: white space folded, bidi controls gone (the
    normalizer drops them on reading)."""
    return " ".join(BIDI_CONTROL.sub("", text).split())


def content_text(path):
    root = lxml_html.parse(str(path)).getroot()
    return shown(" ".join(c.text_content() for c in root.xpath('//div[contains(@class, "md-content")]')))


# --------------------------------------------------------------------------- text is text


def test_the_corpus_has_the_families_the_issue_names():
    """At least 60 inputs, among them event handlers, script URLs of every scheme,
    SVG and MathML, srcdoc, attribute breaking, mixed case and encoded variants."""
    texts = " ".join(p["text"] for p in PAYLOADS)
    assert len(PAYLOADS) >= 60
    for family in ("onerror", "javascript:", "data:", "vbscript:", "<svg", "<math", "srcdoc", '">', "JaVaScRiPt",
                   "&#106;", "&#x09;", "%3A", "{: on"):
        assert family in texts, family


@pytest.mark.parametrize("payload", ONE_LINE, ids=[p["id"] for p in ONE_LINE])
def test_in_a_source_text_an_input_shows_as_its_characters(hostile_site, payload):
    page = content_text(hostile_site["site"] / "fr" / "instruments" / TEXT_ID / "index.html")
    expected = shown(re.sub(r"^#+\s+", "", payload["text"]))       # a heading shows without its "#"
    assert expected in page


def test_a_title_or_a_correction_holding_the_inputs_shows_them_as_characters(hostile_site):
    site = hostile_site["site"]
    catalogue = content_text(site / "fr" / "index.html")
    text_page = content_text(site / "fr" / "instruments" / TEXT_ID / "index.html")
    root = lxml_html.parse(str(site / "fr" / "instruments" / TEXT_ID / "index.html")).getroot()
    reasons = {shown(ins.get("title")) for ins in root.xpath('//ins[contains(@class, "correction")]')}
    for payload in IN_TITLES:
        assert shown(payload["text"]) in catalogue, payload["id"]
    for payload in IN_CORRECTIONS:
        assert shown(payload["text"]) in reasons, payload["id"]
    assert all(shown(p["text"]) in text_page for p in IN_CORRECTIONS)


@pytest.mark.parametrize("verdicts", [TITLE_VERDICTS, CORRECTION_VERDICTS], ids=["title", "correction"])
def test_a_title_or_correction_the_schema_refuses_gets_a_clean_error_with_its_line(verdicts):
    """Titles and corrections are text, so most inputs are accepted (and shown as
    characters, above); those refused (invisible controls) are refused with the line."""
    refused = {ident: message for ident, (verdict, message) in verdicts.items() if verdict == "refused"}
    assert {"bidi-override", "zero-width"} <= set(refused)
    for message in refused.values():
        assert re.search(r"t(\.corrections)?\.yml:\d+: ", message), message


def test_fidelity_holds_for_the_hostile_sources(hostile_site):
    assert fidelity.check(hostile_site["sources"], hostile_site["docs"], hostile_site["site"]) == []


@pytest.mark.parametrize("payload", ONE_LINE, ids=[p["id"] for p in ONE_LINE])
def test_an_input_as_a_symbol_is_refused_naming_the_file_and_line(tmp_path, payload, capfd):
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "sources", sources)
    (sources / "hostile_symbol.txt").write_text(f"{MARKER}\n\n### Titre\n\nL'Assemblée générale,\n", encoding="utf-8")
    write_meta(sources / "hostile_symbol.yml", "hostile_symbol.txt", "test-hostile-symbol", {}, symbol=payload["text"])
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    before = tree_digest(docs)
    assert normalize.main(["--sources", str(sources), "--docs", str(docs), "--no-cache"]) == 1
    err = capfd.readouterr().err
    assert re.search(r"hostile_symbol\.yml:\d+: .*symbol", err), err
    assert "Traceback" not in err
    assert tree_digest(docs) == before


# --------------------------------------------------------------------------- a docs page


@pytest.mark.parametrize("payload", PAYLOADS, ids=[p["id"] for p in PAYLOADS])
def test_in_a_docs_page_an_input_is_refused_at_its_line_or_harmless(payload):
    verdict, detail = VERDICTS[payload["id"]]
    if verdict == "refused":
        first_line = payload["text"].split("\n")
        assert re.match(r"line (\d+): ", detail), detail
        lines = {int(n) for n in re.findall(r"line (\d+): ", detail)}
        assert lines <= set(range(3, 3 + len(first_line))), detail     # the input starts on line 3
    else:
        root = lxml_html.fragment_fromstring(detail, create_parent="div")
        assert not root.xpath("//script|//iframe|//object|//embed|//style|//svg//a|//math|//form|//base|//meta")
        assert not [a for a in root.iter() if isinstance(a.tag, str) and any(k.startswith("on") for k in a.attrib)]
        for element in root.iter("a", "img"):
            url = re.sub(r"[\x00-\x20]", "", element.get("href") or element.get("src") or "").lower()
            assert not url.startswith(("javascript:", "vbscript:", "data:")), detail
        for image in root.iter("img"):
            assert not re.match(r"^([a-z]+:|//)", image.get("src", "")), detail


def test_most_markup_inputs_are_refused_in_a_docs_page():
    """The policy refuses rather than quietly filters: every input with an element or
    an attribute of script is an error for its author to see."""
    refused = {p["id"] for p in PAYLOADS if VERDICTS[p["id"]][0] == "refused"}
    for ident in ("script", "img-onerror", "svg-onload", "iframe-srcdoc", "a-js-tab", "a-js-hex-entity",
                  "md-link-js", "md-image-external", "md-attr-list", "md-link-onclick", "style-attr", "math-href"):
        assert ident in refused, ident


def test_a_hand_edited_page_with_markup_fails_the_build_naming_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / HAND_EDITED
    text = page.read_text(encoding="utf-8")
    page.write_text(text + '\n<img src=x onerror="top.__pwned=1">\n', encoding="utf-8")
    line = len(text.split("\n")) + 1
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert f"docs/{HAND_EDITED}:{line}: the element <img> " not in result.stderr      # img itself is allowed
    assert f"docs/{HAND_EDITED}:{line}: the attribute onerror= on <img> is not allowed" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


# --------------------------------------------------------------------------- in Chromium

# Hover, focus and click every element of the content (links are not followed: a link's
# address is checked instead, and no link may use a script scheme).
PROVOKE = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('.md-content *')) {
    for (const type of ['mouseover', 'mouseenter', 'pointerover', 'pointerenter', 'focus', 'mousedown', 'mouseup'])
      el.dispatchEvent(new Event(type, {bubbles: true}));
    if (el.closest('a') || el.tagName === 'A') {
      const a = el.closest('a');
      if (/^(javascript|vbscript|data):/i.test(a.href)) bad.push(a.outerHTML);
    } else if (typeof el.click === 'function') {
      el.click();
    }
  }
  return bad;
}"""
WATCH = """window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"""


def site_pages(site):
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_no_input_runs_on_any_page_on_load_hover_or_click(hostile_site, browser):
    site, base = hostile_site["site"], hostile_site["url"]
    context = browser.new_context()
    context.add_init_script(WATCH)
    outside = []

    def route(route):
        if route.request.url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    problems = []
    for rel in site_pages(site):
        page.goto(base + rel)
        page.wait_for_load_state("load")
        bad_links = page.evaluate(PROVOKE)
        if page.url.split("#")[0] != base + rel and not (base + rel).endswith(page.url.split("#")[0][len(base):]):
            page.goto(base + rel)       # a click that navigated: the address was checked above
        state = page.evaluate("() => ({pwned: typeof top.__pwned, violations: window.__violations})")
        if bad_links or state["pwned"] != "undefined" or state["violations"]:
            problems.append((rel, bad_links, state))
    context.close()
    assert problems == []
    assert dialogs == []
    assert outside == []


def test_a_source_forging_the_pipelines_own_marks_is_refused(tmp_path):
    """The private-use characters the pipeline marks corrections and emphasis with
    cannot come from a text: a forged correction would show words the text lacks."""
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "forged.txt").write_text(f"{MARKER}\n\nL'Assemblée générale,\n\n1. \ue000a\ue002b\ue002c\ue001\n",
                                        encoding="utf-8")
    write_meta(sources / "forged.yml", "forged.txt", "test-hostile-forged", {})
    with pytest.raises(SourceError, match=r"forged\.txt:5: private-use character U\+E000"):
        normalize.build_all(sources)


def test_a_search_excerpt_shows_the_text_as_it_is(hostile_site, browser):
    """Pagefind writes "<" as "&lt;" in its raw text: a text that says "&lt;" itself must
    not come back as "<" in the excerpt (nor a tag of the text as markup)."""
    page = browser.new_page()
    page.goto(hostile_site["url"] + "fr/")
    page.keyboard.press("/")
    page.keyboard.type(EXCERPT_WORD)
    page.wait_for_function(
        "(q) => document.querySelector('[data-accord-search]').getAttribute('data-pf-query') === q",
        arg=EXCERPT_WORD, timeout=15_000)
    excerpts = page.evaluate("() => [...document.querySelectorAll('.md-search-result__item article')]"
                             ".map(a => a.textContent)")
    bold = page.evaluate("() => document.querySelectorAll('.md-search-result__item article b').length")
    page.close()
    assert any("&lt;b&gt; et <b> dans" in text for text in excerpts), excerpts
    assert bold == 0


def test_a_title_holding_the_inputs_stays_text_inside_the_structured_data(hostile_site):
    """The page's JSON-LD (written with Jinja's tojson) holds each hostile title as its
    exact characters: no input closes the script element or adds one."""
    import json

    titled = sorted((hostile_site["site"] / "fr" / "instruments").glob("test-hostile-title-*/index.html"))
    assert len(titled) == -(-len(IN_TITLES) // TITLES_PER_INSTRUMENT)
    for path in titled:
        group = int(path.parent.name.rsplit("-", 1)[1])
        chunk = IN_TITLES[group * TITLES_PER_INSTRUMENT:(group + 1) * TITLES_PER_INSTRUMENT]
        scripts = lxml_html.parse(str(path)).getroot().xpath('//script[@type="application/ld+json"]')
        assert len(scripts) == 1, path
        assert json.loads(scripts[0].text)["name"] == " ".join(p["text"] for p in chunk), path
