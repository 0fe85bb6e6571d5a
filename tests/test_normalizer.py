"""The normalizer on the real corpus: structure recovered, idempotent, bad input refused."""
import re
import shutil
from pathlib import Path

import pytest

from scripts import normalize
from scripts.render import split_front_matter
from conftest import tree_digest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "instruments"
AGREEMENT = DOCS / "interpol-itu-cooperation-agreement"
# Conversion debris no page may hold. A converter's backslash escape left in the text
# would be written escaped itself ("\\\\*"): the normalizer's own escapes ("\\_") are not debris.
DEBRIS = ["[bookmark:", "<sup>", "</sup>", "**", "\\\\", "](#)", "\uf0b7", "……", "________"]
ID = re.compile(r"(?:\{: #| id=\")(\w+)")


def ids_of(path):
    return ID.findall(split_front_matter(path.read_text(encoding="utf-8"))[1])


@pytest.fixture
def workspace(tmp_path):
    """A copy of sources/ and docs/ to run the normalizer on."""
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    return tmp_path


def run(workspace, *extra):
    return normalize.main(["--sources", str(workspace / "sources"), "--docs", str(workspace / "docs"), *extra])


def test_committed_docs_are_up_to_date(capsys):
    assert normalize.main(["--check"]) == 0, capsys.readouterr().out


def test_running_twice_changes_nothing(tmp_path, capsys):
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    assert run(tmp_path) == 0
    first = tree_digest(tmp_path / "docs")
    capsys.readouterr()
    assert run(tmp_path) == 0
    assert "wrote" not in capsys.readouterr().out
    assert tree_digest(tmp_path / "docs") == first


def test_agreement_has_nine_article_pages_each_with_its_own_article():
    pages = sorted(AGREEMENT.glob("art_*.zh.md"))
    assert [p.name for p in pages] == [f"art_{n}.zh.md" for n in range(1, 10)]
    for number, page in enumerate(sorted(pages, key=lambda p: int(p.name[4:-6])), 1):
        ids = ids_of(page)
        assert ids[0] == f"art_{number}"
        assert all(i == f"art_{number}" or i.startswith(f"art_{number}__") for i in ids), ids
    index = ids_of(AGREEMENT / "index.zh.md")
    assert not any(i.startswith("art_") for i in index)
    assert {"signature_1", "signature_2", "conclusions__p_1"} <= set(index)


@pytest.mark.parametrize("page, preamble, operative, items", [
    ("a-res-71-19.zh.md", 13, 6, {"para_3": "abcde"}),
    ("ga-73-draft-un-interpol-cooperation.ar.md", 17, 11, {"para_1": "ab", "para_8": "abcde"}),
])
def test_every_paragraph_and_sub_item_has_an_id(page, preamble, operative, items):
    ids = ids_of(DOCS / page)
    assert len(ids) == len(set(ids))
    assert [i for i in ids if i.startswith("preamble__p_")] == [f"preamble__p_{n}" for n in range(1, preamble + 1)]
    assert [i for i in ids if re.fullmatch(r"para_\d+", i)] == [f"para_{n}" for n in range(1, operative + 1)]
    expected = [f"{para}__list_1__point_{x}" for para, letters in items.items() for x in letters]
    assert [i for i in ids if "__list_" in i] == expected


def test_wrongly_nested_sub_items_become_one_flat_list():
    body = split_front_matter((DOCS / "a-res-71-19.zh.md").read_text(encoding="utf-8"))[1]
    items = [line for line in body.splitlines() if re.match(r"\s*- ", line)]
    assert len(items) == 5 and all(line.startswith("- ") for line in items)


def test_no_debris_in_any_page():
    for page in DOCS.rglob("*.md"):
        body = split_front_matter(page.read_text(encoding="utf-8"))[1]
        found = [d for d in DEBRIS if d in body]
        assert not found, f"{page}: {found}"


def test_page_break_split_sentences_are_joined():
    body = (DOCS / "ga-73-draft-un-interpol-cooperation.ar.md").read_text(encoding="utf-8")
    assert "سفر المقاتلين الإرهابيين الأجانب، بمن فيهم" in body
    assert "وإجراء فحوصات متوقعة بواسطة" in body


def test_footnotes_are_markdown_footnotes_with_their_text_out_of_the_body():
    body = (DOCS / "a-res-71-19.zh.md").read_text(encoding="utf-8")
    assert body.count("[^1]") == 2 and "[^1]: 联合国，《条约汇编》" in body
    paragraphs = body.split("\n\n")
    assert paragraphs[-3:] == ["[^1]: 联合国，《条约汇编》，第1996卷，第1200号。", "[^2]: 第 70/1 号决议。", "[^3]: 第 60/288 号决议。\n"]


def test_empty_links_dropped_and_bare_urls_linked():
    body = (DOCS / "ctoc-cop-wg-3-2024-1.zh.md").read_text(encoding="utf-8")
    assert "（CTOC/COP/WG.3/2024/3）" in body
    assert "[www.unodc.org/unodc/en/treaties/CTOC/working-group-on-international-cooperation-2024.html](https://www.unodc.org/" in body


BAD_INPUTS = {
    "invalid UTF-8": (lambda ws: (ws / "sources/001_8fdf4e3fb0bbf18e.txt").write_bytes(b"\xe5\xa4\xa7\xff\xfe\n"),
                      "001_8fdf4e3fb0bbf18e.txt:1: invalid UTF-8"),
    "missing metadata": (lambda ws: (ws / "sources/004_2c512c1415575397.yml").unlink(),
                         "004_2c512c1415575397.txt: metadata file missing"),
    "malformed metadata": (lambda ws: (ws / "sources/001_8fdf4e3fb0bbf18e.yml").write_text("source: [x\nlanguage: zh\n"),
                           "001_8fdf4e3fb0bbf18e.yml:"),
    "unknown language": (lambda ws: _edit(ws / "sources/002_2c65158842a940c1.yml", "language: ar", "language: xx"),
                         "002_2c65158842a940c1.yml:5: unknown language code 'xx'"),
    "split point missing": (lambda ws: _edit(ws / "sources/000_2077955862ef2f4d.yml", "starts_at: 理事会2017年会议", "starts_at: 不存在的行"),
                            "000_2077955862ef2f4d.txt: instrument 'itu-council-decision-598': starts_at line '不存在的行' does not occur"),
    "NUL byte": (lambda ws: (ws / "sources/001_8fdf4e3fb0bbf18e.txt").write_bytes("大会\n第二行\x00\n".encode()),
                 "001_8fdf4e3fb0bbf18e.txt:2: control character U+0000"),
}


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_refused_cleanly(case, workspace, capsys):
    breaks, message = BAD_INPUTS[case]
    # Make the normalizer want to write, so "nothing half-written" is tested for real.
    (workspace / "docs/instruments/a-res-71-19.zh.md").unlink()
    before = tree_digest(workspace / "docs")
    breaks(workspace)
    assert run(workspace) == 1
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1, err
    assert tree_digest(workspace / "docs") == before


def test_hand_edit_is_kept_while_the_source_is_unchanged(workspace, capsys):
    page = workspace / "docs/instruments/a-res-71-19.zh.md"
    page.write_text(page.read_text(encoding="utf-8").replace("第 48 次全体会议", "第48次全体会议"), encoding="utf-8")
    edited = page.read_bytes()
    assert run(workspace) == 0
    assert "kept instruments/a-res-71-19.zh.md" in capsys.readouterr().out
    assert page.read_bytes() == edited


def test_hand_edit_and_changed_source_stop_the_run(workspace, capsys):
    page = workspace / "docs/instruments/a-res-71-19.zh.md"
    page.write_text(page.read_text(encoding="utf-8").replace("第 48 次全体会议", "第48次全体会议"), encoding="utf-8")
    _edit(workspace / "sources/001_8fdf4e3fb0bbf18e.yml", 'agenda_item: "126"', 'agenda_item: "127"')
    assert run(workspace) == 1
    err = capsys.readouterr().err
    assert "a-res-71-19.zh.md" in err and "edited by hand" in err and "--force" in err
    assert run(workspace, "--force") == 0


def test_a_paragraph_id_that_would_disappear_stops_the_run(workspace, capsys):
    # Merging operative paragraphs 5 and 6 of 71/19 in the source would drop para_6.
    source = workspace / "sources/001_8fdf4e3fb0bbf18e.txt"
    source.write_bytes(source.read_bytes().replace("\n6. **决定**".encode(), " **决定**".encode()))
    assert run(workspace) == 1
    err = capsys.readouterr().err
    assert "a-res-71-19.zh.md" in err and "paragraph ids would disappear (para_6)" in err
    assert "--allow-id-change" in err
    assert run(workspace, "--allow-id-change") == 0


def test_a_changed_instrument_id_leaves_no_stale_page(workspace, capsys):
    _edit(workspace / "sources/004_2c512c1415575397.yml", "id: ctoc-cop-wg-3-2024-1", "id: ctoc-renamed")
    assert run(workspace) == 1
    assert "no source produces this page any more" in capsys.readouterr().err
    assert run(workspace, "--allow-id-change") == 0
    assert not (workspace / "docs/instruments/ctoc-cop-wg-3-2024-1.zh.md").exists()
    assert (workspace / "docs/instruments/ctoc-renamed.zh.md").exists()


def test_unchanged_sources_are_not_parsed_again(workspace, monkeypatch, capsys):
    cache = workspace / "cache"
    assert run(workspace, "--cache", str(cache)) == 0
    calls = []
    original = normalize.build_source
    monkeypatch.setattr(normalize, "build_source", lambda path, **kw: calls.append(path.name) or original(path, **kw))
    _edit(workspace / "sources/001_8fdf4e3fb0bbf18e.yml", 'agenda_item: "126"', 'agenda_item: "127"')
    capsys.readouterr()
    assert run(workspace, "--cache", str(cache)) == 0
    assert calls == ["001_8fdf4e3fb0bbf18e.yml"]
    out = capsys.readouterr().out
    assert "unchanged, not parsed again: 000_2077955862ef2f4d.yml, 002_2c65158842a940c1.yml" in out
    assert "wrote docs/instruments/a-res-71-19.zh.md" in out


def test_two_sub_items_with_the_same_letter_are_refused(workspace, capsys):
    # Sub-item (b) of 71/19's paragraph 3 relabelled (a): two ids para_3__list_1__point_a.
    source = workspace / "sources/001_8fdf4e3fb0bbf18e.txt"
    source.write_bytes(source.read_bytes().replace("  - (b) ".encode(), "  - (a) ".encode()))
    assert run(workspace) == 1
    err = capsys.readouterr().err
    assert "001_8fdf4e3fb0bbf18e.txt:58: duplicate paragraph id 'para_3__list_1__point_a'" in err


@pytest.mark.parametrize("first_line", ["Distr.: Limited", "Distr.: General", "Distr. general", "Distr. limitada",
                                        "Distr. : Générale", "Distr. générale", "Distr.: Общая", "Distr.: Ограниченная"])
def test_the_masthead_of_every_language_version_keeps_its_lines(first_line):
    """The UN masthead's distribution line in the forms the six language versions print:
    the block's lines stay lines (one masthead paragraph each), not one run-on paragraph."""
    from scripts.blocks import Block
    from scripts.layouts import Builder, masthead
    lines = [first_line, "12 October 2018", "Original: English"]
    builder = Builder("test")
    masthead(builder, Block(text=" ".join(lines), line=1, lines=lines))
    assert [node.text for node in builder.nodes] == lines
    assert all(node.cls == "masthead" for node in builder.nodes)
