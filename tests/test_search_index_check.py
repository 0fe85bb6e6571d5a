"""The search index step cannot ship a broken bundle (issue 15): every file Pagefind wrote
is read back whole, and each bundle answers a query made of its own pages' words with
Pagefind's runtime. A copy of the built site's index is damaged as a loaded machine once
left it (a file cut at 32,768 bytes); the step must stop, naming the file or the bundle."""
import json
import shutil

import pytest

from scripts import build_search


@pytest.fixture
def index_copy(built_site, tmp_path):
    """The built site's search index alone, in a folder of its own (what the checks read)."""
    shutil.copytree(built_site / build_search.BUNDLE_DIR, tmp_path / build_search.BUNDLE_DIR)
    return tmp_path


def bundles(site):
    return sorted(json.loads((site / build_search.BUNDLE_DIR / "languages.json").read_text())["languages"])


def test_every_bundle_answers_a_query_made_of_its_own_words(index_copy):
    langs = bundles(index_copy)
    answers = build_search.check_queries(index_copy, langs)
    assert [a["lang"] for a in answers] == langs
    for answer in answers:
        assert answer["found"] and answer["results"] >= 1, answer
        pages = {data["url"] for _, data in build_search.fragments(index_copy / build_search.BUNDLE_DIR / answer["lang"])}
        assert answer["url"] in pages
        assert len(answer["query"].split()) == 2


def test_every_file_of_every_bundle_is_read_back(index_copy):
    for lang in bundles(index_copy):
        folder = index_copy / build_search.BUNDLE_DIR / lang
        written = [p for p in folder.rglob("*") if p.suffix in build_search.PAGEFIND_FILES]
        assert build_search.verify_files(folder) == len(written) > 0


@pytest.mark.parametrize("kind", ["index", "fragment"])
def test_a_chunk_cut_short_stops_the_build_naming_it(index_copy, kind):
    lang = bundles(index_copy)[0]
    chunk = sorted((index_copy / build_search.BUNDLE_DIR / lang / kind).iterdir())[0]
    chunk.write_bytes(chunk.read_bytes()[: chunk.stat().st_size // 2])
    with pytest.raises(SystemExit) as stopped:
        build_search.verify_files(chunk.parent.parent)
    assert chunk.name in str(stopped.value) and "not a whole Pagefind file" in str(stopped.value)


def test_a_runtime_cut_at_32768_bytes_stops_the_build(index_copy):
    runtime = index_copy / build_search.BUNDLE_DIR / build_search.RUNTIME
    assert runtime.stat().st_size > 32768
    runtime.write_bytes(runtime.read_bytes()[:32768])
    with pytest.raises(SystemExit) as stopped:
        build_search.check_queries(index_copy, bundles(index_copy))
    assert "could not be queried" in str(stopped.value)


def test_a_bundle_whose_index_lost_its_words_stops_the_build_naming_it(index_copy):
    """Each index chunk replaced by a whole, valid chunk of another bundle: every file still
    reads back, but the words of the bundle's pages are no longer there."""
    langs = bundles(index_copy)
    target = langs[-1]
    donor = next(lang for lang in langs if lang != target)
    donor_chunk = sorted((index_copy / build_search.BUNDLE_DIR / donor / "index").iterdir())[0].read_bytes()
    for chunk in (index_copy / build_search.BUNDLE_DIR / target / "index").iterdir():
        chunk.write_bytes(donor_chunk)
    with pytest.raises(SystemExit) as stopped:
        build_search.check_queries(index_copy, [target])
    assert f"{build_search.BUNDLE_DIR}/{target}/" in str(stopped.value)
