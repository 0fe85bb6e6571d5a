"""Build the search index: one Pagefind bundle per language, after `mkdocs build`.

    python -m scripts.build_search site

Why not a single ``python -m pagefind --site site``? One run writes one bundle whose
pagefind.js loads only the index of the current page's ``<html lang>``, with that
language's WebAssembly (stemmer, normaliser); ``mergeIndex`` searches merged indexes
with the primary's WebAssembly. Arabic folding (hamza and alef forms, ta marbuta, alef
maqsura, diacritics, tatweel, Arabic-Indic digits) lives in Pagefind's Arabic module,
Chinese segmentation in its own: each language needs its own bundle, found from every
language tree. overrides/assets/javascripts/pagefind-search.js loads every bundle
listed in ``pagefind/languages.json`` and searches them in parallel.

Only pages with a ``data-pagefind-body`` element are indexed: overrides/main.html puts
it on real texts only, so fallback copies add no duplicate hits.
"""
import asyncio
import json
import re
import shutil
import sys
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

BUNDLE_DIR = "pagefind"
# Parts of the indexed block that are not the text itself: Material's edit button,
# paragraph permalinks (¶), the instrument header and notices.
EXCLUDE_SELECTORS = [".md-source-file", ".md-content__button", ".md-tags", ".md-feedback", ".headerlink"]
# The language of a page, as Pagefind itself would detect it: '<html lang="zh">'
HTML_LANG = re.compile(r"<html[^>]*\blang=\"([^\"]+)\"", re.I)


def collect(site):
    """Indexable pages grouped by language: {lang: [(url, html)]}, in a stable order."""
    out = site / BUNDLE_DIR
    groups = {}
    for path in sorted(site.rglob("*.html")):
        if out in path.parents:
            continue
        html = path.read_text(encoding="utf-8")
        if "data-pagefind-body" not in html:
            continue
        match = HTML_LANG.search(html)
        lang = (match.group(1) if match else "unknown").split("-")[0].lower()
        rel = path.relative_to(site).as_posix()
        url = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        groups.setdefault(lang, []).append((url, html))
    return groups


async def build(site):
    site = Path(site).resolve()
    out = site / BUNDLE_DIR
    if out.exists():
        shutil.rmtree(out)
    manifest = {"languages": {}}
    for lang, pages in sorted(collect(site).items()):
        config = IndexConfig(
            force_language=lang,
            exclude_selectors=EXCLUDE_SELECTORS,
            # Absolute: leaving the context writes the bundle to output_path, which
            # is otherwise relative to the working directory.
            output_path=str(out / lang),
        )
        async with PagefindIndex(config=config) as index:
            for url, html in pages:
                await index.add_html_file(content=html, url=url)
        manifest["languages"][lang] = {"pages": len(pages), "bundle": f"{lang}/"}
        print(f"pagefind bundle {BUNDLE_DIR}/{lang}/: {len(pages)} page(s)")
    (out / "languages.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True),
                                        encoding="utf-8")
    return manifest


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    site = Path(argv[0] if argv else "site")
    if not (site / "index.html").exists():
        print(f"error: {site}/index.html not found: build the site first (mkdocs build)", file=sys.stderr)
        return 1
    asyncio.run(build(site))
    return 0


if __name__ == "__main__":
    sys.exit(main())
