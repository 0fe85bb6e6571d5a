"""The link checker: no internal link of the built site is broken.

    python -m scripts.check_links [site]

Parses every HTML page of a built site and checks every internal reference (``href``
and ``src``, relative or root-relative (from the path of site_url); links with a scheme such as ``https:``,
``mailto:`` or ``javascript:`` are external and not followed):

* the target exists (a directory URL means its ``index.html``);
* a ``#fragment`` names an ``id`` (or ``<a name>``) in the target page;
* no link is empty or a bare ``#``, which lead nowhere;
* no address uses a scheme outside the page policy (accord/page_policy.yml): a link
  (``<a href>``, ``<link rel="alternate">``) may use http, https or mailto; whatever the
  browser loads by itself (``src``, a stylesheet or icon ``<link>``, a ``url()`` or
  ``@import`` of a stylesheet) must be a file of this site.

Each problem is printed as ``page: broken link 'href' (reason)``; the exit status is 1
when there is any.

Memory stays bounded whatever the size of the site: each page is parsed once for its
links, its own ids are read from that tree, and the ids of the other pages that links
point into are kept for the last ANCHOR_PAGES pages asked (plain strings: a string lxml
returns would keep its whole document alive). A link's target is worked out on the
path's text, and each file is looked up on disk once.
"""
import argparse
import os
import re
import sys
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html

from accord.library import site_path, site_url
from accord.page_policy import url_problem

ROOT = Path(__file__).resolve().parent.parent
SITE_PATH = site_path(site_url())
# Attributes that hold one URL. ``href`` of <a>, <link>, <area>; ``src`` of <script>,
# <img>, <iframe>, <source>, <audio>, <video>, <embed>, <track>.
ATTRIBUTES = ("href", "src")
# <link> relations that only name another page (the browser fetches nothing for them).
NAMING_RELATIONS = {"alternate", "canonical", "license", "author", "help"}
# An address in a stylesheet: url(...) and @import "...".
CSS_ADDRESS = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]*)\3""")


# How many pages' ids the checker keeps for links into other pages (bounded memory).
ANCHOR_PAGES = 2048


def pages(site):
    return sorted(Path(site).rglob("*.html"))


def ids_of(tree):
    """The fragment targets of a parsed page: every id, and the name of every <a>."""
    return frozenset(tree.xpath("//@id", smart_strings=False) + tree.xpath("//a/@name", smart_strings=False))


@lru_cache(maxsize=ANCHOR_PAGES)
def anchors(path):
    """The fragment targets of one HTML page (see ids_of)."""
    return ids_of(lxml_html.parse(str(path)))


@lru_cache(maxsize=None)
def _kind(path):
    """'file', 'dir' or None: what is at a path of the site, looked up once."""
    return "file" if os.path.isfile(path) else "dir" if os.path.isdir(path) else None


def target_file(site, page, path, site_path=SITE_PATH):
    """The file a link's path leads to (None when nothing is there). A root-relative
    path is read from where the site is served (the path of its site_url: the 404
    pages' links are absolute)."""
    site = os.path.abspath(site)
    if path.startswith("/"):
        if not path.startswith(site_path):
            return None               # outside where the site is served
        base, path = site, path[len(site_path):]
    else:
        base = os.path.dirname(os.path.abspath(page))
    target = os.path.normpath(os.path.join(base, unquote(path).lstrip("/")))
    if target != site and not target.startswith(site + os.sep):
        return None                   # outside the site: broken on any host
    kind = _kind(target)
    if kind == "dir":
        target = os.path.join(target, "index.html")
        kind = _kind(target)
    return Path(target) if kind == "file" else None


def check_link(site, page, url, site_path=SITE_PATH, own_ids=None):
    """The reason a link is broken, or None (``own_ids``: the ids of ``page``, if read)."""
    if not url.strip():
        return "empty link"
    if url.strip() == "#":
        return "'#' leads nowhere"
    parts = urlsplit(url.strip())
    if parts.scheme or parts.netloc:
        return None                   # https:, mailto:, javascript:, data:, //host: not internal
    here = Path(os.path.abspath(page))
    target = target_file(site, page, parts.path, site_path) if parts.path else here
    if target is None:
        return "no such file"
    if parts.fragment and target.suffix == ".html":
        fragment = unquote(parts.fragment)
        ids = own_ids if own_ids is not None and target == here else anchors(target)
        if fragment not in ids:
            where = "this page" if target == here else target.relative_to(Path(site).resolve()).as_posix()
            return f"no id {fragment!r} in {where}"
    return None


def scheme_problem(element, attribute, url):
    """An address outside the policy, as ``url_problem`` says, for an attribute of a
    built page: only links and naming <link>s may lead to another host."""
    loads = attribute == "src" or (
        element.tag == "link" and not NAMING_RELATIONS & set((element.get("rel") or "").lower().split()))
    return url_problem("src" if loads else "href", url)


def stylesheet_problems(site):
    """Addresses of the site's stylesheets that would load from another host (data: is
    Material's inline icons, and loads nothing)."""
    problems = []
    for sheet in sorted(Path(site).rglob("*.css")):
        text = sheet.read_text(encoding="utf-8", errors="replace")
        for match in CSS_ADDRESS.finditer(text):
            url = match.group(2) if match.group(2) is not None else match.group(4)
            if url.strip().lower().startswith("data:"):
                continue
            problem = url_problem("src", url)
            if problem:
                line = text.count("\n", 0, match.start()) + 1
                problems.append(f"{sheet.relative_to(site).as_posix()}:{line}: {url[:60]!r}: {problem}")
    return problems


def check(site, stats=None, site_path=SITE_PATH):
    """Return the problems found in a built site, one line each ("page: ...");
    ``stats`` (a dict), when given, receives the number of pages and links checked;
    ``site_path``: where the site is served (root-relative links are read from there)."""
    site = Path(site)
    problems, count = [], 0
    anchors.cache_clear()
    _kind.cache_clear()
    for page in pages(site):
        tree = lxml_html.parse(str(page))
        own_ids = ids_of(tree)
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue            # comments, processing instructions
            for attribute in ATTRIBUTES:
                url = element.get(attribute)
                if url is None:
                    continue
                count += 1
                reason = (scheme_problem(element, attribute, url)
                          or check_link(site, page, url, site_path, own_ids))
                if reason:
                    problems.append(f"{page.relative_to(site).as_posix()}: broken link {url!r} ({reason})")
    problems += stylesheet_problems(site)
    if stats is not None:
        stats.update(pages=len(pages(site)), links=count)
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default=ROOT / "site", type=Path, help="the built site (default: site)")
    parser.add_argument("--site-path", default=SITE_PATH,
                        help=f"where the site is served, for root-relative links (default: site_url's, {SITE_PATH})")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"error: {args.site}: no such folder (build the site first: make site)", file=sys.stderr)
        return 1
    stats = {}
    problems = check(args.site, stats, args.site_path)
    for problem in problems:
        print(problem)
    print(f"links: {stats['links']} link(s) in {stats['pages']} page(s), "
          + (f"{len(problems)} broken" if problems else "none broken"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
