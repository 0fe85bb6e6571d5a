"""Stage 2, blocks: cleaned lines -> paragraphs, with footnotes and notes taken out.

A block is one paragraph of the text as received, with the number of its first line.
Footnote texts (which PDF conversion drops mid-body at page ends) are collected apart;
a sentence that a page break split around them is joined again.
"""
import re
from dataclasses import dataclass, field

from . import patterns as P

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u201c\u201d\u2018\u2019《》（）]")


@dataclass
class Block:
    text: str
    line: int
    lines: list = field(default_factory=list)  # the received lines, for blocks that keep them
    indented: bool = False                     # the first line began with a tab
    break_before: bool = False                 # a page break (or a footnote) came just before


@dataclass
class Blocks:
    blocks: list
    footnotes: dict          # number (str) -> (text, line)
    notes: list              # asterisk notes: [(text, line)]


def join_text(left, right):
    """Join two pieces of one paragraph: no space between Chinese characters."""
    if not left:
        return right
    marks = "*" + P.EMPHASIS_OPEN + P.EMPHASIS_CLOSE
    if CJK.search(left.rstrip(marks)[-1:]) or CJK.search(right.lstrip(marks)[:1]):
        return left + right
    return left + " " + right


def is_structural(text):
    """Does this line start a new unit (a numbered paragraph, a sub-item, a heading)?"""
    return any(p.match(text) for p in (
        P.OPERATIVE, P.SUB_ITEM, P.MD_BULLET, P.MD_HEADING, P.ARTICLE_HEADING, P.ARTICLE_PARA, P.DECIMAL_PARA,
    ))


def _split_lines_mode(cleaned):
    blocks, blank_run = [], 0
    for number, raw in cleaned:
        if not raw.strip():
            blank_run += 1
            continue
        indented = raw.startswith("\t") or raw.startswith(" \t")
        blocks.append(Block(raw.strip(), number, [raw.strip()], indented, blank_run >= 2))
        blank_run = 0
    return blocks


def _split_blank_mode(cleaned):
    blocks, current, blank_run = [], None, 0
    for number, raw in cleaned:
        text = raw.strip()
        if not text:
            blank_run += 1
            current = None
            continue
        starts_unit = current is not None and is_structural(raw)
        if current is None or starts_unit:
            current = Block(text, number, [raw], raw.startswith("\t"), blank_run >= 2)
            blocks.append(current)
        else:
            current.text = join_text(current.text, text)
            current.lines.append(raw)
        blank_run = 0
    return blocks


def _footnote_number(match):
    number = match.group("a") or match.group("b") or match.group("c")
    return number.translate(P.ARABIC_INDIC).translate(P.SUPERSCRIPT_DIGITS)


def _take_notes(blocks):
    """Remove footnote texts and asterisk notes; mark where they stood as a break."""
    kept, footnotes, notes, pending_break = [], {}, [], False
    for block in blocks:
        match = P.FOOTNOTE_DEF.match(block.text)
        note = P.ASTERISK_NOTE.match(block.text)
        if match:
            footnotes[_footnote_number(match)] = (match.group("text"), block.line)
            pending_break = True
        elif note:
            notes.append((note.group("text"), block.line))
            pending_break = True
        else:
            block.break_before = block.break_before or pending_break
            pending_break = False
            kept.append(block)
    return kept, footnotes, notes


def _join_page_breaks(blocks):
    """Join a paragraph that a page break cut mid-sentence to its continuation."""
    joined = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (previous is not None and block.break_before
                and not P.CLAUSE_END.search(previous.text)
                and not P.MD_HEADING.match(previous.text)
                and not is_structural(block.text)):
            previous.text = join_text(previous.text, block.text)
            previous.lines.extend(block.lines)
            continue
        joined.append(block)
    return joined


def split_blocks(cleaned, mode):
    """Cleaned [(line, text)] -> Blocks. ``mode`` is the metadata's 'paragraphs'."""
    if mode == "lines":
        return Blocks(*_take_notes(_split_lines_mode(cleaned)))
    blocks, footnotes, notes = _take_notes(_split_blank_mode(cleaned))
    return Blocks(_join_page_breaks(blocks), footnotes, notes)
