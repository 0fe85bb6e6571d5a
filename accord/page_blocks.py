"""A page's Markdown as its blocks: rendered with the site's block extensions (the site's
own list, minus toc, so a heading has only the id its text gives it) and read with lxml,
for the stages that read a text's paragraphs outside the engine (the data files,
accord/reader_data.py; the Akoma Ntoso documents, accord/akoma_ntoso.py).

    >>> root = blocks("*Recalling* its resolution,\\n{: #preamble__p_1 }\\n\\n[^1]: A note.\\n")
    >>> [element.get("id") for element in root if is_paragraph_id(element.get("id"))]
    ['preamble__p_1']
    >>> is_paragraph_id("fn:1"), is_paragraph_id("para_3__list_1__point_a")
    (False, True)
"""
import functools
import re

import markdown as md
from lxml import html as lxml_html

# The Markdown extensions that shape blocks.
EXTENSIONS = ["attr_list", "footnotes", "md_in_html", "tables"]
# A paragraph's id, as Akoma Ntoso names parts ("para_1", "preamble__p_2"); not a
# footnote's ("fn:1", "fnref:1").
PARAGRAPH_ID = re.compile(r"^[A-Za-z][\w-]*$")


@functools.lru_cache(maxsize=1)
def _converter() -> md.Markdown:
    """One converter for every page, reset before each (making one with its extensions
    took most of the time of a page)."""
    return md.Markdown(extensions=EXTENSIONS)


@functools.lru_cache(maxsize=64)
def _rendered(markdown: str) -> str:
    """The HTML of a page's Markdown, kept for the next stage that reads the same page
    (the data files and the Akoma Ntoso document of a text render it once)."""
    return _converter().reset().convert(markdown)


def blocks(markdown: str):
    """The rendered Markdown, its blocks the children of one <div> (a tree of the
    caller's own, which it may change)."""
    return lxml_html.fragment_fromstring(_rendered(markdown), create_parent="div")


def is_paragraph_id(ident) -> bool:
    return bool(ident) and PARAGRAPH_ID.match(ident) is not None
