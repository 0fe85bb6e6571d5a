"""The JSON formats of /data/ (issue 16): each has a JSON Schema (accord/schemas/),
published beside the data under data/schemas/, and every file the build writes is valid
against it (jsonschema, Draft 2020-12). data/corrections.json lists every correction
declared in sources/, where it was made."""
import copy
import functools
import gzip
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from lxml import html

from scripts.source_io import corrections_path, load_corrections, load_metadata, metadata_files

from conftest import ROOT

SCHEMAS = ROOT / "accord" / "schemas"


def _schemas() -> dict:
    return {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(SCHEMAS.glob("*.schema.json"))}


@functools.lru_cache(maxsize=None)
def validator(name: str) -> Draft202012Validator:
    """The validator of one schema, the others beside it for its references (made once)."""
    schemas = _schemas()
    registry = Registry().with_resources(
        (key, Resource.from_contents(schema)) for key, schema in schemas.items())
    Draft202012Validator.check_schema(schemas[name])
    return Draft202012Validator(schemas[name], registry=registry)


def _problems(name: str, data) -> list:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in validator(name).iter_errors(data)]


def _files(site: Path) -> list:
    """(schema, what, data) of every JSON file of the data."""
    found = [("instrument.schema.json", path.name, json.loads(path.read_text(encoding="utf-8")))
             for path in sorted((site / "data" / "instruments").glob("*.json"))]
    found.append(("corpus.schema.json", "corpus.json.gz",
                  json.loads(gzip.decompress((site / "data" / "corpus.json.gz").read_bytes()))))
    found.append(("corrections.schema.json", "corrections.json",
                  json.loads((site / "data" / "corrections.json").read_text(encoding="utf-8"))))
    found.append(("citations.schema.json", "citations.json",
                  json.loads((site / "citations.json").read_text(encoding="utf-8"))))
    return found


def test_every_data_file_is_valid_against_its_schema(built_site):
    files = _files(built_site)
    instruments = {json.loads(p.read_text(encoding="utf-8"))["id"] for p in (built_site / "data" / "instruments").glob("*.json")}
    assert instruments, "no instrument data file"
    for schema, what, data in files:
        assert _problems(schema, data) == [], what


def test_the_schemas_are_published_beside_the_data(built_site):
    published = {path.name: path.read_text(encoding="utf-8") for path in (built_site / "data" / "schemas").glob("*.json")}
    assert published == {path.name: path.read_text(encoding="utf-8") for path in SCHEMAS.glob("*.schema.json")}


@pytest.mark.parametrize("damage", ["no id", "unknown field", "paragraph id with a space", "wrong language"])
def test_a_damaged_instrument_file_is_refused(built_site, damage):
    path = sorted((built_site / "data" / "instruments").glob("*.json"))[0]
    data = copy.deepcopy(json.loads(path.read_text(encoding="utf-8")))
    if damage == "no id":
        del data["id"]
    elif damage == "unknown field":
        data["extra"] = 1
    elif damage == "paragraph id with a space":
        version = next(v for v in data["versions"].values() if v["paragraphs"])
        version["paragraphs"][0]["id"] = "para 1"
    else:
        data["languages"] = ["xx"]
    assert _problems("instrument.schema.json", data)


def _declared() -> list:
    """(source, lines, received, corrected, reason) of every correction declared in sources/."""
    found = []
    for meta_path in metadata_files(ROOT / "sources"):
        source = meta_path.parent / load_metadata(meta_path)["source"]
        by_entry = {}
        for item in load_corrections(corrections_path(source)):
            key = (item["entry_line"], item["received"], item["corrected"], item["reason"])
            by_entry.setdefault(key, []).append(item["line"])
        for (_, received, corrected, reason), lines in by_entry.items():
            found.append((f"sources/{source.name}", tuple(lines), received, corrected, reason))
    return sorted(found)


def test_the_corrections_file_lists_every_declared_correction_where_it_was_made(built_site):
    listed = json.loads((built_site / "data" / "corrections.json").read_text(encoding="utf-8"))["corrections"]
    assert sorted((c["source"], tuple(c["lines"]), c["received"], c["corrected"], c["reason"])
                  for c in listed) == _declared()
    for correction in listed:
        page = html.parse(str(built_site / correction["page"] / "index.html"))
        marks = page.xpath('//article//ins[@class="correction"]')
        assert any(mark.get("title") == correction["reason"] for mark in marks), correction["page"]


def test_the_data_page_links_every_format_and_its_schema(built_site):
    page = html.parse(str(built_site / "data" / "index.html"))
    links = {a.get("href") for a in page.xpath("//article//a")}
    for name in [f"data/schemas/{name}" for name in _schemas()] + [
            "data/corrections.json", "citations.json", "data/corpus.json.gz"]:
        assert any(href.endswith(name) for href in links if href), name
