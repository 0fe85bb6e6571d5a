"""The site's content as a pre-build stage, for an engine that runs no MkDocs hook
(make zensical): every page of docs/ written as each language tree shows it, then, once
the engine has built the site, what MkDocs' hooks add after a build.

    python -m scripts.stage_pages stage DOCS OUT    every page, per language, into OUT
    python -m scripts.stage_pages finish DOCS SITE  data/, citations.json, the CSP

``stage`` runs accord/pages.py, as MkDocs' adapter (hooks/site_content.py) does: for each
language and each page, the file that language's tree shows (its own language version,
else the default language's file) with the title, the header values (``accord``,
``reader``) in its front matter and the Markdown the site builds it from (catalogue,
fallback texts, citation links, the reader data before the text and "Cited by" after
it, as raw HTML blocks). Each page is written in every language (``<page>.<lang>.md``),
so the engine's i18n plugin finds a file of its own in each tree. Files other than pages
(assets) are copied as they are.

``finish`` writes the data files and the citation graph under the site's root and puts
each page's Content-Security-Policy in it, as MkDocs' on_post_build and on_post_page do.
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import yaml

from accord import corpus as corpus_model
from accord import pages, reader_data
from accord.content_security import with_policy
from accord.docs_scan import read_front_matter
from accord.identifiers import SOURCE_LINKS, PagePath
from accord.library import DEFAULT_LANGUAGE, LANGUAGES, site_url


def page_files(docs: Path) -> dict:
    """page key -> {language or None: path relative to docs}."""
    found: dict = {}
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        page = PagePath.parse(rel)
        found.setdefault(page.key, {})[page.lang] = rel
    return found


def staged_page(corpus, lang: str, rel: str, docs: Path) -> str:
    """The page file ``rel`` as the tree of ``lang`` shows it: front matter and Markdown,
    the HTML before and after its text as raw HTML blocks."""
    meta, body = read_front_matter(docs / rel)
    markdown = pages.prepare(corpus, lang, rel, meta, body.lstrip("\n"), SOURCE_LINKS, site_url=site_url())
    before, after = pages.around_text(corpus, lang, rel, meta, SOURCE_LINKS)
    if before:
        markdown = before + "\n\n" + markdown.rstrip("\n") + "\n\n" + after + "\n"
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10**6)
    return f"---\n{head}---\n\n{markdown}"


def stage(docs: Path, out: Path) -> int:
    corpus = corpus_model.load(docs)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(docs, out, ignore=shutil.ignore_patterns("*.md"))
    written = 0
    for key, versions in page_files(docs).items():
        default = versions.get(None) or versions.get(DEFAULT_LANGUAGE)
        for lang in LANGUAGES:
            rel = versions.get(lang) or default
            if rel is None:
                continue
            target = out / PagePath.parse(key).with_lang(None if lang == DEFAULT_LANGUAGE else lang).path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(staged_page(corpus, lang, rel, docs), encoding="utf-8")
            written += 1
    print(f"stage_pages: {written} page(s) of {len(LANGUAGES)} language trees in {out}")
    return 0


def finish(docs: Path, site: Path) -> int:
    corpus = corpus_model.load(docs)
    reader_data.write_data(site, corpus)
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        page.write_text(with_policy(page.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"stage_pages: data/ and citations.json in {site}; a Content-Security-Policy in {len(pages)} page(s)")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    steps = parser.add_subparsers(dest="step", required=True)
    staging = steps.add_parser("stage", help="every page as each language tree shows it")
    staging.add_argument("docs", type=Path)
    staging.add_argument("out", type=Path)
    finishing = steps.add_parser("finish", help="data/, citations.json and the CSP of a built site")
    finishing.add_argument("docs", type=Path)
    finishing.add_argument("site", type=Path)
    args = parser.parse_args(argv)
    if args.step == "stage":
        return stage(args.docs, args.out)
    return finish(args.docs, args.site)


if __name__ == "__main__":
    sys.exit(main())
