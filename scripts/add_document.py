"""Add a document to the library in one command: its text as received (or the Word
document it is in) and its metadata.

    python -m scripts.add_document path/to/text.txt path/to/metadata.yml [--force] [--allow-id-change]
    make add FILE=path/to/text.txt META=path/to/metadata.yml     (or FILE= a .docx or a .pdf)

A Word document or a PDF is kept in sources/ as it was given, with its checksum
(``<name>.docx.sha256``) and the text extracted from it (``<name>.txt``,
scripts/extract.py), which the metadata's ``source`` names; from there on it goes as a
text does.

The whole change is planned before anything is written: the library is normalized with
the new files in a trial copy of sources/, and the pages it gives are checked against
the real docs/ (pages edited by hand, pages and paragraph ids that would disappear:
``normalize.plan_writes``). Only when all of it is valid are the new sources/ and docs/
built beside the old ones and swapped in, sources/ first (scripts/transaction.py), the
lock held so that no other `make add` or normalizer run interleaves. On error nothing
is changed, and the message names the contributor's own file, not the trial copy. A run
killed between the two swaps leaves sources/ new and docs/ old: the same command run
again finds its files already in sources/ and completes docs/.
"""
import argparse
import secrets
import shutil
import sys
from pathlib import Path

from . import extract, normalize, transaction
from .errors import SourceError
from .source_io import SourceProblems, corrections_path, load_metadata, read_source

ROOT = Path(__file__).resolve().parent.parent


def new_files(given, meta):
    """{name in sources/: contents}: the text as received (for a Word document, the
    document itself, its checksum and the text extracted from it: scripts/extract.py),
    its metadata (named after the text) and, when there is one beside the file, its
    corrections file."""
    given, meta = Path(given), Path(meta)
    if extract.is_original(given):
        data = _read(given)
        text = extract.extract(given)
        files = {given.name: data, extract.checksum_name(given): extract.checksum_line(given, data).encode("utf-8"),
                 extract.text_name(given): text.encode("utf-8")}
    else:
        data = _read(given)
        extract.refuse_as_text(given, data)
        read_source(given)
        files = {given.name: data}
    files[f"{given.stem}.yml"] = _read(meta)
    if corrections_path(given).exists():
        files[corrections_path(given).name] = _read(corrections_path(given))
    return files


def _read(path):
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise SourceError(path, f"cannot read the file ({error.strerror})") from None


def given_paths(given, meta, names):
    """{name in sources/: the contributor's file it comes from}, for messages."""
    return {name: Path(meta) if name == f"{Path(given).stem}.yml" else
            corrections_path(given) if name == corrections_path(given).name else Path(given) for name in names}


def check_new_files(text, meta, contents, sources, cache=None):
    """The pages of the whole library with the new files (``contents``: new_files) added,
    {docs-relative path: text}; raise SourceError (naming the contributor's file) unless
    they fit beside the existing sources."""
    text = Path(text)
    received = extract.text_name(text) if extract.is_original(text) else text.name
    data = load_metadata(meta)
    if data["source"] != received:
        made = f" (Accord writes the text of {text.name} as {received})" if received != text.name else ""
        raise SourceError(meta, f"'source: {data['source']}' must name the text file: write 'source: {received}'{made}")
    for name, given in contents.items():
        existing = Path(sources) / name
        if existing.exists() and existing.read_bytes() != given:
            raise SourceError(existing, "a different file of this name is already in sources/: rename yours")
    return trial_build(contents, given_paths(text, meta, contents), sources, cache)


def trial_build(contents, files, sources, cache=None):
    """normalize.build_all on a copy of sources/ holding the new files. The copy is in
    .cache/staging, where the next run clears it if this one is killed."""
    real = Path(sources).resolve()
    trial = transaction.staging_dir(real) / f"{real.name}.trial-{secrets.token_hex(4)}"
    try:
        trial.parent.mkdir(parents=True, exist_ok=True)
        if real.is_dir():
            shutil.copytree(real, trial)
        else:
            trial.mkdir()
        for name, data in contents.items():
            (trial / name).write_bytes(data)
        return normalize.build_all(trial, cache)
    except SourceError as error:
        raise contributor_error(error, trial, files, sources) from None
    except OSError as error:
        raise transaction.WriteError(sources, error, [sources]) from error
    finally:
        shutil.rmtree(trial, ignore_errors=True)


def contributor_error(error, trial, files, sources):
    """The same error (every problem of it), naming the contributor's own files (the
    paths they gave) or the files of sources/, instead of the trial copy, which is gone
    by the time they read it."""
    def own(path):
        path = Path(path)
        return files.get(path.name, Path(sources) / path.name) if path.parent == trial else path

    def words(message):
        for name, given in files.items():
            message = message.replace(str(trial / name), str(given))
        return message.replace(str(trial), str(sources))
    if isinstance(error, SourceProblems):
        return SourceProblems([(own(path), line, words(message)) for path, line, message in error.problems])
    return SourceError(own(error.path), words(error.message), error.line)


def plan(args):
    """Everything the addition changes, checked, before anything is written:
    (sources/ files {name: bytes}, pages to write, pages kept as edited, pages to delete)."""
    contents = new_files(args.text, args.metadata)
    outputs = check_new_files(args.text, args.metadata, contents, args.sources, args.cache)
    writes, kept, stale = normalize.plan_writes(outputs, args.docs, args.force, args.allow_id_change)
    sources = {}
    for name, data in contents.items():
        existing = args.sources / name
        if not existing.exists() or existing.read_bytes() != data:
            sources[name] = data
    return sources, writes, kept, stale


def add(args):
    """One run, the lock held: plan, build both new trees beside the old ones, then swap
    them in, sources/ first."""
    transaction.recover([args.sources, args.docs])
    sources, writes, kept, stale = plan(args)
    trees = [args.sources, args.docs]
    staged = []
    try:
        if sources:
            staged.append(transaction.stage(args.sources, sources, untouched=trees))
        if writes or stale:
            staged.append(transaction.stage(args.docs, writes, stale, untouched=trees))
    except BaseException:
        for item in staged:
            item.discard()
        raise
    transaction.commit(staged)
    for name in sources:
        print(f"added sources/{name}")
    for rel in kept:
        print(f"kept {rel}: edited by hand, its source unchanged")
    for rel in writes:
        print(f"wrote docs/{rel}")
    for rel in stale:
        print(f"deleted docs/{rel}: replaced by the new text")
    if not staged:
        print(f"{args.text.name} is already in sources/ and docs/ is up to date: nothing to do")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text", type=Path, help="the text as received (UTF-8), or the Word document (.docx) "
                                                "or PDF the official site gives")
    parser.add_argument("metadata", type=Path, help="its metadata file (see CONTRIBUTING.md)")
    parser.add_argument("--sources", default=ROOT / "sources", type=Path)
    parser.add_argument("--docs", default=ROOT / "docs", type=Path)
    normalize.writing_options(parser)
    args = parser.parse_args(argv)

    def run():
        with transaction.locked([args.sources, args.docs], args.lock_timeout):
            return add(args)
    # plan_writes advises re-running the normalizer with an option: here it is this command.
    again = f"python -m scripts.add_document {args.text} {args.metadata}"
    return normalize.run_reporting(run, lambda message: message.replace("python -m scripts.normalize", again))


if __name__ == "__main__":
    sys.exit(main())
