"""MkDocs hook: tell the page policy (accord/page_policy.py, a Markdown extension named
in mkdocs.yml) which files a page comes from, so that a problem names the file and line.

The policy itself runs inside Python-Markdown, whatever the engine. A page's own file
comes first; a fallback page (front matter only, filled by accord/site_content.py
with the texts of other languages) names those files too.
"""
from pathlib import Path

from accord.identifiers import PagePath
from accord.page_policy import set_page_sources


def on_page_markdown(markdown, page, config, files):
    docs = Path(config.docs_dir)
    own = PagePath.parse(page.file.src_uri)
    names = [own.path] + [own.with_lang(lang).path for lang in page.meta.get("languages_available") or []]
    sources = []
    for name in dict.fromkeys(names):
        path = docs / name
        if path.is_file():
            sources.append((f"{Path(config.docs_dir).name}/{name}", path.read_text(encoding="utf-8")))
    set_page_sources(sources)
    return markdown


def on_page_content(html, page, config, files):
    """The page is converted: its files no longer stand for Markdown converted after it
    outside a page (another stage, a test in the same process)."""
    set_page_sources([])
    return html
