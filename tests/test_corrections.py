"""Declared corrections: shown marked with the words as received; nothing else changes."""
import shutil
from pathlib import Path

from lxml import html

from scripts import fidelity, normalize
from scripts.source_io import load_corrections

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "sources/002_2c65158842a940c1.txt"
PAGE = ROOT / "docs/instruments/ga-73-draft-un-interpol-cooperation.ar.md"


def declared():
    return load_corrections(SOURCE.with_suffix(".corrections.yml"))


def test_every_declared_correction_is_marked_with_the_words_as_received(built_site):
    fixes = declared()
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    expected = sum(lines[fix["line"] - 1].count(fix["received"]) for fix in fixes)
    assert expected >= 10
    tree = html.parse(str(built_site / "ar/instruments/ga-73-draft-un-interpol-cooperation/index.html"))
    marks = tree.xpath('//article//ins[@class="correction"]')
    assert len(marks) == expected
    for mark in marks:
        assert mark.text == "والإنتربول"
        assert "Scanning error" in mark.get("title")
        received = mark.getnext()
        assert received.tag == "del" and received.get("class") == "as-received" and received.text == "والإنترنت"


def test_genuine_internet_is_left_as_received():
    body = PAGE.read_text(encoding="utf-8")
    assert body.count("بما في ذلك الإنترنت ووسائل التواصل الاجتماعي") == 2


def test_fidelity_refuses_an_undeclared_change(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    page = docs / PAGE.relative_to(ROOT / "docs")
    page.write_text(page.read_text(encoding="utf-8").replace("قدرات الإنترنت بهذا الشأن", "قدرات الإنتربول بهذا الشأن"),
                    encoding="utf-8")
    problems = fidelity.check(ROOT / "sources", docs)
    assert problems == [f"{SOURCE}:84: changed in Markdown (not a declared correction): "
                        "الأجانب بمن فيهم العائدون والمنتقلون وفي تعزيز الجهود الدولية الرامية إلى ضمان ع"]


def test_fidelity_refuses_an_added_word(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    page = docs / "instruments/a-res-71-19.zh.md"
    page.write_text(page.read_text(encoding="utf-8").replace("第 48 次全体会议", "第 48 次全体会议 Accord"), encoding="utf-8")
    problems = fidelity.check(ROOT / "sources", docs)
    assert any("a-res-71-19.zh.md: words that are neither in" in p and p.endswith("Accord") for p in problems), problems


def test_a_correction_that_does_not_match_the_line_is_refused(tmp_path, capsys):
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    path = tmp_path / "sources/002_2c65158842a940c1.corrections.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("[70, 72,", "[68, 72,"), encoding="utf-8")
    assert normalize.main(["--sources", str(tmp_path / "sources"), "--docs", str(tmp_path / "docs")]) == 1
    err = capsys.readouterr().err
    assert "002_2c65158842a940c1.corrections.yml:" in err and "source line 68" in err and "does not occur" in err
