"""Several language versions of one text on one page: a Python-Markdown extension,
working on the element tree (as pymdown-extensions' magiclink does).

A page whose interface language has no version of its own shows every version that
exists, each in a ``<div class="text-version" lang=".." markdown>`` block
(overrides/partials/text-version.html, written by accord/site_content.py). Each version
carries the same paragraph ids (``para_1``) and its own footnotes, so once the page is
converted:

- the first version (the original language) keeps its ids: a citation of ``#para_3``
  lands on it; every other version's ids (and the links to them: permalinks, the
  reader tools) take its language as a prefix, ``en-para_3``, so that no id is given
  twice, and their title is a second-level heading (one h1 a page);
- the footnotes, which Python-Markdown gathers in one list at the end of the page, go
  back each into the version that refers to them, numbered from 1 in each.

The footnote *keys* of each version are made distinct before conversion
(``footnote_keys``), or two versions' ``[^1]`` would be one footnote.

    >>> import markdown
    >>> text = ('<div class="text-version" lang="fr" markdown>\\n\\nUn[^fr-1]\\n{: #para_1 }\\n\\n'
    ...         '[^fr-1]: Note.\\n\\n</div>\\n\\n<div class="text-version" lang="en" markdown>\\n\\n'
    ...         'One[^en-1]\\n{: #para_1 }\\n\\n[^en-1]: Note.\\n\\n</div>')
    >>> out = markdown.markdown(text, extensions=["attr_list", "footnotes", "md_in_html", "accord.text_versions"])
    >>> out.count('id="para_1"'), out.count('id="en-para_1"'), out.count('class="footnote"')
    (1, 1, 2)
    >>> '<div class="footnote">' in out.split('lang="en"')[1]
    True
"""
import re
import xml.etree.ElementTree as etree

import markdown

from accord import pinpoints

VERSION_CLASS = "text-version"
FOOTNOTE = "fn:"
# A reference's id: "fnref:1", "fnref2:1" for the second reference to one footnote.
FOOTNOTE_REF = re.compile(r"^fnref\d*:(.+)$")

# A footnote reference or definition marker of a version's Markdown ("[^1]", "[^1]:"),
# not one its text shows as characters ("\[^1]").
FOOTNOTE_KEY = re.compile(r"(?<!\\)\[\^([^\]\s]+)\]")


def footnote_keys(markdown_text: str, lang: str) -> str:
    """A version's Markdown with its footnote keys made its own: ``[^1]`` -> ``[^fr-1]``.

    >>> footnote_keys("Text[^1] and \\\\[^2]\\n\\n[^1]: A note.", "fr")
    'Text[^fr-1] and \\\\[^2]\\n\\n[^fr-1]: A note.'
    """
    return FOOTNOTE_KEY.sub(lambda m: f"[^{lang}-{m.group(1)}]", markdown_text)


def _classes(element) -> list:
    return (element.get("class") or "").split()


def _versions(root) -> list:
    return [el for el in root.iter("div") if VERSION_CLASS in _classes(el) and el.get("lang")]


def _prefix_ids(version, prefix: str) -> None:
    """Every id of a version (but its footnotes') and every link to it."""
    renamed = {}
    for element in version.iter():
        ident = element.get("id")
        if ident and ":" not in ident:
            renamed[ident] = prefix + ident
            element.set("id", prefix + ident)
    for element in version.iter("a"):
        href = element.get("href") or ""
        if href.startswith("#") and href[1:] in renamed:
            element.set("href", "#" + renamed[href[1:]])


def _footnote_lists(root) -> list:
    return [el for el in root.iter("div") if "footnote" in _classes(el)]


def _take_footnotes(version, items: dict) -> None:
    """The footnotes this version refers to, moved into it (in the order of their first
    reference) and numbered from 1."""
    order = []
    for sup in version.iter("sup"):
        found = FOOTNOTE_REF.match(sup.get("id") or "")
        if found is None:
            continue
        if found.group(1) not in order:
            order.append(found.group(1))
        for link in sup.iter("a"):
            link.text = str(order.index(found.group(1)) + 1)
    taken = [items.pop(key) for key in order if key in items]
    if not taken:
        return
    block = etree.SubElement(version, "div", {"class": "footnote"})
    etree.SubElement(block, "hr")
    ordered = etree.SubElement(block, "ol")
    ordered.extend(taken)


class _TextVersions(markdown.treeprocessors.Treeprocessor):
    def run(self, root):
        versions = _versions(root)
        if not versions:
            return
        for version in versions[1:]:
            _prefix_ids(version, f"{version.get('lang')}-")
            for heading in version.iter("h1"):
                heading.tag = "h2"           # one h1 a page: the first version's title
        lists = _footnote_lists(root)
        items = {}
        for block in lists:
            for item in block.iter("li"):
                if (item.get("id") or "").startswith(FOOTNOTE):
                    items[item.get("id")[len(FOOTNOTE):]] = item
        if not items:
            return
        for block in lists:                  # the page's one list, emptied into its versions
            parent = _parent(root, block)
            if parent is not None:
                parent.remove(block)
        for version in versions:
            _take_footnotes(version, items)
        if items:                            # a footnote no version refers to stays at the end
            block = etree.SubElement(root, "div", {"class": "footnote"})
            etree.SubElement(block, "hr")
            etree.SubElement(block, "ol").extend(items.values())


class _FootnoteDigits(markdown.treeprocessors.Treeprocessor):
    """Footnote numbers in the digits of the language they are read in: a reference's in
    its text's (the nearest ``lang`` around it, else the tree's: Arabic-Indic in an
    Arabic text), a back-link's title in the tree's. (The list's own numbers: accord.css.)"""

    def __init__(self, md, lang):
        super().__init__(md)
        self.lang = lang

    def run(self, root):
        if not self.lang:
            return
        langs = {root: self.lang}
        for element in root.iter():
            for child in element:
                langs[child] = child.get("lang") or langs.get(element, self.lang)
        for element in root.iter("a"):
            if "footnote-ref" in _classes(element) and element.text:
                element.text = pinpoints.digits(element.text, langs.get(element, self.lang))
            elif "footnote-backref" in _classes(element) and element.get("title"):
                element.set("title", pinpoints.digits(element.get("title"), self.lang))


def _parent(root, child):
    for element in root.iter():
        if child in list(element):
            return element
    return None


class TextVersionsExtension(markdown.Extension):
    def __init__(self, **kwargs):
        self.config = {"lang": ["", "the language of the tree the page is built for"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # after footnotes (50, 19, 15) and attr_list (8), which give the ids; before toc (5)
        # and the permalinks (4), which then link the ids as they are here
        md.treeprocessors.register(_TextVersions(md), "accord_text_versions", 6)
        md.treeprocessors.register(_FootnoteDigits(md, self.getConfig("lang")), "accord_footnote_digits", 5.5)


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    return TextVersionsExtension(**kwargs)
