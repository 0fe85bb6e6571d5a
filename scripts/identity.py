"""No contributor input can touch another instrument: ids and symbols across the library.

An instrument is one work with up to six language versions, each its own source file,
all sharing the instrument id (DESIGN.md, Identifiers). So an id that two metadata
files give is right only for two language versions of one work: different languages,
the same work metadata (WORK_FIELDS). Anything else would let a new file take over the
pages, permalinks and citations of an instrument already published, and is refused
here, before any page is built, naming both files and lines. A symbol names one
instrument: two ids with one symbol are refused too.

One file giving an id twice is refused by source_io, with the file's other checks.
"""
from dataclasses import dataclass

from .source_io import SourceProblems, load_metadata_lines

# What every language version of one instrument says alike.
WORK_FIELDS = ("symbol", "number", "body", "type", "layout", "date", "original_language")


@dataclass
class Version:
    """One instrument entry of one metadata file, with where it is written."""
    path: object
    language: str
    entry: dict
    id_line: int
    symbol_line: int

    def at(self, line):
        return f"{self.path}:{line}"


def check(meta_paths):
    """Raise SourceProblems (every clash, each on the line of the later file) unless
    ids and symbols are unique across the metadata files, language versions aside."""
    by_id, by_symbol, problems = {}, {}, []
    for path in meta_paths:
        for version in versions(path):
            problems += id_problems(version, by_id.setdefault(version.entry["id"], []))
            problems += symbol_problems(version, by_symbol)
            by_id[version.entry["id"]].append(version)
    if problems:
        raise SourceProblems(problems)


def versions(path):
    """The instrument entries of one metadata file (validated by source_io)."""
    data, lines = load_metadata_lines(path)
    return [Version(path, data["language"], entry, lines[("instruments", index, "id")],
                    lines[("instruments", index, "symbol")])
            for index, entry in enumerate(data["instruments"])]


def id_problems(version, earlier):
    """[(path, line, message)]: this version against the earlier ones of its id."""
    ident = version.entry["id"]
    for other in earlier:
        if other.language == version.language:
            return [(version.path, version.id_line, f"instrument id {ident!r} is already used by "
                     f"{other.at(other.id_line)} in the same language ({version.language}): choose another id "
                     "(one instrument has one text per language)")]
        differences = [f"{field} {_shown(other.entry.get(field))} ≠ {_shown(version.entry.get(field))}"
                       for field in WORK_FIELDS if other.entry.get(field) != version.entry.get(field)]
        if differences:
            return [(version.path, version.id_line, f"instrument id {ident!r} is already used by "
                     f"{other.at(other.id_line)} for another instrument ({', '.join(differences)}): choose "
                     "another id, or, for another language version of it, give the same "
                     f"{', '.join(WORK_FIELDS[:-1])} and {WORK_FIELDS[-1]}")]
    return []


def symbol_problems(version, by_symbol):
    """[(path, line, message)]: this version's symbol against those of other ids; the
    first version of each symbol is recorded in ``by_symbol``."""
    symbol = version.entry["symbol"]
    if symbol is None:
        return []
    other = by_symbol.setdefault(symbol, version)
    if other.entry["id"] == version.entry["id"]:
        return []
    return [(version.path, version.symbol_line, f"symbol {symbol} is already that of instrument "
             f"{other.entry['id']!r} ({other.at(other.symbol_line)}): a symbol names one instrument: correct "
             f"the symbol, or, if this is another language version of it, give it the id {other.entry['id']!r}")]


def _shown(value):
    return "null" if value is None else str(value)
