"""The normalizer: sources/ (texts as received + metadata) -> docs/ (Markdown pages).

    python -m scripts.normalize [--sources sources] [--docs docs] [--check] [--force]

All pages are built in memory first; only when every source is valid and every page
may be written is anything written, as a whole new docs/ tree swapped in under a lock
(scripts/transaction.py). A page edited by hand is kept while its source is unchanged;
when both changed, the run stops and says what to do.
"""
import argparse
import difflib
import hashlib
import json
import os
import re
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

import yaml

from accord import listing
from accord.identifiers import PagePath

from . import identity, transaction, versions
from .blocks import split_blocks
from .clean import apply_corrections, clean_lines
from .errors import SourceError
from .layouts import LAYOUTS
from .model import paragraph_lines
from .render import compose_page, content_checksum, render_page, split_front_matter
from .source_io import corrections_path, load_corrections, load_metadata, metadata_files, read_source

ROOT = Path(__file__).resolve().parent.parent
META_FIELDS = ("symbol", "number", "body", "type", "date", "session", "agenda_item",
               "distribution", "original_language")


def split_instruments(cleaned, meta, where):
    """[(entry, cleaned lines of that instrument)] using each entry's ``starts_at`` line."""
    starts = []
    for entry in meta["instruments"]:
        marker = entry["starts_at"]
        if marker is None:
            starts.append(0)
            continue
        found = [i for i, (_, text) in enumerate(cleaned) if text.strip() == str(marker).strip()]
        if not found:
            raise SourceError(where, f"instrument {entry['id']!r}: starts_at line {marker!r} does not occur in the text")
        starts.append(found[0])
    if starts != sorted(starts) or len(set(starts)) != len(starts):
        raise SourceError(where, "instruments must be listed in the order they occur, each at its own line")
    ends = starts[1:] + [len(cleaned)]
    return [(entry, cleaned[a:b]) for entry, a, b in zip(meta["instruments"], starts, ends)]


def page_meta(entry, meta, source_name, page, lines):
    data = {"instrument": entry["id"], "language": meta["language"]}
    for key in META_FIELDS:
        data[key] = entry.get(key)          # dates too: the strict loader keeps them strings
    data["titles"] = dict(entry.get("title") or {})
    if entry.get("label"):
        data["label"] = dict(entry["label"])
    data["source"] = f"sources/{source_name}"
    data["source_lines"] = f"{lines[0]}-{lines[-1]}"
    data.update(page.meta)
    return data


def corrections_made(corrections, lines) -> list:
    """The declared corrections (scripts/source_io.py, a line each) made on ``lines``, as
    the instrument's page records them (its data: data/corrections.json): one entry per
    correction declared, with the lines it was made on.

    >>> corrections_made([{"line": 3, "received": "a", "corrected": "b", "reason": "r", "entry_line": 6},
    ...                   {"line": 5, "received": "a", "corrected": "b", "reason": "r", "entry_line": 6},
    ...                   {"line": 90, "received": "c", "corrected": "d", "reason": "s", "entry_line": 9}], {3, 4, 5})
    [{'lines': [3, 5], 'received': 'a', 'corrected': 'b', 'reason': 'r'}]
    """
    made: dict = {}
    for item in corrections:
        if item["line"] in lines:
            entry = made.setdefault(item["entry_line"], {"lines": [], "received": item["received"],
                                                         "corrected": item["corrected"], "reason": item["reason"]})
            entry["lines"].append(item["line"])
    return [made[key] for key in sorted(made)]


def build_source(meta_path, paragraph_lines_out=None):
    """One metadata file -> {docs-relative path: file text}; ``paragraph_lines_out``, when given, gets
    {docs-relative path: {paragraph id: source line}} (scripts/versions.py)."""
    meta = load_metadata(meta_path)
    source = Path(meta_path).parent / meta["source"]
    corrections = load_corrections(corrections_path(source))
    cleaned = apply_corrections(clean_lines(read_source(source)), corrections, corrections_path(source))
    outputs = {}
    for entry, part in split_instruments(cleaned, meta, source):
        parsed = split_blocks(part, meta["paragraphs"])
        pages = LAYOUTS[entry["layout"]](parsed.blocks, entry, source, f"instruments/{entry['id']}")
        used = set()
        for page in pages:
            page.footnotes = {key: text for key, (text, _) in parsed.footnotes.items()}
            lines = [number for number, text in part if text.strip()]
            page.meta = page_meta(entry, meta, source.name, page, lines)
            if parsed.notes:
                page.meta["document_notes"] = [text for text, _ in parsed.notes]
            if page.path == f"instruments/{entry['id']}":
                made = corrections_made(corrections, {number for number, _ in part})
                if made:
                    page.meta["corrections"] = made
            text = render_page(page)
            used.update(key for key in page.footnotes if f"[^{key}]" in text.split("\n---\n", 1)[-1])
            outputs[f"{page.path}.{meta['language']}.md"] = text
            if paragraph_lines_out is not None:
                paragraph_lines_out[f"{page.path}.{meta['language']}.md"] = paragraph_lines(page.nodes)
        for key, (_, line) in parsed.footnotes.items():
            if key not in used:
                raise SourceError(source, f"footnote {key} is never referenced in the text", line)
    return outputs


# What the pages of a source depend on besides the source: the normalizer's code, its
# schemas and the shared YAML loader.
CODE = sorted(Path(__file__).resolve().parent.glob("*.py")) + sorted(
    Path(__file__).resolve().parent.glob("schemas/*.json")) + [ROOT / "accord" / "strict_yaml.py"]


def _code_digest():
    digest = hashlib.sha256()
    for path in CODE:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.digest()


CODE_DIGEST = _code_digest()


def source_key(meta_path):
    """A digest of everything one source's pages depend on: its text, metadata,
    corrections and the normalizer's own code."""
    digest = hashlib.sha256(CODE_DIGEST)
    meta_path = Path(meta_path)
    text = meta_path.parent / load_source_name(meta_path)
    for path in [meta_path, text, corrections_path(text)]:
        digest.update(path.name.encode() + (path.read_bytes() if path.exists() else b"-"))
    return digest.hexdigest()


def build_source_cached(meta_path, cache_dir):
    """(pages, {page: {paragraph id: source line}}, cache hit) of build_source, the work
    skipped when nothing the source depends on changed since last run."""
    if cache_dir is not None:
        cached = Path(cache_dir) / f"{source_key(meta_path)}.json"
        if cached.exists():
            data = json.loads(cached.read_text(encoding="utf-8"))
            return data["pages"], data["lines"], True
    lines = {}
    outputs = build_source(meta_path, paragraph_lines_out=lines)
    if cache_dir is not None:
        write_atomic(cached, json.dumps({"pages": outputs, "lines": lines}, ensure_ascii=False, sort_keys=True))
    return outputs, lines, False


def build_all(sources_dir, cache_dir=None, skipped=None):
    """Every source -> {docs-relative path: file text}; ``skipped`` collects the
    metadata files whose cached pages were reused."""
    described = {load_source_name(meta) for meta in metadata_files(sources_dir)}
    for text in sorted(Path(sources_dir).glob("*.txt")):
        if text.name not in described:
            raise SourceError(text, f"metadata file missing: write {text.with_suffix('.yml').name} beside it")
    identity.check(metadata_files(sources_dir))     # ids and symbols, across files, before any page
    outputs, where = {}, {}
    for meta_path in metadata_files(sources_dir):
        pages, lines, hit = build_source_cached(meta_path, cache_dir)
        if hit and skipped is not None:
            skipped.append(meta_path.name)
        for path, text in pages.items():
            if path in outputs:
                raise SourceError(meta_path, f"page {path} is produced twice: instrument ids must be unique")
            outputs[path] = text
            where[path] = (meta_path, lines.get(path, {}))
    versions.check(where)                           # language versions of one work, alike in structure
    return add_language_versions(outputs)


def add_language_versions(outputs, default="en"):
    """Record which languages hold each page's text, and give every page without a text
    in the default language a fallback page (front matter only) in that language, so
    that the page exists in every language tree of the site; hooks fill it at build time."""
    groups = {}
    for rel in outputs:
        page = PagePath.parse(rel)
        groups.setdefault(page.base, []).append(page.lang)
    result = {}
    for base, langs in sorted(groups.items()):
        langs = sorted(langs)
        for lang in langs:
            meta, body = split_front_matter(outputs[f"{base}.{lang}.md"])
            result[f"{base}.{lang}.md"] = compose_page(dict(meta, languages_available=langs), body)
        if default not in langs:
            meta = split_front_matter(outputs[f"{base}.{langs[0]}.md"])[0]
            titles = dict(meta.get("label") or {}, **(meta.get("titles") or {}))
            if meta.get("article") is None and titles.get(default):
                meta["title"] = titles[default]
            meta.pop("document_notes", None)
            meta.pop("corrections", None)          # the text's own: data/corrections.json
            result[f"{base}.md"] = compose_page(
                dict(meta, language=None, languages_available=langs, fallback=True), "")
    return result


def listing_pages(outputs, docs_dir):
    """The pages of the long lists' parts (accord/listing.py) for the instruments of
    ``outputs``: front matter only (the build makes them from the corpus), laid out as
    their list's own page (its ``hide``)."""
    records = {}
    for rel, text in outputs.items():
        meta = split_front_matter(text)[0]
        if meta.get("instrument") and PagePath.parse(rel).article is None:
            records[meta["instrument"]] = SimpleNamespace(id=meta["instrument"], body=meta.get("body"),
                                                          date=meta.get("date"))
    hides = {}
    for kind, home in listing.HOMES.items():
        path = Path(docs_dir) / home
        hides[kind] = front_matter(read_page(path))[0].get("hide") if path.exists() else None
    pages = {}
    for rel, meta in listing.part_pages(records.values()):
        hide = hides[meta["listing"]["kind"]]
        pages[rel] = compose_page(dict(meta, hide=hide) if hide else meta, "")
    return pages


def load_source_name(meta_path):
    return load_metadata(meta_path)["source"]


def front_matter(text):
    """(meta, body) of a page; front matter that does not parse counts as none, so that
    the page is one the normalizer cannot vouch for (edited by hand), not a traceback."""
    try:
        return split_front_matter(text)
    except yaml.YAMLError:
        return {}, text


def hand_edited(existing_text):
    """True when a page may hold an edit by hand: its text no longer matches the checksum
    the normalizer wrote, or it has no checksum at all (the line removed, the front
    matter gone or broken). Without a checksum the normalizer cannot tell an edit from
    its own page, and overwriting it silently could lose the edit."""
    recorded = front_matter(existing_text)[0].get("normalizer_checksum")
    return recorded is None or content_checksum(existing_text) != recorded


ID = re.compile(r'(?:\{: #| id=")(\w+)')


def removed_ids(existing_text, new_text):
    """Paragraph ids of a page that its new version no longer has."""
    return sorted(set(ID.findall(front_matter(existing_text)[1])) - set(ID.findall(front_matter(new_text)[1])))


def id_lines(text):
    """{paragraph id: the 1-based line of the page file where it first occurs}."""
    body = front_matter(text)[1]
    first = text[: len(text) - len(body)].count("\n") + 1
    found = {}
    for number, line in enumerate(body.splitlines(), first):
        for ident in ID.findall(line):
            found.setdefault(ident, number)
    return found


def corresponding_line(generated, edited, line):
    """The line of a hand-edited page where ``line`` of the generated page stands, or
    stood before the edit removed it. The source being unchanged, the generated page is
    the page as it was before the hand edit, so a line diff of the two finds the place."""
    old, new = generated.splitlines(), edited.splitlines()
    index = line - 1
    for _, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if i1 <= index < i2:
            return max(1, min(j1 + min(index - i1, max(j2 - j1 - 1, 0)) + 1, len(new)))
    return max(1, len(new))


def stale_pages(outputs, docs_dir):
    """Generated pages (with a normalizer_checksum) under docs/instruments, and the long
    lists' part pages, that no source produces any more; a page without a checksum is the
    contributor's own and stays."""
    found = []
    for folder in ("instruments", *listing.HOMES):
        top = Path(docs_dir) / folder
        for path in sorted(top.rglob("*.md")) if top.is_dir() else []:
            rel = path.relative_to(docs_dir).as_posix()
            if folder != "instruments" and not listing.is_part_path(rel):
                continue
            if rel not in outputs and front_matter(read_page(path))[0].get("normalizer_checksum"):
                found.append(rel)
    return found


def replaced_fallback(rel, outputs, default="en"):
    """True for a fallback page (``x.md``) whose place a text in the default language
    (``x.en.md``, added since) takes: the page does not disappear, it gets its text."""
    base, dot, suffix = rel.rpartition(".")
    return dot == "." and suffix == "md" and "." not in Path(base).name and f"{base}.{default}.md" in outputs


ID_ADVICE = ("ids are permalinks that readers cite and link to: keep them, or, if the change is "
             "intended, run `python -m scripts.normalize --allow-id-change` and say why in the pull request")
FORCE_ADVICE = ("move the edit into the source (or a correction file), or run `python -m scripts.normalize "
                "--force` to overwrite the page with the text generated from the source")


def read_page(path):
    """A page's text; a page that is not UTF-8 (a bad edit) is refused with its name."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(path, f"invalid UTF-8 at byte {error.start}: save the page as UTF-8") from error


def plan_writes(outputs, docs_dir, force=False, allow_id_change=False):
    """Decide what to write and delete, before anything is written: raise on a page
    edited by hand whose source changed too (or that has no checksum to tell), on a hand
    edit that removes paragraph ids, and on paragraph ids or pages that would disappear.
    Returns (writes {docs-relative path: text}, pages kept as edited, pages to delete).
    The long lists' part pages for the instruments of ``outputs`` are planned with them."""
    outputs = dict(outputs, **listing_pages(outputs, docs_dir))
    stale = stale_pages(outputs, docs_dir)
    check_stale(stale, outputs, docs_dir, force, allow_id_change)
    writes, kept = {}, []
    for rel, text in sorted(outputs.items()):
        target = Path(docs_dir) / rel
        existing = read_page(target) if target.exists() else None
        if existing == text:
            continue
        if existing is not None and hand_edited(existing) and not force:
            check_hand_edit(target, existing, text, allow_id_change)
            kept.append(rel)        # the source did not change: the hand edit stands
            continue
        if existing is not None and not allow_id_change:
            gone = removed_ids(existing, text)
            if gone:
                raise SourceError(target, f"paragraph ids would disappear ({', '.join(gone[:6])}"
                                  f"{', ...' if len(gone) > 6 else ''}): {ID_ADVICE}")
        writes[rel] = text
    return writes, kept, stale


def check_stale(stale, outputs, docs_dir, force=False, allow_id_change=False):
    """Refuse pages that would disappear (unless --allow-id-change), and a hand-edited
    fallback page that a new text replaces (unless --force): the edit would be lost."""
    # a part of a list that the library no longer fills goes without a word: it has no ids
    gone = [rel for rel in stale if not replaced_fallback(rel, outputs) and not listing.is_part_path(rel)]
    if gone and not allow_id_change:
        raise SourceError(Path(docs_dir) / gone[0], f"no source produces this page any more (an instrument id "
                          f"changed or a source was removed; {len(gone)} page(s) in all): {ID_ADVICE}")
    for rel in stale:
        target = Path(docs_dir) / rel
        if rel not in gone and not force and hand_edited(read_page(target)):
            raise SourceError(target, "this page was edited by hand and a text in its language now takes its "
                              f"place: {FORCE_ADVICE}")


def check_hand_edit(target, edited, generated, allow_id_change=False):
    """A hand-edited page is kept only while its source is unchanged (the checksum it
    records is that of the page generated now) and its paragraph ids are all there."""
    recorded = front_matter(edited)[0].get("normalizer_checksum")
    if recorded is None:
        raise SourceError(target, "this page has no normalizer_checksum in its front matter (removed by hand?), "
                          "so the normalizer cannot tell whether it was edited or its source changed: restore "
                          "the line (git diff shows it), or run `python -m scripts.normalize --force` to "
                          "overwrite the page with the text generated from the source")
    if recorded != front_matter(generated)[0].get("normalizer_checksum"):
        raise SourceError(target, f"this page was edited by hand and its source changed since: {FORCE_ADVICE}")
    if not allow_id_change:
        check_kept_ids(target, edited, generated)


def check_kept_ids(target, edited, generated):
    """Refuse a hand edit that removes or renames paragraph ids: ids are permalinks,
    whether the normalizer or a contributor would make them disappear. Names the line of
    the edited page where each id was."""
    gone = removed_ids(generated, edited)
    if not gone:
        return
    lines = id_lines(generated)
    where = {ident: corresponding_line(generated, edited, lines[ident]) for ident in gone}
    gone.sort(key=lambda ident: (where[ident], ident))
    listed = ", ".join(f"{ident} (line {where[ident]})" for ident in gone[:6]) + (", ..." if len(gone) > 6 else "")
    added = removed_ids(edited, generated)
    instead = f"; it has {', '.join(added[:6])} instead" if added else ""
    raise SourceError(target, f"this page was edited by hand and the edit removes paragraph ids "
                      f"{listed}{instead}: {ID_ADVICE}", where[gone[0]])


def write_atomic(path, text):
    """Write one file atomically (a temporary file beside it, then a rename): for the
    parse cache in .cache/. Pages are not written one by one but as a whole new docs/
    tree swapped in (scripts/transaction.py)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def writing_options(parser):
    """The options of every command that writes docs/ (the normalizer, make add)."""
    parser.add_argument("--force", action="store_true", help="overwrite pages edited by hand")
    parser.add_argument("--allow-id-change", action="store_true",
                        help="accept pages and paragraph ids that disappear (stale pages are deleted)")
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / "normalize",
                        help="reuse the pages of sources that did not change (default: .cache/normalize)")
    parser.add_argument("--no-cache", dest="cache", action="store_const", const=None)
    parser.add_argument("--lock-timeout", type=float, default=transaction.LOCK_TIMEOUT, metavar="SECONDS",
                        help="how long to wait for another run (make add, the normalizer) to finish")


def run_reporting(run, advice=lambda message: message):
    """``run()``'s exit status; a refusal or a failed write printed as one line
    ("error: file:line: what to do"), exit 1, never a traceback."""
    try:
        return run()
    except SourceError as error:
        print(f"error: {advice(str(error))}", file=sys.stderr)
    except (transaction.WriteError, transaction.LockTimeout) as error:
        print(f"error: {error}", file=sys.stderr)
    except OSError as error:
        print(f"error: {transaction.describe(error)}", file=sys.stderr)
    return 1


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", default=ROOT / "sources", type=Path)
    parser.add_argument("--docs", default=ROOT / "docs", type=Path)
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if docs/ is out of date")
    writing_options(parser)
    args = parser.parse_args(argv)

    def run():
        with transaction.locked([args.sources, args.docs], args.lock_timeout, shared=args.check):
            return normalize(args)
    return run_reporting(run)


def normalize(args):
    """One run, the lock held: plan every page first, then swap in the new docs/ tree."""
    if not args.check:
        transaction.recover([args.sources, args.docs])
    skipped = []
    writes, kept, stale = plan_writes(build_all(args.sources, args.cache, skipped), args.docs,
                                      args.force, args.allow_id_change)
    if skipped:
        print(f"unchanged, not parsed again: {', '.join(skipped)}")
    for rel in kept:
        print(f"kept {rel}: edited by hand, its source unchanged")
    if args.check:
        for rel in list(writes) + stale:
            print(f"out of date: docs/{rel}")
        return 1 if writes or stale else 0
    if writes or stale:
        transaction.commit([transaction.stage(args.docs, writes, stale)])
    for rel in writes:
        print(f"wrote docs/{rel}")
    for rel in stale:
        print(f"deleted docs/{rel}: no source produces it any more")
    return 0


if __name__ == "__main__":
    sys.exit(main())
