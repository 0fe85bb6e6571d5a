"""Merge the builds of some language trees each (`make site LANGS=...`) into one site.

    python -m scripts.merge_sites OUT SITE [SITE ...]

Each SITE is the output of a build of some trees (hooks/language_trees.py): its trees,
and the default language's tree at the root with the files every tree shares, which
each such build writes. OUT receives every file of every SITE; a file that several of
them hold must be the same in each (the default tree, the shared files), or nothing is
written and the merge names the file. The search index and the checks then run on OUT
(`make merge`), as on a single build.
"""
import argparse
import hashlib
import shutil
import sys
from pathlib import Path


def files_of(site: Path) -> dict:
    """{relative path: file} of every file of a built site."""
    return {path.relative_to(site).as_posix(): path for path in sorted(site.rglob("*")) if path.is_file()}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def plan(sites) -> dict:
    """{relative path: source file} of the merged site; raises SystemExit naming the first
    file two builds hold with different contents."""
    merged, digests = {}, {}
    for site in sites:
        for rel, path in files_of(Path(site)).items():
            if rel in merged:
                if digests.setdefault(rel, digest(merged[rel])) != digest(path):
                    raise SystemExit(f"error: {rel}: {merged[rel].parent} and {path.parent} hold different "
                                     f"copies (the builds are not of the same docs/ and configuration)")
                continue
            merged[rel] = path
    return merged


def merge(out, sites) -> int:
    """Write the merged site into ``out`` (replacing it whole); -> the number of files."""
    for site in sites:
        if not (Path(site) / "index.html").is_file():
            raise SystemExit(f"error: {site}: no built site there (index.html missing)")
    merged = plan(sites)
    out = Path(out)
    staged = out.with_name(f".{out.name}.merging")
    shutil.rmtree(staged, ignore_errors=True)
    try:
        for rel, path in merged.items():
            target = staged / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
        old = out.with_name(f".{out.name}.replaced")
        shutil.rmtree(old, ignore_errors=True)
        if out.exists():
            out.rename(old)             # the merged site replaces it whole, never half
        staged.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staged, ignore_errors=True)
    return len(merged)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("sites", type=Path, nargs="+")
    args = parser.parse_args(argv)
    if args.out.resolve() in [site.resolve() for site in args.sites]:
        print(f"error: {args.out}: the merged site must not be one of the builds merged", file=sys.stderr)
        return 1
    count = merge(args.out, args.sites)
    print(f"merged {len(args.sites)} build(s) into {args.out}: {count} file(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
