"""Bad input never breaks the build or loses text.

A corpus of bad sources (tests/badinput/, one ``<name>.txt`` + ``<name>.yml`` per case)
with the behaviour expected of each, declared in ``CASES`` below:

* ``Error(file, line, message)``: ``python -m scripts.normalize`` exits 1, prints one
  line ``error: <file>:<line>: <message>`` (``<file>: <message>`` when no line applies),
  no traceback, and leaves docs/ untouched even though another, valid source wanted a page.
* ``Clean(...)``: exit 0, and every word of the source reaches the Markdown
  (scripts.fidelity); where ``same_as`` names another case, the pages are the same.

Then: a very large source (generated, a few MB) is normalized in reasonable time, and
property-based tests (Hypothesis) show that the normalizer raises nothing but
SourceError on any text or bytes, and, when it succeeds, drops no word.
"""
import html
import re
import shutil
import string
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts import fidelity, normalize
from scripts.errors import SourceError
from scripts.render import split_front_matter
from scripts.source_io import read_source
from conftest import tree_digest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "badinput"
# Stray bidi controls: embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069).
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")

# --- The expected behaviour of each case -------------------------------------------------


@dataclass
class Error:
    """Refused: exit 1, one line naming ``file`` (txt or yml) and ``line``, docs/ untouched."""
    file: str              # "txt" or "yml": which file of the case the message must name
    line: int | None       # None: the message names no line (the whole file is at fault)
    message: str | None    # a fragment the message must contain (None: any)


@dataclass
class Clean:
    """Accepted: exit 0, every source word in the Markdown, and the checks below."""
    same_as: str | None = None                      # pages identical to this case's
    present: list = field(default_factory=list)     # strings every page body must hold
    absent: list = field(default_factory=list)      # strings (or patterns) no page body may hold


HTML_ABSENT = ["<script", "<b>", "<img", "<iframe", "<style", "<a href"]
CASES = {
    # Encodings and line ends that are harmless: normalized away, the text unchanged.
    "plain": Clean(present=["*回顾*其第51/1号决议，", "*呼吁*各国加强合作 cooperation；"]),
    "bom": Clean(same_as="plain", absent=["\ufeff"]),
    "crlf": Clean(same_as="plain", absent=["\r"]),
    "cr": Clean(same_as="plain", absent=["\r"]),
    "meta_bom": Clean(same_as="plain"),
    "meta_crlf": Clean(same_as="plain"),
    # Markup and script in a source are text: escaped, shown as characters.
    "html": Clean(present=["&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;x&lt;/b&gt;", "&amp;amp;",
                           "&lt;img src=x onerror=alert(1)&gt;", "&lt;iframe src=",
                           "# 99/2. 标题 &lt;script&gt;alert('title')&lt;/script&gt;"],
                  absent=HTML_ABSENT),
    # Stray bidi controls: removed, the words kept.
    "bidi": Clean(present=["其第51/1号决议 abc，def ghi jkl mno pqr stu"], absent=[BIDI_CONTROLS]),
    # Characters no text should hold: refused, naming the line.
    "nul": Error("txt", 7, "control character U+0000 in the text"),
    "escape": Error("txt", 7, "control character U+001B in the text"),
    # Nothing to publish.
    "empty": Error("txt", None, "the file is empty"),
    "whitespace": Error("txt", None, "the file is empty"),
    # Not UTF-8: refused, naming the line of the first bad byte.
    "invalid_utf8": Error("txt", 7, "invalid UTF-8"),
    "latin1": Error("txt", 7, "invalid UTF-8"),
    "utf16": Error("txt", 1, "invalid UTF-8"),
    "truncated": Error("txt", 9, "invalid UTF-8"),
    # Bad metadata files.
    "meta_nul": Error("yml", 4, None),
    "meta_invalid_utf8": Error("yml", 5, "invalid UTF-8"),
    "meta_empty": Error("yml", None, "the metadata must be a mapping"),
}


def params():
    return [pytest.param(name, id=name) for name in sorted(CASES)]


# --- Helpers ------------------------------------------------------------------------------

COMPANION_META = (CORPUS / "plain.yml").read_text(encoding="utf-8").replace(
    "source: plain.txt", "source: 000-companion.txt").replace("badinput-plain", "badinput-companion")


def workspace(tmp_path, name):
    """sources/ with the case and a valid companion source (so that the normalizer wants
    to write a page: 'nothing half-written' is then tested for real), and docs/ holding
    one page already."""
    sources, docs = tmp_path / "sources", tmp_path / "docs"
    sources.mkdir(parents=True)
    shutil.copy(CORPUS / f"{name}.txt", sources)
    shutil.copy(CORPUS / f"{name}.yml", sources)
    shutil.copy(CORPUS / "plain.txt", sources / "000-companion.txt")
    (sources / "000-companion.yml").write_text(COMPANION_META, encoding="utf-8")
    (docs / "instruments").mkdir(parents=True)
    (docs / "instruments" / "existing.zh.md").write_text("---\ntitle: x\n---\n\nA page.\n", encoding="utf-8")
    return sources, docs


def run(sources, docs, capsys):
    code = normalize.main(["--sources", str(sources), "--docs", str(docs), "--no-cache"])
    out, err = capsys.readouterr()
    return code, out, err


def pages_of(docs, ident):
    """{file name: text} of the pages the normalizer wrote for one instrument."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((docs / "instruments").glob(f"{ident}*.md"))}


def comparable(text, ident):
    """A page without what names its own source (instrument id, file name, checksum)."""
    meta, body = split_front_matter(text)
    for key in ("instrument", "source", "normalizer_checksum"):
        meta.pop(key, None)
    return meta, body


# --- The corpus ---------------------------------------------------------------------------


def test_every_corpus_file_has_an_expected_behaviour():
    names = {p.stem for p in CORPUS.iterdir() if p.suffix in (".txt", ".yml")}
    assert names == set(CASES), f"no entry in CASES for {sorted(names - set(CASES))}; no files for {sorted(set(CASES) - names)}"
    for name in CASES:
        assert (CORPUS / f"{name}.txt").exists() and (CORPUS / f"{name}.yml").exists(), name


@pytest.mark.parametrize("name", params())
def test_bad_input_behaves_as_declared(name, tmp_path, capsys):
    expected = CASES[name]
    sources, docs = workspace(tmp_path, name)
    before = tree_digest(docs)
    code, out, err = run(sources, docs, capsys)
    assert "Traceback" not in err
    if isinstance(expected, Error):
        assert code == 1, f"accepted: {out}"
        assert err.endswith("\n") and err.count("\n") == 1, f"not one line: {err!r}"
        where = f"error: {sources / f'{name}.{expected.file}'}"
        where += f":{expected.line}: " if expected.line else ": "
        assert err.startswith(where), f"expected {where!r}..., got {err!r}"
        if expected.line is None:
            assert not re.match(r"\d+:", err[len(where):]), err
        if expected.message:
            assert expected.message in err, err
        assert tree_digest(docs) == before, "docs/ changed although the run was refused"
        return
    assert code == 0, err
    ident = f"badinput-{name.replace('_', '-')}"
    pages = pages_of(docs, ident)
    assert pages, f"no page written for {ident}: {out}"
    problems = fidelity.check(sources, docs)
    assert problems == []
    bodies = "\n".join(split_front_matter(text)[1] for text in pages.values())
    for text in expected.present:
        assert text in bodies, f"{text!r} not in the Markdown:\n{bodies}"
    for pattern in expected.absent:
        for page, text in pages.items():
            body = split_front_matter(text)[1]
            found = pattern.search(body) if isinstance(pattern, re.Pattern) else pattern in body
            assert not found, f"{pattern!r} in {page}"
    if expected.same_as:
        reference_sources, reference_docs = workspace(tmp_path / "reference", expected.same_as)
        assert run(reference_sources, reference_docs, capsys)[0] == 0
        reference = pages_of(reference_docs, f"badinput-{expected.same_as.replace('_', '-')}")
        assert [comparable(t, ident) for t in pages.values()] == [comparable(t, ident) for t in reference.values()]


def test_refused_input_leaves_no_temporary_file(tmp_path, capsys):
    sources, docs = workspace(tmp_path, "nul")
    assert run(sources, docs, capsys)[0] == 1
    assert sorted(p.name for p in docs.rglob("*")) == ["existing.zh.md", "instruments"]


# --- Very large input ---------------------------------------------------------------------

LARGE_META = """source: large.txt
language: zh
paragraphs: {mode}
instruments:
  - {{id: large-input, layout: resolution, starts_at: null, symbol: null, body: un-ga,
     type: resolution, date: null, session: null, agenda_item: null, distribution: null,
     original_language: null, title: {{}}}}
"""
HEAD = "## 大会决议\n\n### 1/1. 一份很大的文件 A very large file\n\n大会，\n\n"


def large_sources(tmp_path, text, mode="blank-lines"):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "large.txt").write_text(text, encoding="utf-8")
    (sources / "large.yml").write_text(LARGE_META.format(mode=mode), encoding="utf-8")
    return sources


def markdown_words(docs):
    words = set()
    for path in (docs / "instruments").glob("large-input*.md"):
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        words.update(fidelity.WORD.findall(html.unescape(body)))
    return words


def many_paragraphs():
    """About 4 MB: 25,000 preamble paragraphs and 25,000 operative ones, every word unique."""
    preamble = "".join(f"**回顾**其第{n}号决议， recalling resolution r{n} عدد{n}，\n\n" for n in range(25000))
    operative = "".join(f"{n}. **呼吁**各国 calls upon p{n} to cooperate c{n}；\n\n" for n in range(1, 25001))
    return HEAD + preamble + operative


def one_long_line():
    """About 3 MB on one line: a preamble paragraph of 400,000 words."""
    return HEAD + "**回顾** " + " ".join(f"w{n}" for n in range(400000)) + "，\n\n1. **呼吁**各国合作；\n"


@pytest.mark.parametrize("make, mode", [
    (many_paragraphs, "blank-lines"),
    (many_paragraphs, "lines"),
    (one_long_line, "blank-lines"),
], ids=["many-paragraphs", "many-paragraphs-lines-mode", "one-long-line"])
def test_very_large_file_is_normalized_in_reasonable_time(make, mode, tmp_path, capsys):
    text = make()
    assert len(text.encode("utf-8")) > 2_500_000
    sources = large_sources(tmp_path, text, mode)
    docs = tmp_path / "docs"
    start = time.monotonic()
    code, out, err = run(sources, docs, capsys)
    elapsed = time.monotonic() - start
    assert code == 0, err
    assert elapsed < 30, f"{elapsed:.1f} s"
    # Every word reaches the Markdown (a set lookup: fidelity's substring search is
    # quadratic on a file this size).
    source = {w for _, words in fidelity.source_words(read_source(sources / "large.txt")) for w in words}
    missing = source - markdown_words(docs)
    assert not missing, sorted(missing)[:20]


# --- Losses and false alarms found by the property test, kept as regressions ---------------


def test_fidelity_checker_accepts_an_entity_written_in_a_source(tmp_path, capsys):
    """A source holding the characters "&amp;" gets "&amp;amp;" in the Markdown (right:
    the page shows "&amp;"), but fidelity.added_words html-unescapes the *source* text
    and then reports "amp" as a word added to the page."""
    sources, docs = workspace(tmp_path, "html")
    assert run(sources, docs, capsys)[0] == 0
    assert fidelity.check(sources, docs) == []


SHORT_LINE_CASES = {
    # A short preamble line without clause punctuation, then the operative part.
    "before-operative": "## 大会决议\n\n### 1/1. 标题\n\n大会，\n\n回顾其决议，\n\n一二三\n\n1. 呼吁各国合作；\n",
    # Two short lines in a row: the second replaces the first.
    "two-in-a-row": "## 大会决议\n\n### 1/1. 标题\n\n大会，\n\n经审议\n\n注意到\n\n回顾其决议，\n\n1. 呼吁各国合作；\n",
    # A short line at the end of a resolution without operative paragraphs.
    "at-the-end": "## 大会决议\n\n### 1/1. 标题\n\n大会，\n\n回顾其决议，\n\n谨此\n",
}


@pytest.mark.parametrize("name", sorted(SHORT_LINE_CASES))
def test_short_preamble_line_is_never_dropped(name):
    """Found by the property test below: layouts._resolution_body holds a short line
    without clause punctuation as a 'pending verb' to prefix the next preamble
    paragraph ("经审议" + "...") and drops it when no preamble paragraph follows."""
    lines, outputs = normalize_one(SHORT_LINE_CASES[name].encode("utf-8"))
    missing = fidelity.missing_words(fidelity.source_words(lines), built_words(outputs))
    assert not missing


# --- Property-based: any text, any bytes ---------------------------------------------------

CJK = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=4)
ARABIC = st.text(st.characters(min_codepoint=0x0621, max_codepoint=0x064A), min_size=1, max_size=6)
LATIN = st.text(st.sampled_from(string.ascii_letters + "éèàçüößøñÉ"), min_size=1, max_size=8)
DIGITS = st.text(st.sampled_from("0123456789٠١٢٣٤٥"), min_size=1, max_size=4)
PUNCTUATION = st.sampled_from(
    list("，。；：、,.;:!?()（）《》“”-/'\"") + list("*_[]#<>&|\\`{}~=+^") +
    ["**", "&amp;", "&lt;", "&#65;", "<b>", "</b>", "<script>", "</script>", "<img src=x onerror=alert(1)>",
     "](#)", "[^1]", "www.", "http://", "{: #x }", "---", "1. ", "- ", "(a) ", "\t"])
TOKEN = st.one_of(CJK, ARABIC, LATIN, DIGITS, PUNCTUATION)
SEPARATOR = st.sampled_from(["", " ", " ", "  "])
LINE = st.lists(st.tuples(TOKEN, SEPARATOR), min_size=1, max_size=12).map(
    lambda parts: "".join(token + sep for token, sep in parts).strip()).filter(bool)
# Preamble lines end as preamble paragraphs do, with clause punctuation: a short line
# without it is the known loss tested above (remove this once it is fixed).
CLAUSE = st.tuples(LINE, st.sampled_from("，,;；:：。.")).map("".join)
# A paragraph: one line, or (read in blank-lines mode as one paragraph) a few.
PARAGRAPH = st.lists(LINE, min_size=1, max_size=3).map("\n".join)
PREAMBLE_PARAGRAPH = st.lists(CLAUSE, min_size=1, max_size=3).map("\n".join)

PROPERTY_META = """source: generated.txt
language: {language}
paragraphs: {mode}
instruments:
  - {{id: generated, layout: resolution, starts_at: null, symbol: null, body: un-ga,
     type: resolution, date: null, session: null, agenda_item: null, distribution: null,
     original_language: null, title: {{}}}}
"""
PROPERTY_SETTINGS = settings(max_examples=60, deadline=None, database=None,
                             suppress_health_check=[HealthCheck.too_slow])


@st.composite
def resolution_sources(draw):
    """A minimal resolution-layout source: masthead heading, title heading, formula,
    preamble paragraphs, numbered operative paragraphs."""
    masthead = draw(LINE)
    title = draw(LINE)
    preamble = draw(st.lists(PREAMBLE_PARAGRAPH, min_size=1, max_size=4))
    operative = draw(st.lists(PARAGRAPH, min_size=1, max_size=4))
    parts = [f"## {masthead}", f"### {title}", "大会，", *preamble]
    parts += [f"{n}. {text}" for n, text in enumerate(operative, 1)]
    return "\n\n".join(parts) + "\n"


def built_words(outputs):
    """The Markdown of build_source's pages as fidelity sees it (bodies and notes, squashed)."""
    parts = []
    for text in outputs.values():
        parts.extend(fidelity.page_texts(*split_front_matter(text)))
    return fidelity.squash("".join(parts))


def normalize_one(data, language="zh", mode="blank-lines"):
    """Write one source (bytes) and its metadata to a temp dir, and run build_source.
    Returns (the source lines, outputs), or raises SourceError."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "generated.txt").write_bytes(data)
        (Path(folder) / "generated.yml").write_text(PROPERTY_META.format(language=language, mode=mode), encoding="utf-8")
        outputs = normalize.build_source(Path(folder) / "generated.yml")
        return read_source(Path(folder) / "generated.txt"), outputs


def assert_no_word_dropped(lines, outputs):
    missing = fidelity.missing_words(fidelity.source_words(lines), built_words(outputs))
    assert not missing, f"words dropped: {missing}"


@PROPERTY_SETTINGS
@given(source=resolution_sources(), language=st.sampled_from(["zh", "ar", "en"]),
       mode=st.sampled_from(["blank-lines", "lines"]))
def test_normalizer_never_crashes_and_never_drops_a_word(source, language, mode):
    try:
        lines, outputs = normalize_one(source.encode("utf-8"), language, mode)
    except SourceError as error:
        assert "\n" not in str(error), f"an error message of more than one line: {error}"
        return
    assert outputs
    assert_no_word_dropped(lines, outputs)


@PROPERTY_SETTINGS
@given(junk=st.binary(max_size=40), where=st.integers(min_value=0, max_value=10**6))
def test_any_bytes_give_a_page_or_a_clean_error(junk, where):
    """Arbitrary bytes spliced into a valid source: a SourceError or a page with every word."""
    base = (CORPUS / "plain.txt").read_bytes()
    at = where % (len(base) + 1)
    data = base[:at] + junk + base[at:]
    try:
        lines, outputs = normalize_one(data)
    except SourceError as error:
        assert "\n" not in str(error), f"an error message of more than one line: {error}"
        return
    assert_no_word_dropped(lines, outputs)
    for text in outputs.values():
        assert not text.startswith("\ufeff") and "\r" not in text and "\0" not in text
