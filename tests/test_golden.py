"""Golden tests for the normalizer: a source fragment in, the expected Markdown out.

Each tests/golden/<name>.yml (metadata) + <name>.txt (fragment as received) must
normalize to the files under tests/golden/<name>.expected/. On a difference the test
shows a unified diff; `pytest tests/test_golden.py --update-golden` rewrites them.
"""
import difflib
import shutil
from pathlib import Path

import pytest

from scripts.normalize import build_source

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("*.yml"))


def expected_files(folder):
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.md"))}


def test_there_are_golden_cases():
    assert len(CASES) >= 4


@pytest.mark.parametrize("meta", CASES, ids=lambda path: path.stem)
def test_golden(meta, update_golden):
    actual = build_source(meta)
    folder = GOLDEN / f"{meta.stem}.expected"
    if update_golden:
        shutil.rmtree(folder, ignore_errors=True)
        for rel, text in actual.items():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_text(text, encoding="utf-8")
    expected = expected_files(folder)
    assert sorted(actual) == sorted(expected), "pages produced differ from the expected pages"
    diffs = []
    for rel in sorted(expected):
        if actual[rel] != expected[rel]:
            diffs.extend(difflib.unified_diff(
                expected[rel].splitlines(keepends=True), actual[rel].splitlines(keepends=True),
                fromfile=f"expected/{rel}", tofile=f"actual/{rel}",
            ))
    if diffs:
        pytest.fail("normalizer output differs from the golden files:\n" + "".join(diffs), pytrace=False)
