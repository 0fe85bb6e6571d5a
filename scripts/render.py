"""Stage 4, render: pages of nodes -> Markdown with YAML front matter.

The Markdown is what contributors edit, so it stays plain: paragraphs carry their
ids with attr_list (``{: #para_1 }``), footnotes are ``[^1]``, and only three things
use HTML: the printed number of a paragraph (``<span class="num">``), signature
blocks and tables that need an id (``<div ... markdown>``), and declared corrections
(``<ins>``/``<del>``), each from its partial in overrides/partials/text/.
"""
import hashlib
import re

import yaml

from accord import strict_yaml, templates

from . import patterns as P
from .errors import SourceError
from .model import Heading, ItemList, Links, Para, Signature, Table

# libyaml's safe loader and dumper where PyYAML has them (same output, several times
# faster: front matter is read and written for every page on every run).
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

ENTITY = re.compile(r"&(?=#?\w+;)")
# Characters that start Markdown inline syntax: code spans, emphasis, links and images,
# attribute lists, backslash escapes. In text from a source each is written escaped
# ("\\[x\\](javascript:...)"), so that it shows as itself and never becomes markup.
MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]{}])")
# What starts a block at the beginning of a line: a heading, a list item, a rule, a
# footnote definition ("# x", "- x", "+ x", "1. x", "---"): its first character escaped.
BLOCK_START = re.compile(r"^(?:[#+-]|\d+\.)", re.M)
# The markup the normalizer itself puts into the text, kept as markup: footnote
# references "[^1]" (not at a line start followed by ":", which would define one), web
# addresses "www.unodc.org/...", and emphasis tokens.
STRUCTURE = re.compile(
    rf"(?P<ref>{P.FOOTNOTE_REF.pattern})(?!:)"
    rf"|(?P<url>{P.BARE_URL.pattern})"
    rf"|(?P<em>[{P.EMPHASIS_OPEN}{P.EMPHASIS_CLOSE}])"
)


def as_text(text):
    """Characters that must show as themselves in Markdown: HTML and Markdown syntax
    escaped. ``as_text("<b>*x*</b> [a](javascript:b)")`` gives
    ``&lt;b&gt;\\*x\\*&lt;/b&gt; \\[a\\](javascript:b)``."""
    text = ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    return MARKDOWN_INLINE.sub(r"\\\1", text)


def _escape(text):
    parts, last = [], 0
    for match in STRUCTURE.finditer(text):
        parts.append(as_text(text[last:match.start()]))
        if match.group("ref"):
            parts.append(match.group())
        elif match.group("url"):
            parts.append(_link(match))
        else:
            parts.append("*")
        last = match.end()
    parts.append(as_text(text[last:]))
    return "".join(parts)


def block_text(markdown):
    """Inline Markdown that begins a line of its own (a paragraph, a list item's or a
    footnote's text): a marker at its start that would open a block is escaped."""
    return BLOCK_START.sub(_escape_block_start, markdown)


def _escape_block_start(match):
    """"# x" -> "\\# x", "1. x" -> "1\\. x": the escape goes before the marker's punctuation."""
    marker = match.group()
    return f"{marker[:-1]}\\{marker[-1]}"


# An attribute value in raw HTML of the Markdown: quotes and markup as character
# references, and so are the characters of Markdown syntax, which Python-Markdown would
# otherwise read inside the attribute ('title="[a](javascript:b)"' became a link there).
ATTRIBUTE_ESCAPES = {ord(c): f"&#{ord(c)};" for c in '&"<>\\`*_[]{}'}


def _attr(text):
    return text.translate(ATTRIBUTE_ESCAPES)


def _correction(match):
    """A declared correction: the corrected words marked, the words as received beside them."""
    received, corrected, reason = match.groups()
    return templates.render("partials/text/correction.html", reason=templates.markup(_attr(reason)),
                            corrected=templates.markup(_escape(corrected)), received=templates.markup(_escape(received)))


def inline(text):
    """Text as received -> Markdown inline: the text's characters show as themselves
    (HTML and Markdown syntax escaped), web addresses link, footnote references and
    emphasis marked by the cleaner stay markup, declared corrections are marked."""
    parts, last = [], 0
    for match in P.CORRECTION.finditer(text):
        parts.append(_escape(text[last:match.start()]))
        parts.append(_correction(match))
        last = match.end()
    parts.append(_escape(text[last:]))
    return "".join(parts)


def _link(match):
    url = match.group().rstrip(".")
    rest = match.group()[len(url):]
    return f"[{as_text(url)}](https://{url}){rest}"


def _attrs(ident=None, cls=None):
    parts = ([f"#{ident}"] if ident else []) + ([f".{cls}"] if cls else [])
    return "{: " + " ".join(parts) + " }" if parts else ""


def _num(num):
    return templates.render("partials/text/number.html", number=templates.markup(inline(num))) + " " if num else ""


def render_para(node):
    attrs = _attrs(node.id, node.cls)
    return block_text(_num(node.num) + inline(node.text)) + (f"\n{attrs}" if attrs else "")


def render_items(node, indent=""):
    lines = []
    for position, item in enumerate(node.items, 1):
        marker = f"{position}. " if node.ordered else "- "
        pad = indent + " " * (4 if node.ordered else 2)
        lines.append(f"{indent}{marker}{block_text(_num(item.num) + inline(item.text))}")
        lines.append(f"{pad}{_attrs(item.id)}")
        if item.children:
            lines.append(render_items(ItemList(item.children, ordered=node.ordered), indent + "    "))
    return "\n".join(lines)


def render_table(node):
    def row(cells):
        return "| " + " | ".join(inline(c).replace("|", "&#124;") for c in cells) + " |"
    body = [row(node.rows[0]), "|" + "---|" * len(node.rows[0])] + [row(r) for r in node.rows[1:]]
    return templates.render("partials/text/table.html", id=node.id, rows=templates.markup("\n".join(body)))


def render_signature(node):
    lines = "\n\n".join(block_text(inline(text)) for text, _ in node.lines)
    return templates.render("partials/text/signature.html", id=node.id, lines=templates.markup(lines))


def render_links(node):
    return "\n".join(f"- [{inline(text)}]({target}.md)" for text, target in node.links)


def render_heading(node):
    attrs = _attrs(node.id)
    return "#" * node.level + " " + inline(node.text) + (f" {attrs}" if attrs else "")


RENDERERS = {
    Para: render_para,
    ItemList: render_items,
    Table: render_table,
    Signature: render_signature,
    Links: render_links,
    Heading: render_heading,
}


def render_body(page):
    parts = []
    if not page.meta.get("title_supplied") and not any(
        isinstance(n, Heading) and n.level == 1 for n in page.nodes
    ):
        parts.append("# " + inline(page.title))
    parts.extend(RENDERERS[type(node)](node) for node in page.nodes)
    used = set(P.FOOTNOTE_REF.findall("\n".join(parts)))
    for key, text in page.footnotes.items():
        if key in used:
            parts.append(f"[^{key}]: {block_text(inline(text))}")
    return "\n\n".join(parts) + "\n"


def checksum(body):
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _compose(meta, body):
    front = yaml.dump(meta, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{front}---\n\n{body}"


def compose_page(meta, body):
    """The whole file: front matter and body, with a checksum of both in the front matter
    so that a later run can tell a page edited by hand (see ``content_checksum``)."""
    meta = {key: value for key, value in meta.items() if key != "normalizer_checksum"}
    return _compose(dict(meta, normalizer_checksum=checksum(_compose(meta, body))), body)


def render_page(page):
    return compose_page(dict(page.meta, title=page.title), render_body(page))


def content_checksum(text):
    """The checksum of a page as ``render_page`` computes it, ignoring the recorded one."""
    meta, body = split_front_matter(text)
    meta.pop("normalizer_checksum", None)
    return checksum(_compose(meta, body))


FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n\n?", re.S)


class FrontMatterError(SourceError, yaml.YAMLError):
    """Front matter that does not load: a SourceError (file:line: message, exit 1), and
    a YAMLError for callers that treat a page whose front matter is broken as one edited
    by hand (normalize.front_matter)."""


def split_front_matter(text, path="docs page"):
    """Markdown file -> (meta dict, body). Read with the strict loader, as the build reads
    it (accord/docs_scan.py), so that both stages see the same page: dates stay strings,
    and aliases, tags and keys written twice (a page is edited by hand) are refused with
    ``path`` and the line in the file; ``path`` names the page in that message."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = strict_yaml.load(match.group(1))[0]
    except strict_yaml.YAMLProblem as problem:
        line = problem.line + 1 if problem.line else None      # + the opening '---'
        message = problem.message.removeprefix("malformed YAML: ")
        raise FrontMatterError(path, f"malformed front matter: {message}", line) from problem
    if meta is not None and not isinstance(meta, dict):
        raise FrontMatterError(path, "malformed front matter: it must be key: value lines", 2)
    return meta or {}, text[match.end():]
