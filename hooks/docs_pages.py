"""What the hooks share about docs/ pages: their front matter and text direction.

Not a hook (MkDocs does not load it as one): the hook modules import it from hooks/,
which they put on sys.path since hooks/ is not a package.
"""
import copy
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

RTL = {"ar"}
# libyaml's safe loader where PyYAML has it: every hook reads every page's front matter.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def direction(lang):
    """The text direction of a language: "rtl" for Arabic, else "ltr"."""
    return "rtl" if lang in RTL else "ltr"


# Pages already read, by path, with the (mtime, size) they had: the three hooks read
# every page in each of the six language builds; a page is parsed again only when it
# changed (mkdocs serve).
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


def _parse(path):
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}, text
    head, _, body = text[4:].partition("\n---\n")
    try:
        return yaml.load(head, Loader=LOADER) or {}, body
    except yaml.YAMLError as error:
        raise PluginError(f"{path}: malformed front matter: {error}") from error
