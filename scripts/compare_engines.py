"""Compare two builds of the site, feature by feature and language tree by language tree.

    python -m scripts.compare_engines SITE_A SITE_B [--labels MkDocs Zensical] [--json out.json]

For each site folder and each language tree (the default language at the root, the
others under ar/, zh/, ...) it counts the HTML pages, the elements of FEATURES below and
the internal links (href/src without a scheme) that lead to no file of the site, then
prints a Markdown table: feature | tree | A | B | equal?. --json also writes the counts
and a few broken links of each tree. The exit status is 0 whatever differs (2 when a
folder is missing): this is a report, not a check.
"""
import argparse
import json
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html

from accord.library import DEFAULT_LANGUAGE, LANGUAGES

# feature -> selector. A selector is XPath when it starts with "/" or "(", else a small
# CSS-like form: tag.class.class[attr] or [attr=value] (tag "*" when left out), with
# " > " between steps for a direct child and " " for any descendant.
# The markup comes from overrides/ (partials named), accord/permalinks.py and accord/.
FEATURES = {
    "instrument headers": "header.instrument-header",                    # partials/instrument-header.html
    "instrument pages (indexed)": "div.instrument-page[data-pagefind-body]",  # main.html, every tree
    "instrument texts in their own tree": "div.instrument-text",               # main.html
    "document symbols": "p.document-symbol",                            # main.html
    "fallback notices": "aside.fallback-notice",                        # partials/fallback-notice.html
    "text-version blocks": "div.text-version",                          # partials/text-version.html
    "text-version labels": "p.text-version__label",
    "document notes": "aside.document-notes",                           # main.html
    "citation links a.xref": "a.xref",                                  # accord/citation_annotate.py
    "citation links to this site": "a.xref.xref--site",
    "citation links to official copies": "a.xref.xref--official",
    "Cited by blocks": "section.cited-by",                              # partials/cited-by.html
    "Cited by paragraph links": "a.cited-by__paragraph",
    "paragraph permalinks": "//*[self::p or self::li or self::div][@id]/a[@class='headerlink'][@href=concat('#', ../@id)]",
    "heading permalinks": "//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]/a[@class='headerlink']",
    "download links .download-json": "a.download-json",                 # accord/reader_data.py
    "download links .download-md": "a.download-md",
    "reader-data elements": "div.reader-data",                          # partials/reader-data.html
    "official-copy links": "a.official-copy",                           # partials/instrument-header.html
    "edit-page links": "a.edit-page",
    "catalogue tables": "div.catalogue table",                          # partials/catalogue.html
    "citation graphs": "figure.citation-graph",                         # partials/citation-graph.html
    "history timeline steps": ".timeline__step",                        # accord/reader_data.py
    "search boxes (Pagefind form)": "form[name=pagefind-search]",       # partials/search.html
    "language selector links": "a.md-select__link[hreflang]",
    "hreflang <link>s": "//head/link[@rel='alternate'][@hreflang]",
    "Content-Security-Policy": "//head/meta[@http-equiv='Content-Security-Policy']",  # accord/content_security.py
    "primary nav links": "nav.md-nav--primary a.md-nav__link[href]",    # mkdocs.yml nav
    # Zensical only (zensical-i18n): its own notice on pages that fall back to the default
    # language, and the lang/dir it sets on their <article> (discovery.py _process_fallback).
    "i18n notices (zensical-i18n)": "aside.md-i18n-notice",
    "articles with lang (fallback mark)": "article.md-content__inner[lang]",
}
# The language trees: the default language at the root, the others in folders of their code.
TREES = (DEFAULT_LANGUAGE,) + tuple(code for code in LANGUAGES if code != DEFAULT_LANGUAGE)
BROKEN_EXAMPLES = 5
# Attributes that hold one URL (as scripts/check_links.py).
ATTRIBUTES = ("href", "src")
STEP = re.compile(r"^(?P<tag>[A-Za-z][\w-]*|\*)?(?P<classes>(?:\.[\w-]+)*)(?P<attrs>(?:\[[^\]]+\])*)$")
ATTR = re.compile(r"\[([\w-]+)(?:=([^\]]*))?\]")


def has_class(name):
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def step_xpath(step):
    """One CSS-like step (tag.class[attr=value]) as an XPath step."""
    match = STEP.match(step)
    if not match or not step:
        raise ValueError(f"unsupported selector step: {step!r}")
    tests = [has_class(c) for c in match["classes"].split(".") if c]
    for name, value in ATTR.findall(match["attrs"]):
        tests.append(f"@{name}='{value.strip(chr(34) + chr(39))}'" if value else f"@{name}")
    return (match["tag"] or "*") + "".join(f"[{t}]" for t in tests)


def to_xpath(selector):
    """A FEATURES selector as XPath (XPath itself is passed through)."""
    if selector.startswith(("/", "(")):
        return selector
    xpath, axis = "", "//"
    for token in selector.replace(">", " > ").split():
        if token == ">":
            axis = "/"
            continue
        xpath, axis = xpath + axis + step_xpath(token), "//"
    return xpath


def tree_of(site, page):
    """The language tree of a page: its first folder when that is a language code."""
    first = page.relative_to(site).parts[0]
    return first if first in TREES and first != DEFAULT_LANGUAGE and (site / first).is_dir() else DEFAULT_LANGUAGE


def pages_by_tree(site):
    trees = {tree: [] for tree in TREES}
    for page in sorted(site.rglob("*.html")):
        trees[tree_of(site, page)].append(page)
    return trees


def internal_urls(document):
    """The href/src values of a page that have no scheme and no host (fragments dropped)."""
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in ATTRIBUTES:
            url = (element.get(attribute) or "").strip()
            parts = urlsplit(url)
            if url and not url.startswith("#") and not parts.scheme and not parts.netloc:
                yield url, parts.path


def resolves(site, page, path):
    """Whether a link's path leads to a file of the site (a folder: its index.html)."""
    if not path:
        return True                                 # "?query" alone: this page
    base = site if path.startswith("/") else page.parent
    target = (base / unquote(path).lstrip("/")).resolve()
    if not target.is_relative_to(site):
        return False
    return (target / "index.html").is_file() if target.is_dir() else target.is_file()


def count_page(site, page, xpaths):
    """(counts per feature, broken links as 'page: url') of one page."""
    document = lxml_html.parse(str(page))
    counts = {name: len(document.xpath(xpath)) for name, xpath in xpaths.items()}
    where = page.relative_to(site).as_posix()
    broken = [f"{where}: {url}" for url, path in internal_urls(document) if not resolves(site, page, path)]
    return counts, broken


def count_site(site):
    """{tree: {"HTML pages": n, feature: n, ..., "broken internal links": n}}, {tree: [examples]}."""
    site = Path(site).resolve()
    xpaths = {name: to_xpath(selector) for name, selector in FEATURES.items()}
    counts, examples = {}, {}
    for tree, pages in pages_by_tree(site).items():
        total = {"HTML pages": len(pages), **{name: 0 for name in FEATURES}, "broken internal links": 0}
        broken = []
        for page in pages:
            page_counts, page_broken = count_page(site, page, xpaths)
            for name, n in page_counts.items():
                total[name] += n
            broken += page_broken
        total["broken internal links"] = len(broken)
        counts[tree], examples[tree] = total, broken[:BROKEN_EXAMPLES]
    return counts, examples


def rows(counts_a, counts_b):
    """One row per feature and tree: (feature, tree, a, b, equal)."""
    features = list(next(iter(counts_a.values())))
    return [(feature, tree, counts_a[tree][feature], counts_b[tree][feature],
             counts_a[tree][feature] == counts_b[tree][feature])
            for feature in features for tree in TREES]


def markdown_table(table, labels):
    lines = [f"| feature | tree | {labels[0]} | {labels[1]} | equal? |", "|---|---|---:|---:|---|"]
    lines += [f"| {f} | {t} | {a} | {b} | {'yes' if eq else '**no**'} |" for f, t, a, b, eq in table]
    return "\n".join(lines)


def summary_table(table, labels):
    """One row per feature: the counts of the trees joined (en/ar/es/fr/ru/zh), equal or not."""
    by_feature = {}
    for feature, tree, a, b, _ in table:
        by_feature.setdefault(feature, ([], []))
        by_feature[feature][0].append(str(a))
        by_feature[feature][1].append(str(b))
    lines = [f"| feature | {labels[0]} ({'/'.join(TREES)}) | {labels[1]} | equal? |", "|---|---|---|---|"]
    for feature, (a, b) in by_feature.items():
        name = feature.replace("<link>", "`<link>`")          # shown as text on a page
        lines.append(f"| {name} | {'/'.join(a)} | {'/'.join(b)} | {'yes' if a == b else '**no**'} |")
    return "\n".join(lines)


def broken_lines(examples, label):
    return [f"- {label} [{tree}] {link}" for tree, links in examples.items() for link in links]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_a", type=Path)
    parser.add_argument("site_b", type=Path)
    parser.add_argument("--labels", nargs=2, default=("MkDocs", "Zensical"), metavar=("A", "B"))
    parser.add_argument("--json", type=Path, help="also write the counts and broken-link examples here")
    parser.add_argument("--summary", action="store_true", help="one row per feature, the trees' counts joined")
    args = parser.parse_args(argv)
    for site in (args.site_a, args.site_b):
        if not site.is_dir():
            print(f"error: {site}: no such folder", file=sys.stderr)
            return 2
    (counts_a, broken_a), (counts_b, broken_b) = count_site(args.site_a), count_site(args.site_b)
    table = rows(counts_a, counts_b)
    print(summary_table(table, args.labels) if args.summary else markdown_table(table, args.labels))
    examples = broken_lines(broken_a, args.labels[0]) + broken_lines(broken_b, args.labels[1])
    if examples:
        print(f"\nBroken internal links (up to {BROKEN_EXAMPLES} per tree):")
        print("\n".join(examples))
    differing = sum(1 for *_, equal in table if not equal)
    print(f"\n{differing} of {len(table)} counts differ")
    if args.json:
        data = {"labels": list(args.labels), "sites": [str(args.site_a), str(args.site_b)],
                "selectors": {name: to_xpath(s) for name, s in FEATURES.items()},
                "rows": [dict(zip(("feature", "tree", "a", "b", "equal"), row)) for row in table],
                "broken_examples": {args.labels[0]: broken_a, args.labels[1]: broken_b}}
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
