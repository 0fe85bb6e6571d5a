"""MkDocs hook: the adapter between MkDocs and what the site adds to its pages.

The content logic knows no engine (accord/corpus.py, pages.py, site_content.py,
reader_data.py); here each MkDocs event only hands it the page and puts back what it gives:

- on_pre_build      the corpus model, once per change of docs/ (each of the six
                    language builds asks; the same model serves them all); the words
                    the Markdown extensions write, in the tree's language
- on_page_markdown  the Markdown of the page in this language tree, its title, and what
                    the templates show beyond the text, in its front matter
                    (``page.meta.accord``, ``page.meta.reader``), as for any engine
- on_page_content   the reader tools' data before the text, "Cited by" after it
- on_page_context   the language selector's links: the page in every tree
- on_template_context, on_post_template   the 404 page of each language tree, in
                    its language (accord/site_content.py not_found), into the tree
- on_env            the default language's build keeps its files (every page of the site)
- on_post_build     citations.json, the report, data/ and every tree's sitemap
                    (accord/sitemap.py; the theme writes their index, sitemap.xml), once,
                    in the default language's build
"""
import logging
from pathlib import Path

from mkdocs.plugins import event_priority

from accord import corpus as corpus_model
from accord import pages, reader_data, site_content, sitemap
from accord.citation_graph import report_text
from accord.library import LANGUAGES, site_path

log = logging.getLogger("mkdocs.hooks.site_content")
STATE = {"corpus": None, "files": None}
NOT_FOUND = "404.html"


def _lang(config):
    return config.theme["language"]


def on_pre_build(config):
    STATE["corpus"] = corpus_model.load(Path(config.docs_dir))
    # the words the Markdown extensions write (¶ titles, footnote back-links) in this tree's language
    for name, settings in site_content.extension_words(_lang(config)).items():
        config.mdx_configs.setdefault(name, {}).update(settings)


def on_page_markdown(markdown, page, config, files):
    return pages.prepare(STATE["corpus"], _lang(config), page.file.src_uri, page.meta, markdown,
                         site_url=config.site_url)


def on_page_content(html, page, config, files):
    before, after = pages.around_text(STATE["corpus"], _lang(config), page.file.src_uri, page.meta)
    return before + "\n" + html + after if before else html


def on_page_context(context, page, config, nav):
    # the language selector: this page in every tree (partials/alternate.html)
    context["accord_languages"] = site_content.language_links(_tree_names(config), page.file.src_uri, _lang(config))
    return context


def on_template_context(context, template_name, config):
    if template_name == NOT_FOUND:
        context["accord"] = site_content.not_found(_lang(config), site_path(config.site_url), _trees(config))
        # the language links (the selector): every tree's home
        homes = {home["lang"]: home["href"] for home in context["accord"]["homes"]}
        context["accord_languages"] = [{"lang": code, "name": name, "href": homes[code]}
                                       for code, name in _tree_names(config)]
    return context


@event_priority(-200)       # after the Content-Security-Policy is set (hooks/content_security.py)
def on_post_template(output, template_name, config):
    """Every language build renders the theme's 404 page for the site's root: the
    default language's stays there; each other one goes into its own tree, and none
    overwrites the root's (make serve's rebuild renders it the same way)."""
    if template_name != NOT_FOUND or _is_default_build(config):
        return output
    target = Path(config.site_dir) / _lang(config) / NOT_FOUND
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""                               # MkDocs writes nothing for an empty template


def _trees(config):
    languages = [code for code, _ in _tree_names(config)]
    return [code for code in LANGUAGES if code in languages]


def _tree_names(config):
    """[(code, name)] of every language tree of the site, in mkdocs.yml's order, whether
    or not this build writes it (mkdocs-static-i18n's languages; a build with LANGS=...
    writes some of them: hooks/language_trees.py)."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return [(_lang(config), _lang(config))]
    return [(lang.locale, lang.name) for lang in i18n.config.languages]


def _is_default_build(config):
    i18n = config.plugins.get("i18n")
    return i18n is None or getattr(i18n, "is_default_language_build", True)


def on_env(env, config, files):
    if _is_default_build(config):
        STATE["files"] = files
    return env


def on_post_build(config):
    if not _is_default_build(config):
        return
    reader_data.write_data(Path(config.site_dir), STATE["corpus"])
    _write_sitemaps(config)
    for line in report_text(STATE["corpus"].graph).rstrip("\n").split("\n"):
        if line:
            log.info("xref: %s", line)


def _write_sitemaps(config):
    i18n = config.plugins.get("i18n")
    if i18n is None or STATE["files"] is None:
        return
    pages = [file.page for file in STATE["files"].documentation_pages() if file.page and not file.page.is_link]
    lastmod = pages[0].update_date if pages else None
    sitemap.write(config.site_dir, [page.url for page in pages], [code for code, _ in _tree_names(config)],
                  i18n.default_language, config.site_url, lastmod)
