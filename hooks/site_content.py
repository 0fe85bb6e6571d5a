"""MkDocs hook: the adapter between MkDocs and what the site adds to its pages.

The content logic knows no engine (accord/corpus.py, pages.py, site_content.py,
reader_data.py); here each MkDocs event only hands it the page and puts back what it gives:

- on_pre_build      the corpus model, once per change of docs/ (each of the six
                    language builds asks; the same model serves them all)
- on_page_markdown  the Markdown of the page in this language tree, its title, and what
                    the templates show beyond the text, in its front matter
                    (``page.meta.accord``, ``page.meta.reader``), as for any engine
- on_page_content   the reader tools' data before the text, "Cited by" after it
- on_post_build     citations.json, the report and data/, once, in the default
                    language's build
"""
import logging
from pathlib import Path

from accord import corpus as corpus_model
from accord import pages, reader_data
from accord.citation_graph import report_text

log = logging.getLogger("mkdocs.hooks.site_content")
STATE = {"corpus": None}


def _lang(config):
    return config.theme["language"]


def on_pre_build(config):
    STATE["corpus"] = corpus_model.load(Path(config.docs_dir))


def on_page_markdown(markdown, page, config, files):
    return pages.prepare(STATE["corpus"], _lang(config), page.file.src_uri, page.meta, markdown)


def on_page_content(html, page, config, files):
    before, after = pages.around_text(STATE["corpus"], _lang(config), page.file.src_uri, page.meta)
    return before + "\n" + html + after if before else html


def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and not getattr(i18n, "is_default_language_build", True):
        return
    reader_data.write_data(Path(config.site_dir), STATE["corpus"])
    for line in report_text(STATE["corpus"].graph).rstrip("\n").split("\n"):
        if line:
            log.info("xref: %s", line)
