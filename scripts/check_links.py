"""The link checker: no internal link of the built site is broken.

    python -m scripts.check_links [site]

Parses every HTML page of a built site and checks every internal reference (``href``
and ``src``, relative or root-relative; links with a scheme such as ``https:``,
``mailto:`` or ``javascript:`` are external and not followed):

* the target exists (a directory URL means its ``index.html``);
* a ``#fragment`` names an ``id`` (or ``<a name>``) in the target page;
* no link is empty or a bare ``#``, which lead nowhere.

Each problem is printed as ``page: broken link 'href' (reason)``; the exit status is 1
when there is any.
"""
import argparse
import sys
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html

ROOT = Path(__file__).resolve().parent.parent
# Attributes that hold one URL. ``href`` of <a>, <link>, <area>; ``src`` of <script>,
# <img>, <iframe>, <source>, <audio>, <video>, <embed>, <track>.
ATTRIBUTES = ("href", "src")


def pages(site):
    return sorted(Path(site).rglob("*.html"))


@lru_cache(maxsize=None)
def anchors(path):
    """The fragment targets of one HTML page: every id, and the name of every <a>."""
    tree = lxml_html.parse(str(path))
    return frozenset(tree.xpath("//@id") + tree.xpath("//a/@name"))


def target_file(site, page, path):
    """The file a link's path leads to (None when nothing is there)."""
    site = Path(site).resolve()
    base = site if path.startswith("/") else page.parent
    target = (base / unquote(path).lstrip("/")).resolve()
    try:
        target.relative_to(site)
    except ValueError:
        return None                   # outside the site: broken on any host
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def check_link(site, page, url):
    """The reason a link is broken, or None."""
    if not url.strip():
        return "empty link"
    if url.strip() == "#":
        return "'#' leads nowhere"
    parts = urlsplit(url.strip())
    if parts.scheme or parts.netloc:
        return None                   # https:, mailto:, javascript:, data:, //host: not internal
    target = target_file(site, page, parts.path) if parts.path else page.resolve()
    if target is None:
        return "no such file"
    if parts.fragment and target.suffix == ".html":
        fragment = unquote(parts.fragment)
        if fragment not in anchors(target):
            where = "this page" if target == page.resolve() else target.relative_to(Path(site).resolve()).as_posix()
            return f"no id {fragment!r} in {where}"
    return None


def check(site, stats=None):
    """Return the problems found in a built site, one line each ("page: ...");
    ``stats`` (a dict), when given, receives the number of pages and links checked."""
    site = Path(site)
    problems, count = [], 0
    anchors.cache_clear()
    for page in pages(site):
        tree = lxml_html.parse(str(page))
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue            # comments, processing instructions
            for attribute in ATTRIBUTES:
                url = element.get(attribute)
                if url is None:
                    continue
                count += 1
                reason = check_link(site, page, url)
                if reason:
                    problems.append(f"{page.relative_to(site).as_posix()}: broken link {url!r} ({reason})")
    if stats is not None:
        stats.update(pages=len(pages(site)), links=count)
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default=ROOT / "site", type=Path, help="the built site (default: site)")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"error: {args.site}: no such folder (build the site first: make site)", file=sys.stderr)
        return 1
    stats = {}
    problems = check(args.site, stats)
    for problem in problems:
        print(problem)
    print(f"links: {stats['links']} link(s) in {stats['pages']} page(s), "
          + (f"{len(problems)} broken" if problems else "none broken"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
