"""Fail on citations that could not be linked and are not acknowledged.

    python -m scripts.check_citations [site]

The build (accord/citation_graph.py) writes the citations it could not link into <site>/citations.json
("unresolved"). Each must be acknowledged, with a reason, in
accord/unresolved_citations.yml; any other is reported as ``docs/<page>:<line>: ...``
with what to do, and the exit status is 1.
"""
import json
import sys
from pathlib import Path

import yaml

from accord.identifiers import PagePath

ROOT = Path(__file__).resolve().parent.parent
ACKNOWLEDGED = ROOT / "accord" / "unresolved_citations.yml"


def acknowledged(path=ACKNOWLEDGED):
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return {(entry["page"], entry["text"]) for entry in data.get("acknowledged") or []}


def line_of(docs, page, lang, text):
    """docs file and 1-based line where the citation's text stands."""
    path = Path(docs) / PagePath.parse(page).with_lang(lang).path
    if path.exists():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if text in line:
                return path, number
    return path, None


def acknowledgement(entry):
    """The YAML entry that acknowledges an unresolved citation, to paste as it is."""
    return yaml.safe_dump([{"page": entry["page"], "text": entry["text"],
                            "reason": "<why it cannot be linked>"}], allow_unicode=True, sort_keys=False,
                          width=10**6).rstrip("\n").replace("\n", "\n  ").join(["  ", ""])


def problems(site, docs=ROOT / "docs", known=None):
    known = acknowledged() if known is None else known
    data = json.loads((Path(site) / "citations.json").read_text(encoding="utf-8"))
    found = []
    for entry in data["unresolved"]:
        if (entry["page"], entry["text"]) in known:
            continue
        path, line = line_of(docs, entry["page"], entry["lang"], entry["text"])
        where = f"{path.relative_to(Path(docs).parent) if path.is_relative_to(Path(docs).parent) else path}" + (f":{line}" if line else "")
        found.append(f"{where}: citation “{entry['text']}” cannot be linked ({entry['reason']}): add the cited "
                     f"instrument to the library, correct the citation, or acknowledge it in "
                     f"{ACKNOWLEDGED.relative_to(ROOT)}, under `acknowledged:`, with these lines:\n"
                     + acknowledgement(entry))
    return found


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    site = Path(argv[0] if argv else "site")
    found = problems(site)
    for problem in found:
        print(problem)
    print(f"citations: {len(found)} unresolved citation(s) not acknowledged" if found
          else "citations: every unresolved citation is acknowledged")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
