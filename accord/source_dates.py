"""When the library received each text and last changed it: the dates of the commits
that added and last changed its files in sources/ (the text, its metadata, its
corrections), from the project's history. Never the build's date: two builds of one
commit give the same dates, whatever day they run.

A file the history does not hold yet (a text added and not committed) has the date of
the last commit (``SOURCE_DATE_EPOCH``, which the Makefile sets from it), or of the epoch
where there is no history at all.

    >>> Dates({"sources/a": ("2026-11-01", "2026-11-20")}, "2026-12-01").of(["sources/a.yml", "sources/a.txt"])
    ('2026-11-01', '2026-11-20')
    >>> Dates({}, "2026-12-01").of(["sources/new.txt"])
    ('2026-12-01', '2026-12-01')
"""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

SOURCES = "sources"


@dataclass(frozen=True)
class Dates:
    stems: dict          # "sources/x" -> (first, last) ISO dates of the commits of its files
    default: str         # the date of a file the history does not hold

    def of(self, paths) -> tuple[str, str]:
        """(received, last changed) of a text given by any of its files: the dates of
        every file of sources/ with the same stem (text, metadata, corrections)."""
        found = [self.stems[stem] for stem in {_stem(path) for path in paths} if stem in self.stems]
        if not found:
            return self.default, self.default
        return min(first for first, _ in found), max(last for _, last in found)


def _stem(path) -> str:
    """"sources/000_x.corrections.yml" -> "sources/000_x"."""
    name = PurePosixPath(path)
    return str(name.parent / name.name.split(".", 1)[0])


def _default() -> str:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 0)
    return datetime.fromtimestamp(epoch, tz=timezone.utc).date().isoformat()


def load(root) -> Dates:
    """The dates of every file of ``root``/sources/ in the history of ``root``'s repository
    (one pass of ``git log``, newest commit first)."""
    stems: dict = {}
    try:
        log = subprocess.run(["git", "-C", str(root), "log", "--format=%x00%cs", "--name-only", "--no-renames",
                              "--", SOURCES], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        log = ""
    for commit in log.split("\x00")[1:]:
        lines = [line for line in commit.splitlines() if line.strip()]
        if not lines:
            continue
        date, names = lines[0], lines[1:]
        for stem in {_stem(name) for name in names}:
            first, last = stems.get(stem, (date, date))
            stems[stem] = (min(first, date), max(last, date))
    return Dates(stems, _default())


def load_for_docs(docs_dir) -> Dates:
    """The dates of the sources of a docs/ folder (the project's folder is its parent)."""
    return load(Path(docs_dir).resolve().parent)
