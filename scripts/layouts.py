"""Stage 3, structure: blocks of one instrument -> pages of nodes, by layout.

A layout knows how one kind of instrument is built: a resolution (and a council
decision) has masthead, title, formula, preamble, operative paragraphs; an agreement
has parties, preamble, articles, final clause, signatures; a note has headed sections
and an appendix; an agenda has items with annotations and an annex table.
"""
from accord import library
from accord.numerals import read_number

from . import patterns as P
from .blocks import join_text
from .errors import SourceError
from .model import Heading, Item, ItemList, Links, Page, Para, Signature, Table, emphasis


def number(text):
    """ASCII form of a printed number: "١٢" -> "12"."""
    return text.translate(P.ARABIC_INDIC)


def letter(text):
    """Latin id letter of a sub-item: "أ" -> "a", "هـ" -> "e", "b" -> "b"."""
    return P.ARABIC_LETTERS.get(text, P.ARABIC_LETTERS.get(text.rstrip("ـ"), text))


def split_inline_items(text):
    """'...: (أ) منع ...؛ (ب) منع ...' -> ('...:', ['(أ) منع ...؛', '(ب) منع ...'])."""
    parts = P.INLINE_SUB_ITEM.split(text)
    return parts[0], parts[1:]


class Builder:
    """Collects nodes and hands out ids; ``where`` names the source for errors."""

    def __init__(self, where):
        self.where = where
        self.nodes = []
        self.ids = set()

    def claim(self, ident, line):
        """Reserve a paragraph id; the same id twice in one page is an error."""
        if ident in self.ids:
            raise SourceError(self.where, f"duplicate paragraph id {ident!r}: two paragraphs or "
                              "sub-items carry the same number; check the numbering in the source", line)
        self.ids.add(ident)

    def add(self, node):
        if getattr(node, "id", None):
            self.claim(node.id, getattr(node, "line", None))
        for child in getattr(node, "items", []):
            self._claim_item(child)
        self.nodes.append(node)
        return node

    def add_item(self, items, item):
        """Append a sub-item to a list (or an item's children) already added."""
        self._claim_item(item)
        items.append(item)
        return item

    def _claim_item(self, item):
        self.claim(item.id, item.line)
        for child in item.children:
            self._claim_item(child)


def masthead(builder, block):
    """Masthead lines before the title: kept as they are, without ids."""
    heading = P.MD_HEADING.match(block.text)
    if P.DISTRIBUTION_LINE.match(block.text):
        for offset, line in enumerate(block.lines):
            builder.add(Para(line.strip(), None, block.line + offset, cls="masthead"))
    else:
        builder.add(Para(heading.group("text") if heading else block.text, None, block.line, cls="masthead"))


def heading_text(block):
    match = P.MD_HEADING.match(block.text)
    return match.group("text") if match else block.text


def find_title(blocks, entry, where, before=None):
    """Index of the title block: the metadata's title_line, else the last heading before ``before``."""
    wanted = entry.get("title_line")
    limit = len(blocks) if before is None else before
    for index in range(limit):
        if wanted and heading_text(blocks[index]) == wanted:
            return index
    if wanted:
        raise SourceError(where, f"title_line {wanted!r} does not occur in the text")
    headings = [i for i in range(limit) if P.MD_HEADING.match(blocks[i].text)]
    if not headings:
        raise SourceError(where, "no title found: add 'title_line' to the metadata")
    return headings[-1]


def resolution(blocks, entry, where, page_path):
    """A resolution, a draft resolution or a council decision: one page."""
    formula = next((i for i, b in enumerate(blocks) if P.FORMULA.match(b.text)), None)
    if formula is None:
        raise SourceError(where, "no opening formula (e.g. '大会，') found in the text")
    title_at = find_title(blocks, entry, where, formula)
    builder = Builder(where)
    for block in blocks[:title_at]:
        masthead(builder, block)
    title = heading_text(blocks[title_at])
    for count, block in enumerate(blocks[title_at + 1:formula], 1):
        builder.add(Para(block.text, f"preface__p_{count}", block.line, cls="preface"))
    builder.add(Para(blocks[formula].text, "formula", blocks[formula].line, cls="formula"))
    _resolution_body(builder, blocks[formula + 1:])
    return [Page(page_path, title, builder.nodes)]


def _resolution_body(builder, blocks):
    preamble, para, items, closing = 0, None, None, 0
    pending_verb = None

    def flush_verb():
        # A short line that no preamble paragraph follows is a paragraph of its own.
        nonlocal preamble, pending_verb
        if pending_verb is not None:
            preamble += 1
            builder.add(Para(pending_verb.text, f"preamble__p_{preamble}", pending_verb.line))
            pending_verb = None

    for block in blocks:
        operative = P.OPERATIVE.match(block.text)
        sub = P.SUB_ITEM.match(block.text)
        if pending_verb is not None and (operative or P.OPERATIVE_FORMULA.match(block.text)
                                         or not P.CLAUSE_END.search(block.text) and len(block.text) <= 12):
            flush_verb()
        if operative:
            para = number(operative.group("num"))
            lead, inline = split_inline_items(operative.group("text"))
            num = block.text[: operative.start("text")].strip()
            builder.add(Para(lead, f"para_{para}", block.line, num=num))
            items = None
            if inline:
                items = builder.add(ItemList([]))
                for piece in inline:
                    _add_sub_item(builder, items, para, P.SUB_ITEM.match(piece), block.line)
        elif sub and para is not None:
            if items is None:
                items = builder.add(ItemList([]))
            _add_sub_item(builder, items, para, sub, block.line)
        elif P.OPERATIVE_FORMULA.match(block.text):
            builder.add(Para(emphasis(block.text), "operative__formula", block.line, cls="formula"))
        elif para is None and not P.CLAUSE_END.search(block.text) and len(block.text) <= 12:
            pending_verb = block          # an ITU preamble verb on its own line: "经审议"
        elif para is None:
            preamble += 1
            text = block.text
            if pending_verb is not None:
                text, pending_verb = join_text(emphasis(pending_verb.text), text), None
            builder.add(Para(text, f"preamble__p_{preamble}", block.line))
        else:
            for offset, line in enumerate(block.lines):
                closing += 1
                builder.add(Para(line.strip(), f"conclusions__p_{closing}", block.line + offset, cls="closing"))
    flush_verb()


def _add_sub_item(builder, items, para, match, line):
    point = letter(match.group("letter"))
    text = match.group("text")
    builder.add_item(items.items, Item(text, f"para_{para}__list_1__point_{point}", line,
                                       num=f"({match.group('letter')})"))


def article_number(match):
    """The number of an article heading (P.ARTICLE_HEADING): 第十一条 -> 11, المادة ١٢ -> 12."""
    return read_number(next(g for g in match.groups() if g))


def agreement(blocks, entry, where, page_path):
    """An agreement: an index page (title, parties, preamble, final clause, signatures)
    and one page per article."""
    first_article = next((i for i, b in enumerate(blocks) if P.ARTICLE_HEADING.match(b.text)), None)
    if first_article is None:
        raise SourceError(where, "no article heading (e.g. '第一条') found in the agreement")
    title_end = next((i for i, b in enumerate(blocks) if i and b.break_before), 1)
    title = ""
    for block in blocks[:title_end]:
        title = join_text(title, block.text)
    index = Builder(where)
    front = blocks[title_end:first_article]
    for count, block in enumerate(front[:-1], 1):
        index.add(Para(block.text, f"preamble__p_{count}", block.line))
    index.add(Para(front[-1].text, "formula", front[-1].line, cls="formula"))
    link_list = index.add(Links([]))
    pages, rest = [], blocks[first_article:]
    while rest and P.ARTICLE_HEADING.match(rest[0].text):
        art = article_number(P.ARTICLE_HEADING.match(rest[0].text))
        end = next((i for i in range(1, len(rest)) if P.ARTICLE_HEADING.match(rest[i].text)), len(rest))
        body, rest = rest[:end], rest[end:]
        page, leftover = _article_page(body, art, where, page_path)
        pages.append(page)
        link_list.links.append((page.title, f"art_{art}"))
        rest = leftover + rest
    _final_clauses(index, rest)
    return [Page(f"{page_path}/index", title, index.nodes)] + pages


def _article_page(blocks, art, where, page_path):
    """One article: heading, title, paragraphs. Returns the page and what follows it
    (the final clause and signatures after the last article)."""
    builder = Builder(where)
    heading = f"{blocks[0].text} {blocks[1].text}" if len(blocks) > 1 else blocks[0].text
    builder.add(Heading(1, heading, f"art_{art}", blocks[0].line))
    numbered, plain, leftover = 0, 0, []
    body = blocks[2:]
    for position, block in enumerate(body):
        match = P.ARTICLE_PARA.match(block.text)
        if match:
            numbered += 1
            builder.add(Para(match.group("text"), f"art_{art}__para_{number(match.group('num'))}", block.line,
                             num=block.text[: match.start("text")].strip()))
        elif numbered or block.indented:
            leftover = body[position:]      # text after numbered paragraphs: final clauses
            break
        else:
            plain += 1
            follows_list = any(P.ARTICLE_PARA.match(b.text) for b in body[position + 1:])
            ident = f"art_{art}__intro" if follows_list else f"art_{art}__p_{plain}"
            builder.add(Para(block.text, ident, block.line))
    return Page(f"{page_path}/art_{art}", heading, builder.nodes, meta={"article": art}), leftover


def _final_clauses(builder, blocks):
    closing, signature = 0, None
    for block in blocks:
        if block.indented:
            signature = builder.add(Signature(f"signature_{sum(isinstance(n, Signature) for n in builder.nodes) + 1}", []))
            signature.lines.append((block.text, block.line))
        elif signature is not None:
            signature.lines.append((block.text, block.line))
        else:
            closing += 1
            builder.add(Para(block.text, f"conclusions__p_{closing}", block.line))


def note(blocks, entry, where, page_path):
    """A cover note: headed sections, signature, appendix with numbered sections."""
    label = (entry.get("label") or {}).get("en") or entry["id"]
    builder = Builder(where)
    counters = {"heading": 0, "p": 0}
    prefix, section, para, items = "", None, None, None
    position = 0
    while position < len(blocks):
        block = blocks[position]
        text = block.text
        run = _indented_run(blocks, position)
        appendix = P.APPENDIX_HEADING.match(text)
        section_heading = P.SECTION_HEADING.match(text)
        decimal = P.DECIMAL_PARA.match(text)
        operative = P.OPERATIVE.match(text)
        if run > 1:
            signature = builder.add(Signature(f"{prefix}signature_1", []))
            signature.lines.extend((b.text, b.line) for b in blocks[position:position + run])
            position += run
            continue
        if appendix:
            prefix, section = f"appendix_{appendix.group('num')}__", None
            builder.add(Heading(2, text, prefix.rstrip("_"), block.line))
        elif section_heading:
            section = section_heading.group("num")
            builder.add(Heading(3, f"{section} {section_heading.group('text').strip()}", f"{prefix}sec_{section}", block.line))
        elif decimal:
            para = f"{prefix}sec_{decimal.group('sec')}__para_{decimal.group('num')}"
            builder.add(Para(decimal.group("text"), para, block.line, num=f"{decimal.group('sec')}.{decimal.group('num')}"))
            items = None
        elif operative and para is not None:
            if items is None:
                items = builder.add(ItemList([]))
            point = number(operative.group("num"))
            builder.add_item(items.items, Item(operative.group("text"), f"{para}__list_1__point_{point}",
                                               block.line, num=point))
        elif P.NOTE_HEADING.match(text) and not prefix:
            counters["heading"] += 1
            builder.add(Heading(2, text, f"{prefix}heading_{counters['heading']}", block.line))
        else:
            counters["p"] += 1
            builder.add(Para(text, f"{prefix}p_{counters['p']}", block.line))
        position += 1
    return [Page(page_path, label, builder.nodes, meta={"title_supplied": True})]


def _indented_run(blocks, start):
    end = start
    while end < len(blocks) and blocks[end].indented:
        end += 1
    return end - start


def agenda(blocks, entry, where, page_path):
    """Provisional agenda and annotations: agenda list, annotated items, annex table."""
    title_at = find_title(blocks, entry, where)
    builder = Builder(where)
    for block in blocks[:title_at]:
        masthead(builder, block)
    title = heading_text(blocks[title_at])
    state = {"part": None, "sec": None, "sub": None, "p": 0, "list": 0, "heading": 0, "table": 0}
    agenda_list = None
    for block in blocks[title_at + 1:]:
        bullet = P.MD_BULLET.match(block.lines[0]) if block.lines else None
        sub_bullet = bullet and P.SUB_ITEM.match(bullet.group("text"))
        numbered = P.OPERATIVE.match(block.text)
        sub = P.SUB_ITEM.match(block.text)
        if _is_table(block):
            state["table"] += 1
            builder.add(_table(block, f"{_scope(state)}table_{state['table']}"))
        elif bullet and not sub_bullet and state["part"] == "agenda":
            agenda_list = _agenda_item(builder, agenda_list, bullet, block)
        elif sub_bullet:
            _list_item(builder, state, sub_bullet, block)
        elif numbered and not P.CLAUSE_END.search(block.text):
            state.update(sec=number(numbered.group("num")), sub=None, p=0, list=0, heading=0)
            builder.add(Heading(3, block.text, f"sec_{state['sec']}", block.line))
        elif sub and state["sec"] and not P.CLAUSE_END.search(block.text):
            state.update(sub=letter(sub.group("letter")), p=0, list=0, heading=0)
            builder.add(Heading(4, block.text, f"sec_{state['sec']}__subsec_{state['sub']}", block.line))
        elif not P.CLAUSE_END.search(block.text) and len(block.text) <= 12:
            _part_heading(builder, state, block)
        else:
            state["p"] += 1
            builder.add(Para(block.text, f"{_scope(state)}p_{state['p']}", block.line))
    return [Page(page_path, title, builder.nodes)]


def _scope(state):
    if state["sec"]:
        return f"sec_{state['sec']}__" + (f"subsec_{state['sub']}__" if state["sub"] else "")
    return f"{state['part']}__" if state["part"] else ""


def _part_heading(builder, state, block):
    """A short unpunctuated line: the agenda ('临时议程'), then the annotations ('说明'),
    the annex ('附件'); any other is a sub-heading ('文件', '拟议工作安排')."""
    if P.ANNEX_HEADING.match(block.text):
        part = "annex"
    elif state["part"] is None:
        part = "agenda"
    elif state["part"] == "agenda":
        part = "annotations"
    else:
        state["heading"] += 1
        level = 4 if state["sec"] else 3
        builder.add(Heading(level, block.text, f"{_scope(state)}heading_{state['heading']}", block.line))
        return
    state.update(part=part, sec=None, sub=None, p=0, heading=0, list=0)
    builder.add(Heading(2, block.text, part, block.line))


def _agenda_item(builder, agenda_list, bullet, block):
    if agenda_list is None:
        agenda_list = builder.add(ItemList([], ordered=True))
    if bullet.group("indent"):
        parent = agenda_list.items[-1]
        point = "abcdefghijklmnopqrstuvwxyz"[len(parent.children)]
        child = Item(bullet.group("text"), f"{parent.id}__point_{point}", block.line)
        builder.add_item(parent.children, child)
    else:
        item = Item(bullet.group("text"), f"agenda__item_{len(agenda_list.items) + 1}", block.line)
        builder.add_item(agenda_list.items, item)
    return agenda_list


def _list_item(builder, state, sub, block):
    last = builder.nodes[-1] if builder.nodes else None
    if not isinstance(last, ItemList) or last.ordered:
        state["list"] += 1
        last = builder.add(ItemList([]))
    point = letter(sub.group("letter"))
    item = Item(sub.group("text"), f"{_scope(state)}list_{state['list']}__point_{point}", block.line,
                num=f"({sub.group('letter')})")
    builder.add_item(last.items, item)


def _is_table(block):
    return len(block.lines) > 1 and sum("\t" in line for line in block.lines) > len(block.lines) / 2


def _table(block, ident):
    rows = [line.split("\t") for line in block.lines]
    width = max(len(row) for row in rows)
    rows = [[cell.strip() for cell in row] + [""] * (width - len(row)) for row in rows]
    return Table(rows, ident, block.line)


LAYOUTS = {
    "resolution": resolution,
    "decision": resolution,
    "agreement": agreement,
    "note": note,
    "agenda": agenda,
}
# One function for each layout that accord/library.yml names, and no other.
assert set(LAYOUTS) == set(library.LAYOUTS), "scripts/layouts.py and accord/library.yml name different layouts"
