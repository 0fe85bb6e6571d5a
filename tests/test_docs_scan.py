"""accord/docs_scan.py: one reader of docs front matter for every stage, read once per change."""
import os

import pytest
from mkdocs.exceptions import PluginError

from accord import docs_scan
from accord.library import direction


def test_a_page_is_read_again_when_it_changes_and_callers_get_their_own_copy(tmp_path):
    page = tmp_path / "p.md"
    page.write_text("---\ntitle: one\ntitles: {en: a}\n---\n\nbody\n", encoding="utf-8")
    meta, body = docs_scan.read_front_matter(page)
    assert meta == {"title": "one", "titles": {"en": "a"}} and body == "\nbody\n"
    meta["titles"]["en"] = "changed by a caller"
    assert docs_scan.read_front_matter(page)[0]["titles"] == {"en": "a"}
    page.write_text("---\ntitle: two\n---\n\nbody\n", encoding="utf-8")
    os.utime(page, ns=(1, 1))
    assert docs_scan.read_front_matter(page)[0] == {"title": "two"}


def test_malformed_front_matter_names_the_file(tmp_path):
    page = tmp_path / "bad.md"
    page.write_text("---\ntitle: [x\n---\n", encoding="utf-8")
    with pytest.raises(PluginError, match="bad.md: malformed front matter"):
        docs_scan.read_front_matter(page)


def test_direction():
    assert direction("ar") == "rtl" and direction("zh") == "ltr"
