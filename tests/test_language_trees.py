"""A build split by language tree (issue 15): `make site LANGS="..."` builds some trees
(hooks/language_trees.py), scripts/merge_sites.py puts the builds together, and the
merged site, indexed for search, is the single build byte for byte. The trees are split
as three machines would build them, the site's languages from mkdocs.yml."""
import os
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, tree_digest
from scripts import merge_sites

CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
I18N = next(plugin["i18n"] for plugin in CONFIG["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
TREES = [lang["locale"] for lang in I18N["languages"]]
DEFAULT = next(lang["locale"] for lang in I18N["languages"] if lang.get("default") == "true")


def build_trees(out, langs):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ACCORD_LANGS=" ".join(langs))
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
                          cwd=ROOT, capture_output=True, text=True, env=env)


def splits():
    """The default tree alone, then the others in two groups."""
    others = [lang for lang in TREES if lang != DEFAULT]
    half = len(others) // 2
    return [[DEFAULT], others[:half], others[half:]]


@pytest.fixture(scope="module")
def split_builds(tmp_path_factory):
    root = tmp_path_factory.mktemp("trees")
    builds = []
    for langs in splits():
        out = root / "-".join(langs)
        result = build_trees(out, langs)
        assert result.returncode == 0, result.stderr
        builds.append((langs, out))
    return builds


def test_a_build_of_some_trees_writes_those_and_the_default_one(split_builds):
    for langs, out in split_builds:
        written = {lang for lang in TREES if lang != DEFAULT and (out / lang / "index.html").is_file()}
        assert written == set(langs) - {DEFAULT}
        assert (out / "index.html").is_file()       # the default tree, always built


def test_the_merged_builds_are_the_single_build_byte_for_byte(split_builds, built_site, tmp_path):
    merged = tmp_path / "site"
    assert merge_sites.main([str(merged)] + [str(out) for _, out in split_builds]) == 0
    search = subprocess.run([sys.executable, "-m", "scripts.build_search", str(merged)], cwd=ROOT,
                            capture_output=True, text=True)
    assert search.returncode == 0, search.stderr
    assert sorted(merge_sites.files_of(merged)) == sorted(merge_sites.files_of(built_site))
    assert tree_digest(merged) == tree_digest(built_site)


def test_builds_that_differ_are_not_merged(split_builds, tmp_path):
    first, second = split_builds[0][1], split_builds[1][1]
    changed = tmp_path / "changed"
    shutil.copytree(second, changed)
    page = changed / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<p>another build</p></body>"),
                    encoding="utf-8")
    out = tmp_path / "merged"
    with pytest.raises(SystemExit) as refused:
        merge_sites.merge(out, [first, changed])
    assert "index.html" in str(refused.value) and not out.exists()


def test_an_unknown_tree_is_refused_naming_it(tmp_path):
    result = build_trees(tmp_path / "site", ["xx"])
    assert result.returncode != 0 and "no language tree xx" in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()
