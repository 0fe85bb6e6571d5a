"""The pages of docs/ as every build stage reads them: their front matter, one scan of
the instrument pages (read again only where a file changed) and the YAML data files.
Knows no engine: the corpus model (accord/corpus.py) is built from it.
"""
import contextlib
import copy
import os
from pathlib import Path

from accord import strict_yaml
from accord.errors import BuildProblem


# Pages already read, by path, with the (mtime, size) they had: every stage reads
# every page in each of the six language builds; a page is parsed again only when it
# changed (make serve).
_READ = {}


def read_front_matter(path):
    """(front matter, Markdown body) of a docs page; the body as it stands after the
    closing '---' line (callers that render it strip the blank line themselves).
    The front matter is the caller's own copy."""
    path = Path(path)
    stat = path.stat()
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _READ.get(path)
    if cached is None or cached[0] != key:
        cached = _READ[path] = (key, _parse(path))
    meta, body = cached[1]
    return copy.deepcopy(meta), body


# The last scan of docs/instruments: (signature of every file, pages, pages by path).
# Each of the six
# language builds, and each page rebuilt by `make serve`, asks for it again.
_SCAN = {}


def instrument_pages(docs_dir, stats=None):
    """Every page under docs_dir/instruments, in path order, as (path, rel, meta, body)
    with rel the path relative to docs_dir. Read-only: meta is the parsed object shared
    by every caller (read_front_matter gives a copy to whoever needs to change one).
    Pages are parsed again only when they changed; the list is the same object for as
    long as no page was added, removed or changed. ``stats``: {rel: (mtime_ns, size)}
    of every file of docs_dir, just read (make serve's look at docs/ after an edit),
    instead of looking at the folder again."""
    docs_dir = Path(docs_dir)
    root = str(docs_dir)
    if root in _PINNED and root in _SCAN:
        return _SCAN[root][1]
    signature = _signature(root) if stats is None else [
        (rel.split("/"), mtime, size) for rel, (mtime, size) in stats.items()
        if rel.startswith("instruments/") and rel.endswith(".md")]
    signature.sort()                       # by path parts, the order of sorted(Path, ...)
    cached = _SCAN.get(root)
    if cached is not None and cached[0] == signature:
        return cached[1]
    before = cached[2] if cached is not None else {}
    pages, by_rel = [], {}
    for parts, mtime, size in signature:
        rel = "/".join(parts)
        page = before.get(rel)
        if page is None or page[0] != (mtime, size):
            path = docs_dir.joinpath(*parts)
            entry = _READ.get(path)
            if entry is None or entry[0] != (mtime, size):
                entry = _READ[path] = ((mtime, size), _parse(path))
            page = ((mtime, size), (path, rel) + entry[1])
        by_rel[rel] = page
        pages.append(page[1])
    _SCAN[root] = (signature, pages, by_rel)
    return pages


def _signature(root: str) -> list:
    """[(path parts, mtime_ns, size)] of the pages under root/instruments (hidden
    folders left out, as make serve's look at docs/ and MkDocs leave them)."""
    signature = []
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, "instruments")):
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]   # not pages (MkDocs)
        folder = os.path.relpath(dirpath, root).split(os.sep)
        for name in filenames:
            if name.endswith(".md"):
                stat = os.stat(os.path.join(dirpath, name))
                signature.append((folder + [name], stat.st_mtime_ns, stat.st_size))
    return signature


# docs/ folders whose last scan stands until unpinned (see pinned()).
_PINNED = set()


@contextlib.contextmanager
def pinned(docs_dir, stats=None):
    """Scan docs_dir once (from ``stats``, as instrument_pages), then let that scan
    stand for every call inside the block: `make serve` renders one edit in six
    language builds, each of which would look at every file of docs/ again (60 ms at
    1,000 instruments, 24 times)."""
    root = str(Path(docs_dir))
    _PINNED.discard(root)
    instrument_pages(docs_dir, stats)
    _PINNED.add(root)
    try:
        yield
    finally:
        _PINNED.discard(root)


def last_scan(docs_dir):
    """The pages instrument_pages() last gave for docs_dir, without looking at docs/ again
    (make serve compares them with the scan after an edit); [] before any scan."""
    cached = _SCAN.get(str(Path(docs_dir)))
    return cached[1] if cached is not None else []


# YAML data files (accord/labels.yml, series.yml), by path, with the (mtime, size) they had.
_DATA = {}


def read_yaml(path, copy_for_caller=True):
    """A YAML data file of the site, parsed once per change (with the strict loader, as
    every file a contributor may edit); the caller's own copy, or (copy_for_caller
    False) the shared object, for callers that only read it."""
    path = Path(path)
    stat = path.stat()
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _DATA.get(path)
    if cached is None or cached[0] != key:
        text = path.read_text(encoding="utf-8")
        try:
            cached = _DATA[path] = (key, strict_yaml.load(text)[0])
        except strict_yaml.YAMLProblem as problem:
            where = f"{path}:{problem.line}" if problem.line else str(path)
            raise BuildProblem(f"{where}: {problem.message}") from problem
    return copy.deepcopy(cached[1]) if copy_for_caller else cached[1]


def _parse(path):
    """(front matter, body) of a page, read with the strict loader (accord/strict_yaml.py)
    as the normalizer reads it (render.split_front_matter): a page is edited by hand, and
    an alias, a tag or a key written twice there is refused, naming the page and the
    line. Dates stay the strings the normalizer writes. The loader runs libyaml's parser
    where PyYAML has it: every language build reads every page's front matter."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}, text
    head, _, body = text[4:].partition("\n---\n")
    try:
        meta = strict_yaml.load(head)[0]
    except strict_yaml.YAMLProblem as problem:
        raise BuildProblem(f"{path}: malformed front matter{_at_line(problem.line)}: "
                          f"{problem.message.removeprefix('malformed YAML: ')}") from problem
    if meta is not None and not isinstance(meta, dict):
        raise BuildProblem(f"{path}: malformed front matter at line 2: it must be key: value lines")
    return meta or {}, body


def _at_line(line):
    """The words " at line N" for a line of the front matter, counted in the page file
    (where the front matter starts on line 2). Not "page:N:": the tests and make serve's
    log look for "<page>: malformed front matter"."""
    return f" at line {line + 1}" if line else ""
