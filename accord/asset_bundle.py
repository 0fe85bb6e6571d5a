"""Accord's own stylesheets and scripts, each kind as one minified file: the pages load
two files of Accord's instead of eight (rcssmin and rjsmin, pinned in requirements.txt).
What the first paint does not need (LATER: the search results' look) is a third file,
which no page links: the search box loads it when the reader first opens it, or when a
page opens from a result (overrides/assets/javascripts/pagefind-search.js), so it never
blocks a page's first paint.
The files stay as they are in docs/ and overrides/ (contributors edit those, and
Zensical links them one by one); mkdocs.yml lists them in their order, and the hook
(hooks/asset_bundle.py) puts the bundles in their place in every page.

    >>> css_bundle(["a { color: red; }\\n/* note */\\n", "@media print { b { margin: 0 } }"])
    'a{color:red}\\n@media print{b{margin:0}}\\n'
    >>> js_bundle(["(function () { var x = 1; })()", "(function () {})();"])
    '(function(){var x=1;})();\\n(function(){})();\\n'
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import rcssmin
import rjsmin

CSS = "assets/accord.min.css"
LATER_CSS = "assets/accord-search.min.css"
JS = "assets/accord.min.js"
# The stylesheets (as mkdocs.yml lists them) that go into LATER_CSS, not CSS.
LATER = ("assets/stylesheets/pagefind-search.css",)
# Where a build's configuration keeps the files the bundles are made of (config.extra).
SOURCES = "accord_asset_sources"


def css_bundle(texts) -> str:
    """The stylesheets in their order, minified, one line each."""
    return "".join(rcssmin.cssmin(text).strip() + "\n" for text in texts)


def js_bundle(texts) -> str:
    """The scripts in their order, minified; each ends its statement (a script that
    ends without ";" cannot run into the next)."""
    return "".join(rjsmin.jsmin(text).strip().rstrip(";") + ";\n" for text in texts)


def source_file(rel: str, folders) -> Path:
    """Where the asset ``rel`` (as mkdocs.yml lists it) is: the first of ``folders``
    (docs/, then the theme's folders, as MkDocs looks) that holds it."""
    for folder in folders:
        path = Path(folder) / rel
        if path.is_file():
            return path
    raise FileNotFoundError(f"{rel}: listed in mkdocs.yml, found in none of {', '.join(map(str, folders))}")


def write(site_dir, css_sources, js_sources, folders) -> list:
    """Write the bundles into ``site_dir``, each all-or-nothing; their paths."""
    written = []
    first = [src for src in css_sources if src not in LATER]
    later = [src for src in css_sources if src in LATER]
    for rel, sources, bundle in ((CSS, first, css_bundle), (LATER_CSS, later, css_bundle), (JS, js_sources, js_bundle)):
        texts = [source_file(src, folders).read_text(encoding="utf-8") for src in sources]
        written.append(_replace(Path(site_dir) / rel, bundle(texts)))
    return written


def write_for(config, changed=None) -> list:
    """The bundles of a MkDocs build (its config's SOURCES, its docs and theme folders);
    with ``changed`` (an asset's path as listed), only when that asset is in them."""
    found = config.extra.get(SOURCES) or {"css": [], "js": []}
    if changed is not None and changed not in found["css"] + found["js"]:
        return []
    return write(config.site_dir, found["css"], found["js"], [config.docs_dir, *config.theme.dirs])


def _replace(target: Path, text: str) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.chmod(temp, 0o644)                 # as MkDocs writes the site's files (mkstemp: 0600)
    os.replace(temp, target)
    return target
