"""Language versions of one instrument are one work: the same paragraphs in each.

An instrument's versions (one source file each, scripts/identity.py) carry the same
paragraph ids, so that a citation of ``para_3`` or of article 5 means the same words in
every language, and the parallel view sets them side by side. A paragraph that one
version has and another lacks is an error, named at the source line where it stands
and naming the file of the version that lacks it, unless one of the two versions'
metadata acknowledges it with a reason:

    differences:
      - paragraph: para_3
        reason: The Spanish version as received stops after paragraph 2 (page missing).
"""
from __future__ import annotations

from pathlib import Path

from accord.identifiers import PagePath

from .errors import SourceError
from .source_io import SourceProblems, load_metadata, load_metadata_lines


def check(where: dict) -> None:
    """``where``: {docs-relative page: (metadata file, {paragraph id: source line})}.
    Raise SourceProblems for every paragraph that not all versions of its instrument
    have and no version acknowledges."""
    works: dict = {}
    for rel, (meta_path, lines) in where.items():
        page = PagePath.parse(rel)
        version = works.setdefault(page.instrument, {}).setdefault(page.lang, {"meta": meta_path, "ids": {}})
        for ident, line in lines.items():
            version["ids"].setdefault(ident, (page, line))
    problems = []
    for instrument, by_lang in sorted(works.items()):
        if len(by_lang) < 2:
            continue
        acknowledged = _acknowledged(instrument, by_lang)
        every = {ident for version in by_lang.values() for ident in version["ids"]}
        for lang, version in sorted(by_lang.items()):
            for ident in sorted(every - set(version["ids"]) - acknowledged):
                problems.append(_problem(instrument, ident, lang, version, by_lang))
    if problems:
        raise SourceProblems(problems)


def _acknowledged(instrument: str, by_lang: dict) -> set:
    """The paragraph ids that the metadata of any version of ``instrument`` acknowledges."""
    found = set()
    for version in by_lang.values():
        for entry in load_metadata(version["meta"])["instruments"]:
            if entry["id"] == instrument:
                found.update(item["paragraph"] for item in entry.get("differences") or [])
    return found


def _problem(instrument: str, ident: str, lang: str, lacking: dict, by_lang: dict):
    """(path, line, message): at the line of the first version that has the paragraph."""
    having_lang, having = next((code, v) for code, v in sorted(by_lang.items()) if ident in v["ids"])
    line = having["ids"][ident][1]
    source = Path(having["meta"]).parent / load_metadata(having["meta"])["source"]
    entry_line = _entry_line(lacking["meta"], instrument)
    return (source, line, f"paragraph {ident} of {instrument} is in this version ({having_lang}) but not in the "
            f"{lang} version ({lacking['meta']}): check the numbering of both texts, or, if the versions "
            f"really differ there, acknowledge it under the instrument's entry in {lacking['meta']}"
            f"{f' (line {entry_line})' if entry_line else ''}: `differences: [{{paragraph: {ident}, "
            "reason: \"...\"}]`")


def _entry_line(meta_path, instrument: str):
    try:
        data, lines = load_metadata_lines(meta_path)
    except SourceError:
        return None
    for index, entry in enumerate(data["instruments"]):
        if entry["id"] == instrument:
            return lines.get(("instruments", index, "id"))
    return None
