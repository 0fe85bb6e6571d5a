"""Stage 4, render: pages of nodes -> Markdown with YAML front matter.

The Markdown is what contributors edit, so it stays plain: paragraphs carry their
ids with attr_list (``{: #para_1 }``), footnotes are ``[^1]``, and only three things
use HTML: the printed number of a paragraph (``<span class="num">``), signature
blocks and tables that need an id (``<div ... markdown>``).
"""
import hashlib
import re

import yaml

from . import patterns as P
from .model import Heading, ItemList, Links, Para, Signature, Table

# libyaml's safe loader and dumper where PyYAML has them (same output, several times
# faster: front matter is read and written for every page on every run).
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

ENTITY = re.compile(r"&(?=#?\w+;)")


def _escape(text):
    text = ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    return P.BARE_URL.sub(_link, text)


def _attr(text):
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _correction(match):
    """A declared correction: the corrected words marked, the words as received beside them."""
    received, corrected, reason = match.groups()
    return (f'<ins class="correction" title="{_attr(reason)}">{_escape(corrected)}</ins>'
            f'<del class="as-received">{_escape(received)}</del>')


def inline(text):
    """Text as received -> Markdown inline: markup shows as characters, web addresses link,
    declared corrections are marked."""
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
    return f"[{url}](https://{url}){rest}"


def _attrs(ident=None, cls=None):
    parts = ([f"#{ident}"] if ident else []) + ([f".{cls}"] if cls else [])
    return "{: " + " ".join(parts) + " }" if parts else ""


def _num(num):
    return f'<span class="num">{inline(num)}</span> ' if num else ""


def render_para(node):
    attrs = _attrs(node.id, node.cls)
    return _num(node.num) + inline(node.text) + (f"\n{attrs}" if attrs else "")


def render_items(node, indent=""):
    lines = []
    for position, item in enumerate(node.items, 1):
        marker = f"{position}. " if node.ordered else "- "
        pad = indent + " " * (4 if node.ordered else 2)
        lines.append(f"{indent}{marker}{_num(item.num)}{inline(item.text)}")
        lines.append(f"{pad}{_attrs(item.id)}")
        if item.children:
            lines.append(render_items(ItemList(item.children, ordered=node.ordered), indent + "    "))
    return "\n".join(lines)


def render_table(node):
    def row(cells):
        return "| " + " | ".join(inline(c).replace("|", "&#124;") for c in cells) + " |"
    body = [row(node.rows[0]), "|" + "---|" * len(node.rows[0])] + [row(r) for r in node.rows[1:]]
    return f'<div class="table" id="{node.id}" markdown>\n\n' + "\n".join(body) + "\n\n</div>"


def render_signature(node):
    lines = "\n\n".join(inline(text) for text, _ in node.lines)
    return f'<div class="signature" id="{node.id}" markdown>\n\n{lines}\n\n</div>'


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
            parts.append(f"[^{key}]: {inline(text)}")
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


def split_front_matter(text):
    """Markdown file -> (meta dict, body)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    return yaml.load(match.group(1), Loader=LOADER) or {}, text[match.end():]
