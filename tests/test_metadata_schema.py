"""Nothing from a contributor's file is trusted (issue 11): metadata and corrections files
are read with the strict YAML loader and checked against their JSON Schemas, and ids and
symbols are checked across the library.

Each case adds one synthetic source (TEST DATA: the text of
tests/fixtures/new_documents/test_en.txt, never published) with a bad metadata or
corrections file to a temporary copy of sources/ and docs/, and runs the normalizer on
it: exit 1, every problem named ``file:line: ...`` with what to write, no traceback, and
nothing written. What is expected (lines, ids, symbols, languages) is read from the
files, not from today's corpus.
"""
import os
import re
import shutil
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import PluginError

from accord import strict_yaml
from scripts import normalize, source_io
from scripts.errors import SourceError
from scripts.render import split_front_matter

ROOT = Path(__file__).resolve().parent.parent
from accord import docs_scan  # noqa: E402
from conftest import tree_digest
TEXT = ROOT / "tests/fixtures/new_documents/test_en.txt"
NAME = "test_schema"

# The synthetic instrument, field by field, as YAML; a case replaces a field's text.
FIELDS = {
    "id": "test-schema-synthetic", "layout": "resolution", "starts_at": "null", "symbol": "null",
    "body": "un-ga", "type": "resolution", "date": "2026-01-01", "session": "null", "agenda_item": "null",
    "distribution": "null", "original_language": "en", "title": "{en: Test resolution on linking citations}",
}
TOP = {"source": f"{NAME}.txt", "language": "en", "paragraphs": "blank-lines"}


def metadata(extra="", top=None, **fields):
    """The synthetic metadata file's text, with fields replaced (YAML text) and ``extra``
    lines before ``instruments:``."""
    head = "\n".join(f"{key}: {value}" for key, value in dict(TOP, **(top or {})).items())
    entry = "\n".join(f"    {key}: {value}" for key, value in dict(FIELDS, **fields).items())
    return (f"# TEST DATA for tests/test_metadata_schema.py: a synthetic document, never published.\n"
            f"{head}\n{extra}instruments:\n  - {entry.lstrip()}\n")


def line_with(text, fragment):
    """The 1-based line of the first occurrence of ``fragment`` in ``text``."""
    return text[: text.index(fragment)].count("\n") + 1


@pytest.fixture
def library(tmp_path):
    """A copy of sources/ and docs/ to add the synthetic source to."""
    shutil.copytree(ROOT / "sources", tmp_path / "sources", symlinks=True)
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    return tmp_path


def add(library, meta_text, text=None):
    """Put the synthetic source and its metadata into the library; the metadata's path."""
    sources = library / "sources"
    (sources / f"{NAME}.txt").write_bytes(TEXT.read_bytes() if text is None else text)
    meta = sources / f"{NAME}.yml"
    meta.write_text(meta_text, encoding="utf-8")
    return meta


def run(library, capsys):
    code = normalize.main(["--sources", str(library / "sources"), "--docs", str(library / "docs"), "--no-cache"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "Traceback" not in out
    return code, out, err


def refused(library, capsys, *expected):
    """Run the normalizer; it must exit 1, print every fragment of ``expected`` and
    leave sources/ and docs/ as they were. Returns stderr."""
    before = tree_digest(library / "sources"), tree_digest(library / "docs")
    code, out, err = run(library, capsys)
    assert code == 1, f"accepted:\n{out}"
    for fragment in expected:
        assert fragment in err, f"{fragment!r} not in:\n{err}"
    assert (tree_digest(library / "sources"), tree_digest(library / "docs")) == before, "written although refused"
    return err


def corpus():
    """[(metadata path, data)] of the library's sources, as source_io reads them."""
    return [(path, source_io.load_metadata(path)) for path in source_io.metadata_files(ROOT / "sources")]


def an_instrument_with_a_symbol():
    """(metadata path, instrument entry) of the first instrument of the corpus with a symbol."""
    return next((path, entry) for path, data in corpus() for entry in data["instruments"] if entry["symbol"])


def languages_of(ident):
    return {data["language"] for _, data in corpus() for entry in data["instruments"] if entry["id"] == ident}


# --- The synthetic source itself is fine --------------------------------------------------


def test_the_synthetic_source_is_accepted(library, capsys):
    add(library, metadata())
    code, out, err = run(library, capsys)
    assert code == 0, err
    assert (library / "docs/instruments/test-schema-synthetic.en.md").exists()


def test_every_metadata_and_corrections_file_of_the_repository_is_valid():
    folders = [ROOT / "sources", ROOT / "tests/golden", ROOT / "tests/fixtures/new_documents"]
    for path in [p for folder in folders for p in source_io.metadata_files(folder)]:
        source_io.load_metadata(path)
    for path in (ROOT / "sources").glob("*.corrections.yml"):
        assert source_io.load_corrections(path)


def test_enumerations_come_from_the_tables_of_source_io():
    schema = source_io.load_schema("metadata")
    defs = schema["$defs"]
    assert defs["language"]["enum"] == list(source_io.LANGUAGES)
    assert defs["language_or_null"]["enum"] == [None, *source_io.LANGUAGES]
    assert schema["properties"]["paragraphs"]["enum"] == list(source_io.PARAGRAPH_MODES)
    assert defs["instrument"]["properties"]["layout"]["enum"] == list(source_io.LAYOUTS)
    assert defs["instrument"]["properties"]["body"]["enum"] == list(source_io.BODIES)
    raw = (source_io.SCHEMAS / "metadata.schema.json").read_text(encoding="utf-8")
    for table in (source_io.LANGUAGES, source_io.LAYOUTS, source_io.BODIES, source_io.PARAGRAPH_MODES):
        assert f'"{table[-1]}"' not in raw, "a table written into the schema as well"


# --- YAML: aliases, tags, dates -----------------------------------------------------------

BOMB_LEVELS = "abcdefghi"


def billion_laughs():
    """The classic alias bomb, nine levels of nine aliases: 9^9 strings if expanded."""
    lines = ['lol0: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level, (below, name) in enumerate(zip(BOMB_LEVELS, BOMB_LEVELS[1:]), 1):
        lines.append(f"lol{level}: &{name} [" + ", ".join([f"*{below}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_at_once_with_its_line(library, capsys):
    text = metadata(extra=billion_laughs(), title=f"{{en: *{BOMB_LEVELS[-1]}}}")
    meta = add(library, text)
    start = time.monotonic()
    refused(library, capsys, f"{meta}:{line_with(text, '&a')}: anchor &a: anchors and aliases are not allowed")
    assert time.monotonic() - start < 10


def test_the_loader_stops_at_the_first_anchor_before_building_anything():
    start = time.monotonic()
    with pytest.raises(strict_yaml.YAMLProblem) as problem:
        strict_yaml.load(billion_laughs() + "x: *i\n")
    assert time.monotonic() - start < 1
    assert problem.value.line == 1


def test_an_alias_without_anchor_in_this_document_is_refused_too():
    with pytest.raises(strict_yaml.YAMLProblem, match="alias"):
        strict_yaml.load("a: 1\nb: *a\n")


@pytest.mark.parametrize("tagged", ["!!str 72", "!foo 72", "!!python/object/apply:os.system [echo]"])
def test_an_explicit_tag_is_refused(library, capsys, tagged):
    text = metadata(session=tagged)
    meta = add(library, text)
    refused(library, capsys, f"{meta}:{line_with(text, tagged)}: tag ", "tags are not allowed")


def test_an_impossible_date_is_refused_cleanly(library, capsys):
    text = metadata(date="2017-02-30")
    meta = add(library, text)
    refused(library, capsys, f"{meta}:{line_with(text, '2017-02-30')}: instruments[0].date: 2017-02-30 is not "
            "a date that exists: write YYYY-MM-DD or null")


def test_a_date_written_otherwise_is_refused(library, capsys):
    text = metadata(date="21 November 2016")
    meta = add(library, text)
    refused(library, capsys, f"{meta}:{line_with(text, 'date:')}: instruments[0].date:", "YYYY-MM-DD")


def test_dates_of_the_corpus_stay_strings():
    for _, data in corpus():
        for entry in data["instruments"]:
            assert entry["date"] is None or isinstance(entry["date"], str)


def test_a_key_written_twice_is_refused(library, capsys):
    text = metadata(extra="language: fr\n")
    meta = add(library, text)
    refused(library, capsys, f"{meta}:{line_with(text, 'language: fr')}: key 'language' is written twice "
            f"(first on line {line_with(text, 'language: en')})")


# --- Corrections files --------------------------------------------------------------------


def corrections(library, data):
    path = library / "sources" / f"{NAME}.corrections.yml"
    path.write_bytes(data)
    return path


def test_a_date_like_value_in_a_corrections_file_does_not_crash(library, capsys):
    add(library, metadata())
    text = ("# TEST DATA\ncorrections:\n  - lines: [9]\n    received: 2017-02-30\n"
            "    corrected: 2017-03-02\n    reason: a synthetic correction\n")
    path = corrections(library, text.encode("utf-8"))
    refused(library, capsys, f"{path}:{line_with(text, 'received')}: correction for source line 9: '2017-02-30' "
            "does not occur on that line")


def test_a_corrections_file_in_latin1_is_refused_cleanly(library, capsys):
    add(library, metadata())
    text = "# TEST DATA\ncorrections:\n  - lines: 9\n    received: Recalling\n    corrected: Rappelant\n    reason: café\n"
    path = corrections(library, text.encode("latin-1"))
    refused(library, capsys, f"{path}:{line_with(text, 'café')}: invalid UTF-8 in the corrections file")


CORRECTION = {"lines": "9", "received": "Recalling", "corrected": "Rappelant", "reason": "a synthetic correction"}


@pytest.mark.parametrize("fields, where, message", [
    ({"lines": "0"}, "lines:", "corrections[0].lines: 0 is not"),
    ({"lines": "[]"}, "lines:", "corrections[0].lines: empty"),
    ({"lines": "[9, nine]"}, "lines:", "corrections[0].lines[1]: 'nine' is text, not a whole number"),
    ({"lines": "9.0"}, "lines:", "corrections[0].lines: 9.0 is a number, not a whole number or a list"),
    ({"colour": "red"}, "colour:", "corrections[0]: unknown field 'colour'"),
    ({"reason": "''"}, "reason:", "corrections[0].reason: empty"),
    ({"corrected": "Recalling"}, "corrected:", "corrections[0].corrected: the correction equals the text as received"),
], ids=["zero", "empty-list", "text-in-list", "float", "unknown-key", "empty-reason", "no-change"])
def test_a_bad_correction_is_refused(library, capsys, fields, where, message):
    add(library, metadata())
    entry = "\n    ".join(f"{key}: {value}" for key, value in dict(CORRECTION, **fields).items())
    text = f"# TEST DATA\ncorrections:\n  - {entry}\n"
    path = corrections(library, text.encode("utf-8"))
    refused(library, capsys, f"{path}:{line_with(text, where)}: {message}")


def test_a_correction_without_a_reason_is_refused(library, capsys):
    add(library, metadata())
    text = "# TEST DATA\ncorrections:\n  - lines: 9\n    received: Recalling\n    corrected: Rappelant\n"
    path = corrections(library, text.encode("utf-8"))
    refused(library, capsys, f"{path}:{line_with(text, '- lines')}: corrections[0]: missing field 'reason'")


# --- Types, lengths, patterns, characters --------------------------------------------------


@pytest.mark.parametrize("value, message", [
    ("72", 'instruments[0].session: 72 is a number, not text: write it in quotes, "72"'),
    ("[72]", 'instruments[0].session: a list, not text: write the session as printed, in quotes ("72")'),
    ("{n: 72}", "instruments[0].session: a mapping, not text"),
    ("yes", 'instruments[0].session: true is a yes/no value, not text: write it in quotes'),
])
def test_a_number_or_a_list_where_text_is_expected_is_refused(library, capsys, value, message):
    text = metadata(session=value)
    meta = add(library, text)
    refused(library, capsys, f"{meta}:{line_with(text, 'session:')}: {message}")


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u200f", "\u061c", "\u200b", "\u200d", "\u2060", "\ufeff"])
@pytest.mark.parametrize("written", ["as is", "escaped"])
def test_bidi_and_zero_width_characters_in_a_title_are_refused(library, capsys, char, written):
    shown = char if written == "as is" else f"\\u{ord(char):04x}"
    text = metadata(title=f'{{en: "Test {shown}resolution"}}')
    meta = add(library, text)
    refused(library, capsys, f"{meta}:{line_with(text, 'title:')}: instruments[0].title.en: an invisible",
            f"U+{ord(char):04X}", "at character 6: remove it")


@pytest.mark.parametrize("value, message", [
    ('"Test\\tresolution"', "a tab at character 5"),
    ('"Test\\x1bresolution"', "a control character (U+001B)"),
    ('"Test\\x85resolution"', "a line break (U+0085)"),
    ('|\n        Test\n        resolution', "a line break (U+000A)"),
])
def test_control_characters_and_line_breaks_in_a_title_are_refused(library, capsys, value, message):
    text = metadata(title=f"\n      en: {value}")
    meta = add(library, text)
    refused(library, capsys, f"{meta}:{line_with(text, 'en: ')}: instruments[0].title.en: {message}")


@pytest.mark.parametrize("symbol", ["A/RES/71/19", "C17/126", "CTOC/COP/WG.3/2024/1", "A/60/88/Corr.2",
                                    "A/C.3/73/L.9/Rev.1", "S/RES/2322 (2016)"])
def test_un_style_symbols_are_accepted(tmp_path, symbol):
    """In a folder of its own: the library may hold these symbols already (one symbol,
    one instrument)."""
    shutil.copy(TEXT, tmp_path / f"{NAME}.txt")
    (tmp_path / f"{NAME}.yml").write_text(metadata(symbol=f'"{symbol}"'), encoding="utf-8")
    assert source_io.load_metadata(tmp_path / f"{NAME}.yml")["instruments"][0]["symbol"] == symbol


@pytest.mark.parametrize("symbol", ['"A/RES/<script>"', '"A/RES/71/19&x"', "'A/\"RES\"'", '"A/RES  71"',
                                    '" A/RES/71/19"', '"A/RES/71/19\\u202e"'])
def test_symbols_with_other_characters_are_refused(library, capsys, symbol):
    text = metadata(symbol=symbol)
    meta = add(library, text)
    refused(library, capsys, f"{meta}:{line_with(text, 'symbol:')}: instruments[0].symbol: ")


@pytest.mark.parametrize("field, value, message", [
    ("id", "A-RES-71-19", "instruments[0].id: 'A-RES-71-19' is not a slug"),
    ("title", "{en: " + "x" * 1001 + "}", "instruments[0].title.en: 1001 characters, more than the 1000 allowed"),
    ("title", "{de: Test}", "instruments[0].title.de: unknown language code 'de'"),
    ("title", "{en: ''}", "instruments[0].title.en: empty"),
    ("layout", "chapter", "instruments[0].layout: unknown layout 'chapter': use one of"),
    ("body", "un-sc", "instruments[0].body: unknown body 'un-sc': use one of"),
    ("original_language", "de", "instruments[0].original_language: unknown language code 'de'"),
])
def test_a_bad_value_is_refused_with_what_to_write(library, capsys, field, value, message):
    text = metadata(**{field: value})
    meta = add(library, text)
    refused(library, capsys, f"{meta}:{line_with(text, f'{field}:')}: {message}")


def test_an_unknown_language_names_the_file_and_line(library, capsys):
    text = metadata(top={"language": "de"})
    meta = add(library, text)
    refused(library, capsys, f"{meta}:{line_with(text, 'language: de')}: unknown language code 'de': use one of "
            + ", ".join(source_io.LANGUAGES))


def test_several_problems_in_one_file_are_all_reported(library, capsys):
    text = metadata(top={"language": "de"}, date="2017-02-30", session="72", colour="red")
    meta = add(library, text)
    err = refused(library, capsys)
    expected = [(line_with(text, "language: de"), "unknown language code 'de'"),
                (line_with(text, "date:"), "instruments[0].date: 2017-02-30 is not a date that exists"),
                (line_with(text, "session:"), "instruments[0].session: 72 is a number"),
                (line_with(text, "colour:"), "instruments[0]: unknown field 'colour'")]
    lines = err.splitlines()
    assert len(lines) == len(expected), err
    assert lines[0].startswith("error: ")
    for (line, message), printed in zip(expected, lines):
        assert printed.removeprefix("error: ").startswith(f"{meta}:{line}: {message}"), printed


def test_the_first_problem_is_the_error_s_path_line_and_message(tmp_path):
    text = metadata(date="2017-02-30", session="72")
    meta = tmp_path / f"{NAME}.yml"
    meta.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as error:
        source_io.load_metadata(meta)
    assert (error.value.path, error.value.line) == (str(meta), line_with(text, "date:"))
    assert error.value.message.startswith("instruments[0].date: 2017-02-30 is not a date that exists")
    assert [line for _, line, _ in error.value.problems] == [line_with(text, "date:"), line_with(text, "session:")]


def test_a_missing_field_says_what_to_write(library, capsys):
    text = metadata()
    text = text.replace("    date: 2026-01-01\n", "")
    meta = add(library, text)
    refused(library, capsys, f"{meta}:{line_with(text, '- id:')}: instruments[0]: missing field 'date': "
            "add 'date:' with YYYY-MM-DD or null")


def test_the_same_id_twice_in_one_file_is_refused(library, capsys):
    text = metadata()
    entry = text[text.index("  - id:"):]
    text = text + entry.replace("starts_at: null", "starts_at: '1. **Notes** the first test paragraph;'")
    meta = add(library, text)
    second = text.index("- id:", text.index("- id:") + 1)
    refused(library, capsys, f"{meta}:{text[:second].count(chr(10)) + 1}: instruments[1].id: duplicate "
            "instrument id 'test-schema-synthetic'")


# --- source: stays in its folder ------------------------------------------------------------


@pytest.mark.parametrize("name", ["/etc/passwd", "../x.txt", "..\\\\x.txt", "sub/x.txt", "x.txt/..", ".."])
def test_a_source_that_is_not_a_plain_file_name_is_refused(library, capsys, name):
    text = metadata(top={"source": f'"{name}"'})
    meta = add(library, text)
    refused(library, capsys, f"{meta}:{line_with(text, 'source:')}: source: ", "is not a plain file name")


def test_a_source_that_links_outside_its_folder_is_refused(library, capsys):
    outside = library / "outside.txt"
    shutil.copy(TEXT, outside)
    text = metadata()
    meta = add(library, text)
    (library / "sources" / f"{NAME}.txt").unlink()
    os.symlink(outside, library / "sources" / f"{NAME}.txt")
    refused(library, capsys, f"{meta}:{line_with(text, 'source:')}: source: {NAME}.txt is a link to a file "
            "outside this folder")


def test_a_source_that_links_inside_its_folder_is_accepted(library, capsys):
    text = metadata()
    add(library, text)
    real = library / "sources" / f"{NAME}.txt"
    real.rename(library / "sources" / "real-text.data")
    os.symlink("real-text.data", real)
    code, out, err = run(library, capsys)
    assert code == 0, err


# --- Identity across files ----------------------------------------------------------------


def test_a_second_file_reusing_an_id_for_another_instrument_is_refused(library, capsys):
    existing, entry = an_instrument_with_a_symbol()
    language = next(code for code in source_io.LANGUAGES if code not in languages_of(entry["id"]))
    text = metadata(top={"language": language}, id=entry["id"], symbol='"TEST/SYNTHETIC/1"')
    meta = add(library, text)
    existing_text = existing.read_text(encoding="utf-8")
    refused(library, capsys,
            f"{meta}:{line_with(text, '- id:')}: instrument id {entry['id']!r} is already used by "
            f"{library / 'sources' / existing.name}:{line_with(existing_text, 'id: ' + entry['id'])} for another "
            f"instrument (symbol {entry['symbol']} ≠ TEST/SYNTHETIC/1",
            "choose another id, or, for another language version of it, give the same symbol, number, body, "
            "type, layout, date and original_language")


def test_a_second_file_reusing_an_id_in_the_same_language_is_refused(library, capsys):
    existing, entry = an_instrument_with_a_symbol()
    language = source_io.load_metadata(existing)["language"]
    text = metadata(top={"language": language}, id=entry["id"])
    meta = add(library, text)
    refused(library, capsys, f"{meta}:{line_with(text, '- id:')}: instrument id {entry['id']!r} is already used by "
            f"{library / 'sources' / existing.name}:", f"in the same language ({language})")


def test_a_second_file_reusing_a_symbol_under_a_new_id_is_refused(library, capsys):
    existing, entry = an_instrument_with_a_symbol()
    text = metadata(symbol=f'"{entry["symbol"]}"')
    meta = add(library, text)
    existing_text = existing.read_text(encoding="utf-8")
    refused(library, capsys,
            f"{meta}:{line_with(text, 'symbol:')}: symbol {entry['symbol']} is already that of instrument "
            f"{entry['id']!r} ({library / 'sources' / existing.name}:"
            f"{line_with(existing_text, 'symbol: ' + entry['symbol'])})")


def test_a_second_language_version_is_accepted(library):
    """A copy of a corpus file, declared in a language none of its instruments has yet:
    the same ids and work metadata, another language (TEST DATA: the text is the
    original's)."""
    existing, data = corpus()[0]
    used = set().union(*(languages_of(entry["id"]) for entry in data["instruments"]))
    language = next(code for code in source_io.LANGUAGES if code not in used)
    sources = library / "sources"
    shutil.copy(sources / data["source"], sources / f"{NAME}.txt")
    text = existing.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^language: .*$", f"language: {language}", text)
    text = re.sub(r"(?m)^source: .*$", f"source: {NAME}.txt", text)
    (sources / f"{NAME}.yml").write_text("# TEST DATA: a synthetic language version.\n" + text, encoding="utf-8")
    outputs = normalize.build_all(sources)
    for entry in data["instruments"]:
        assert any(rel.startswith(f"instruments/{entry['id']}") and rel.endswith(f".{language}.md")
                   for rel in outputs), (entry["id"], language)


# --- Front matter of docs pages -------------------------------------------------------------


@pytest.mark.parametrize("head, line, message", [
    ("title: x\nsymbol: [A\n", 4, "malformed front matter"),
    ("title: &t x\nlabel: *t\n", 2, "anchor &t"),
    ("title: !!python/name:os.system x\n", 2, "tag !!python/name:os.system"),
    ("title: x\ntitle: y\n", 3, "key 'title' is written twice"),
])
def test_malformed_front_matter_is_a_clean_error_with_page_and_line(head, line, message):
    with pytest.raises(SourceError) as error:
        split_front_matter(f"---\n{head}---\n\nBody.\n", "docs/instruments/x.en.md")
    assert str(error.value).startswith(f"docs/instruments/x.en.md:{line}: malformed front matter")
    assert message in str(error.value)
    assert isinstance(error.value, yaml.YAMLError)     # normalize.front_matter's "edited by hand"


def test_dates_in_front_matter_stay_strings():
    assert split_front_matter("---\ndate: 2017-02-30\n---\n\nx\n")[0] == {"date": "2017-02-30"}


def test_the_build_refuses_aliases_in_front_matter_with_page_and_line(tmp_path):
    page = tmp_path / "bad.md"
    page.write_text("---\ntitle: x\nlabel: &l {en: y}\ntitles: *l\n---\n\nBody.\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"bad.md: malformed front matter at line 3: anchor &l"):
        docs_scan.read_front_matter(page)


# --- Any bytes ------------------------------------------------------------------------------

JUNK = st.one_of(st.binary(max_size=12), st.sampled_from(
    [b"&a ", b"*a", b"!!str ", b"!x ", b"<<: ", b"? ", b"[", b"]", b"{", b"}", b": ", b"- ", b"\n", b"\n  - ",
     b"2017-02-30", b"null", b"72", b"'", b'"', b"\\u202e", b"\xe2\x80\xae", b"\t", b"#", b"|\n", b">-\n", b"..",
     b"/etc/passwd", b"\xef\xbb\xbf", b"\x00", b"\xff"]))


@settings(max_examples=300, deadline=None, database=None)
@given(junk=st.lists(st.tuples(JUNK, st.integers(min_value=0, max_value=10**6)), min_size=1, max_size=4),
       kind=st.sampled_from(["metadata", "corrections"]))
def test_any_bytes_in_a_metadata_or_corrections_file_give_data_or_a_clean_error(tmp_path_factory, junk, kind):
    """Valid files with bytes spliced in: validated data, or SourceError, never another
    exception; every problem on its own line, naming the file."""
    folder = tmp_path_factory.mktemp("fuzz")
    shutil.copy(TEXT, folder / f"{NAME}.txt")
    if kind == "metadata":
        path, load = folder / f"{NAME}.yml", source_io.load_metadata
        data = metadata().encode("utf-8")
    else:
        path, load = folder / f"{NAME}.corrections.yml", source_io.load_corrections
        data = "corrections:\n  - lines: [9, 11]\n    received: Notes\n    corrected: Takes note of\n    reason: >-\n      a test\n".encode()
    for piece, where in junk:
        at = where % (len(data) + 1)
        data = data[:at] + piece + data[at:]
    path.write_bytes(data)
    try:
        load(path)
    except SourceError as error:
        assert all(line.startswith(f"{path}") for line in str(error).splitlines()), str(error)
