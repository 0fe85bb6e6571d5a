"""A page of the site as any engine builds it, in two steps, the same for MkDocs
(hooks/site_content.py) and for make zensical's pre-build (scripts/stage_pages.py):

1. ``prepare``      before the Markdown is converted: the page's title and what the
                    templates show beyond its text go into its front matter
                    (``accord``, ``reader``); the Markdown it is built from comes back
                    (a generated page, the catalogue, fallback texts, citation links).
2. ``around_text``  the HTML that stands before the converted text (the reader tools'
                    data) and after it ("Cited by"), for an instrument's page.

``links``: how the engine reads a link inside an HTML block (accord/identifiers.py).
"""
from accord import reader_data, site_content, structured_data
from accord.identifiers import URL_LINKS
from accord.library import site_path


def prepare(corpus, lang: str, src_uri: str, meta: dict, markdown: str, links=URL_LINKS, site_url=None) -> str:
    """``meta`` completed in place; the Markdown the page is built from in ``lang``'s tree
    (``site_url``: the published site's address, for the page's structured data)."""
    meta["accord"] = site_content.header(corpus, lang, meta, src_uri)
    meta["accord"]["site_path"] = site_path(site_url)
    if meta.get("instrument"):
        meta["accord"]["structured_data"] = structured_data.legislation(
            corpus.instruments[meta["instrument"]], lang, meta, src_uri, site_url,
            site_content.labels(lang), site_content.shown_versions(lang, meta))
    description = site_content.page_description(corpus, lang, meta, src_uri)
    if description:
        meta["description"] = description
    if meta.get("instrument"):
        meta["reader"] = reader_data.downloads(corpus, lang, src_uri, meta)
    if meta.get("reader_page"):
        meta["title"], markdown = reader_data.generated_page(corpus, lang, src_uri, meta["reader_page"], links)
        return markdown
    title = site_content.page_title(corpus, lang, meta, src_uri)
    if title is not None:
        meta["title"] = title
    return site_content.page_markdown(corpus, lang, src_uri, meta, markdown, links)


def around_text(corpus, lang: str, src_uri: str, meta: dict, links=URL_LINKS) -> tuple[str, str]:
    """(HTML before the text, HTML after it) of a page; ("", "") but for instruments."""
    if not meta.get("instrument"):
        return "", ""
    return (reader_data.reader_data_html(corpus, lang, meta, src_uri),
            site_content.cited_by_html(corpus, lang, src_uri, links))
