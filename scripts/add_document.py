"""Add a document to the library in one command: its text as received and its metadata.

    python -m scripts.add_document path/to/text.txt path/to/metadata.yml
    make add TEXT=path/to/text.txt META=path/to/metadata.yml

Both files are checked first, by normalizing the whole library with them in a
temporary copy of sources/; only if that succeeds are they copied into sources/ (the
text byte for byte) and the pages regenerated. Nothing is changed on error.
"""
import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from . import normalize
from .errors import SourceError
from .source_io import corrections_path, load_metadata, read_source

ROOT = Path(__file__).resolve().parent.parent


def check_new_files(text, meta, sources):
    """Raise SourceError unless text + metadata fit beside the existing sources."""
    read_source(text)
    data = load_metadata(meta)
    if data["source"] != text.name:
        raise SourceError(meta, f"'source: {data['source']}' must name the text file: write 'source: {text.name}'")
    for new, existing in ((text, sources / text.name), (meta, sources / f"{text.stem}.yml")):
        if existing.exists() and existing.read_bytes() != new.read_bytes():
            raise SourceError(existing, "a different file of this name is already in sources/: rename yours")
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / "sources"
        shutil.copytree(sources, trial)
        shutil.copyfile(text, trial / text.name)
        shutil.copyfile(meta, trial / f"{text.stem}.yml")
        if corrections_path(text).exists():
            shutil.copyfile(corrections_path(text), corrections_path(trial / text.name))
        normalize.build_all(trial)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text", type=Path, help="the text as received (UTF-8)")
    parser.add_argument("metadata", type=Path, help="its metadata file (see CONTRIBUTING.md)")
    parser.add_argument("--sources", default=ROOT / "sources", type=Path)
    parser.add_argument("--docs", default=ROOT / "docs", type=Path)
    args = parser.parse_args(argv)
    try:
        check_new_files(args.text, args.metadata, args.sources)
    except SourceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    shutil.copyfile(args.text, args.sources / args.text.name)
    shutil.copyfile(args.metadata, args.sources / f"{args.text.stem}.yml")
    if corrections_path(args.text).exists():
        shutil.copyfile(corrections_path(args.text), corrections_path(args.sources / args.text.name))
    print(f"added sources/{args.text.name} and sources/{args.text.stem}.yml")
    return normalize.main(["--sources", str(args.sources), "--docs", str(args.docs)])


if __name__ == "__main__":
    sys.exit(main())
