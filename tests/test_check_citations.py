"""A citation that cannot be linked fails CI unless acknowledged, naming file and line."""
import json
import textwrap

import yaml

from scripts import check_citations


def test_every_unresolved_citation_of_the_corpus_is_acknowledged(built_site):
    assert check_citations.problems(built_site) == []


def test_stale_acknowledgements_are_not_kept(built_site):
    data = json.loads((built_site / "citations.json").read_text(encoding="utf-8"))
    assert check_citations.acknowledged() == {(u["page"], u["text"]) for u in data["unresolved"]}


def test_a_new_unresolved_citation_is_reported_with_file_and_line(built_site, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    data = json.loads((built_site / "citations.json").read_text(encoding="utf-8"))
    (site / "citations.json").write_text(json.dumps(data), encoding="utf-8")
    known = check_citations.acknowledged() - {("instruments/itu-council-decision-598.md", "C17/65")}
    found = check_citations.problems(site, known=known)
    assert len(found) == 1
    assert found[0].startswith("docs/instruments/itu-council-decision-598.zh.md:")
    line = int(found[0].split(":")[1])
    text = (check_citations.ROOT / "docs/instruments/itu-council-decision-598.zh.md").read_text(encoding="utf-8")
    assert "C17/65" in text.splitlines()[line - 1]
    # the message gives the very lines to paste under `acknowledged:`
    assert "acknowledge it in accord/unresolved_citations.yml, under `acknowledged:`" in found[0]
    pasted = yaml.safe_load(textwrap.dedent(found[0].split("with these lines:\n", 1)[1]))
    assert pasted == [{"page": "instruments/itu-council-decision-598.md", "text": "C17/65",
                       "reason": "<why it cannot be linked>"}]
