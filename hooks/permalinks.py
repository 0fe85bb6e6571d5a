"""MkDocs hook: a permalink on every paragraph, sub-item, signature and table with an id.

Material gives headings their permalink (toc's ``permalink: true``); the paragraphs of
an instrument carry Akoma Ntoso ids (``para_3__list_1__point_a``) and get the same
``¶`` link here, so a reader can copy the address of any paragraph.
"""
import re

# An opening tag of a block that carries an id: '<p id="para_1">', '<li id="...">',
# '<div class="signature" id="signature_1">'. Footnote ids ("fn:1") already link back.
BLOCK_WITH_ID = re.compile(r'<(?P<tag>p|li|div)\b(?P<attrs>[^>]*?)\bid="(?P<id>[^":]+)"(?P<rest>[^>]*)>')


def _add_link(match):
    ident = match.group("id")
    return f'{match.group()}<a class="headerlink" href="#{ident}" title="Permanent link">¶</a>'


def on_page_content(html, page, config, files):
    return BLOCK_WITH_ID.sub(_add_link, html)
