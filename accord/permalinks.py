"""A permalink on every paragraph, sub-item, signature and table with an id: a Python-
Markdown extension, working on the element tree (as pymdown-extensions' magiclink does).

Material gives headings their permalink (toc's ``permalink: true``); the paragraphs of
an instrument carry Akoma Ntoso ids (``para_3__list_1__point_a``) and get the same
``¶`` link, first in the element, so a reader can copy the address of any paragraph.
Footnotes ("fn:1") already link back and get none.

    >>> import markdown
    >>> markdown.markdown("Text\\n{: #para_1 }", extensions=["attr_list", "accord.permalinks"])
    '<p id="para_1"><a class="headerlink" href="#para_1" title="Permanent link">¶</a>Text</p>'
    >>> markdown.markdown("Texte\\n{: #para_1 }", extensions=["attr_list", "accord.permalinks"],
    ...                   extension_configs={"accord.permalinks": {"label": "Lien permanent"}})
    '<p id="para_1"><a class="headerlink" href="#para_1" title="Lien permanent">¶</a>Texte</p>'
"""
import xml.etree.ElementTree as etree

import markdown

# Elements that get a permalink when they carry an id.
BLOCKS = {"p", "li", "div"}
LABEL = "Permanent link"


class _Permalinks(markdown.treeprocessors.Treeprocessor):
    def __init__(self, md, label):
        super().__init__(md)
        self.label = label

    def run(self, root):
        for element in list(root.iter()):
            ident = element.get("id")
            if element.tag in BLOCKS and ident and ":" not in ident:
                link = etree.Element("a", {"class": "headerlink", "href": f"#{ident}", "title": self.label})
                link.text, link.tail, element.text = "¶", element.text, None
                element.insert(0, link)


class PermalinkExtension(markdown.Extension):
    def __init__(self, **kwargs):
        # the link's title, in the language of the page's tree (hooks/site_content.py)
        self.config = {"label": [LABEL, "the title of each ¶ link"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # after attr_list (8), which gives the ids, and toc (5), which links headings
        md.treeprocessors.register(_Permalinks(md, self.getConfig("label")), "accord_permalinks", 4)


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    return PermalinkExtension(**kwargs)
