"""Stage 0 for a PDF: its text as received, in the form the normalizer reads (as
scripts/extract.py writes a Word file's), from what the file says of each character: its
position, size and font (pdfplumber, on pdfminer.six).

- lines: the characters of one baseline, left to right; an Arabic line (its letters
  right to left) put back in reading order, its runs of digits and Latin letters kept
  as they read, its mirrored brackets turned back; the compatibility forms a font maps
  its glyphs to (Arabic presentation forms, Kangxi radicals) read as the letters they are;
  a space where the gap between two characters is a space's;
- page headers and footers: the lines at the same place on every page with the same
  words but for their digits (the symbol, the page number), and a page number alone at
  the top or the foot of a page;
- footnotes: the lines at the foot of a page in a smaller size than the body's, under
  it; a footnote call is a small raised number (``<sup>N</sup>``), and the notes go at
  the end of the text as ``<sup>N</sup> text``;
- paragraphs: lines apart by more than the body's line spacing begin a new one; a
  paragraph whose last line on a page fills the line goes on at the top of the next; a
  word cut by a hyphen at the end of a line is joined;
- bold and italic runs from the font's name; headings from a size above the body's.

A PDF is refused, with what to do, when it is encrypted, damaged, or holds no text (a scan).

Measured on the six test files (tests/pdf_documents.py): pdfplumber gives every
character with its place, size and font, all this needs (its own text lines split a line
where a font's digits sit higher than its letters, so lines are made here); pypdf's text
keeps an Arabic word's letters in order but a line's words in the order they are drawn,
with no sizes, which serves as the fidelity check's second reader (scripts/fidelity.py);
PyMuPDF's licence (AGPL) does not fit the project's.
"""
from __future__ import annotations

import logging
import re
import statistics
from pathlib import Path

from .errors import SourceError
from .blocks import join_text
from .clean import as_letters
from .extract import footnote_mark

# pdfminer warns of what it works around (a font's missing bounding box) on every page.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe]")
LTR_RUN = re.compile(r"[0-9A-Za-z\u00c0-\u024f\u0400-\u04ff](?:[0-9A-Za-z\u00c0-\u024f\u0400-\u04ff.,:/%\-]*[0-9A-Za-z\u00c0-\u024f\u0400-\u04ff])?")
MIRRORED = str.maketrans("()[]{}«»<>", ")(][}{»«><")
PAGE_NUMBER = re.compile(r"^[\s\-–—]*[0-9٠-٩]+(?:\s*/\s*[0-9٠-٩]+)?[\s\-–—]*$")
DIGIT = re.compile("[0-9٠-٩]")
HYPHEN_END = re.compile(r"(?<=[^\W\d_])-$")
# The share of a page's height at its top and foot where a page number alone is the
# page's, not the text's.
RUNNING_ZONE = 0.1



class _Line:
    __slots__ = ("chars", "top", "bottom", "x0", "x1", "size", "page", "text", "rtl")

    def __init__(self, chars, page):
        self.chars, self.page = chars, page
        body = [c for c in chars if c["size"] >= 0.9 * max(ch["size"] for ch in chars)] or chars
        self.size = statistics.median(c["size"] for c in body)
        self.top = min(c["top"] for c in body)
        self.bottom = max(c["bottom"] for c in body)
        self.x0, self.x1 = min(c["x0"] for c in chars), max(c["x1"] for c in chars)
        self.rtl = sum(bool(RTL_LETTER.match(c["text"])) for c in chars) > len(chars) / 3
        self.text = None


def _lines(page, number) -> list[_Line]:
    """The page's characters grouped by baseline (a superscript joins its line)."""
    chars = sorted((c for c in page.chars if c["text"].strip() or c["text"] == " "),
                   key=lambda c: ((c["top"] + c["bottom"]) / 2, c["x0"]))
    lines: list[list] = []
    for char in chars:
        middle = (char["top"] + char["bottom"]) / 2
        for line in reversed(lines[-3:]):
            size = max(c["size"] for c in line)
            centre = statistics.median((c["top"] + c["bottom"]) / 2 for c in line if c["size"] >= 0.9 * size)
            if abs(middle - centre) <= 0.45 * max(size, char["size"]):
                line.append(char)
                break
        else:
            lines.append([char])
    return [_Line(sorted(line, key=lambda c: c["x0"]), number) for line in lines]


def _styled(char, size) -> tuple:
    """(superscript, bold, italic) of a character in a line of ``size``."""
    name = char.get("fontname", "").split("+")[-1].lower()
    small = char["size"] <= 0.8 * size
    return small, "bold" in name, "italic" in name or "oblique" in name


def _line_text(line: _Line) -> str:
    """The line in reading order, with its marks: ``**`` bold, ``*`` italic, ``<sup>``."""
    pieces = []                     # (text, sup, bold, italic) in visual order
    previous = None
    for char in line.chars:
        if previous is not None and char["text"] != " " and previous["text"] != " ":
            gap = char["x0"] - previous["x1"]
            if gap > 0.2 * line.size:
                pieces.append((" ", False, False, False))
        sup, bold, italic = _styled(char, line.size)
        pieces.append((as_letters(char["text"]), sup and DIGIT.match(char["text"]) is not None, bold, italic))
        previous = char
    if line.rtl:
        pieces = _reading_order(pieces)
    return _marked(pieces)


def _reading_order(pieces):
    """An Arabic line's pieces, from the order they are drawn in (left to right) to the
    order they are read in: runs of digits and Latin letters keep their order, the rest is
    read right to left, its mirrored brackets turned back."""
    text = "".join(piece[0] for piece in pieces)
    owners = []
    for index, piece in enumerate(pieces):
        owners += [index] * len(piece[0])
    keep = [False] * len(text)
    for match in LTR_RUN.finditer(text):
        for position in range(match.start(), match.end()):
            keep[position] = True
    runs, start = [], 0
    for position in range(1, len(text) + 1):
        if position == len(text) or keep[position] != keep[start]:
            runs.append((start, position, keep[start]))
            start = position
    ordered = []
    for start, end, ltr in reversed(runs):
        indices = range(start, end) if ltr else range(end - 1, start - 1, -1)
        for position in indices:
            char = text[position] if ltr else text[position].translate(MIRRORED)
            _, sup, bold, italic = pieces[owners[position]]
            ordered.append((char, sup, bold, italic))
    return ordered


def _marked(pieces) -> str:
    merged: list[list] = []
    for text, sup, bold, italic in pieces:
        style = [sup, bold and text.strip() != "", italic and text.strip() != ""]
        if text == " " and merged:
            merged[-1][0] += " "
            continue
        if merged and merged[-1][1:] == style:
            merged[-1][0] += text
        else:
            merged.append([text] + style)
    out = []
    for text, sup, bold, italic in merged:
        core = text.strip()
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        if sup and core:
            out.append(f"{lead}{footnote_mark(core)}{trail}")
        elif (bold or italic) and core:
            mark = "**" if bold else "*"
            out.append(f"{lead}{mark}{core}{mark}{trail}")
        else:
            out.append(text)
    return re.sub(r" {2,}", " ", "".join(out)).strip()


def _repeated(pages) -> set:
    """(page, line index) of the lines at the same place on every page with the same words
    but for their digits: the running headers and footers."""
    if len(pages) < 2:
        return set()
    seen: dict = {}
    for number, lines in enumerate(pages):
        for index, line in enumerate(lines):
            if line.text.startswith("<sup>"):
                continue                        # a footnote, however alike its place and words
            key = (round(line.top / 3), DIGIT.sub("#", line.text))
            seen.setdefault(key, []).append((number, index))
    return {place for places in seen.values() if len({n for n, _ in places}) == len(pages) for place in places}


def extract(path: Path) -> str:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(path)
    except Exception as error:  # noqa: BLE001 (pdfminer raises many kinds on a damaged file)
        cause = error.args[0] if isinstance(error, PdfminerException) and error.args else error
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise SourceError(path, "the PDF is encrypted (it asks for a password): take a copy that is not, or "
                                    "the Word version the official site gives") from None
        raise SourceError(path, f"the PDF is damaged ({cause or type(cause).__name__}): download it again") from None
    with pdf:
        if pdf.doc.encryption is not None:
            raise SourceError(path, "the PDF is encrypted: take a copy that is not, or the Word version the "
                                    "official site gives")
        try:
            pages = [_lines(page, number) for number, page in enumerate(pdf.pages)]
            heights = [page.height for page in pdf.pages]
        except Exception as error:  # noqa: BLE001 (pdfminer raises many kinds on a damaged file)
            raise SourceError(path, f"the PDF is damaged ({error or type(error).__name__}): download it again") from None
    for lines in pages:
        for line in lines:
            line.text = _line_text(line)
    if not any(line.text for lines in pages for line in lines):
        raise SourceError(path, "the PDF holds no text (its pages are images: a scan): Accord needs the text "
                                "itself; take the Word or text version the official site gives")
    return _text(pages, heights)


def _text(pages, heights) -> str:
    running = _repeated(pages)
    body_lines, notes = [], []
    sizes = [line.size for lines in pages for line in lines]
    body_size = statistics.mode(round(size, 1) for size in sizes)
    for number, lines in enumerate(pages):
        kept = []
        for index, line in enumerate(lines):
            margin = RUNNING_ZONE * heights[number]
            if (number, index) in running or (PAGE_NUMBER.match(line.text) and (
                    line.top < margin or line.bottom > heights[number] - margin)):
                continue
            kept.append(line)
        foot = len(kept)
        while foot > 0 and kept[foot - 1].size < 0.95 * body_size:
            foot -= 1
        notes += kept[foot:]
        body_lines.append(kept[:foot])
    headings = sorted({round(line.size, 1) for lines in body_lines for line in lines
                       if line.size > 1.1 * body_size}, reverse=True)
    blocks = _paragraphs(body_lines, body_size, headings)
    blocks += _notes(notes)
    return "\n\n".join(blocks) + "\n"


def _paragraphs(pages, body_size, headings) -> list[str]:
    spacing = [b.top - a.top for lines in pages for a, b in zip(lines, lines[1:])
               if abs(a.size - body_size) < 0.5 and abs(b.size - body_size) < 0.5 and b.top > a.top]
    # the body's line spacing: the closest two lines of one paragraph, or, where no
    # paragraph has two lines, no more than one and a half times the size
    step = min(spacing + [body_size * 1.5])
    right = max((line.x1 for lines in pages for line in lines), default=0)
    left = min((line.x0 for lines in pages for line in lines), default=0)
    blocks: list[list] = []
    last = None
    for lines in pages:
        for line in lines:
            heading = round(line.size, 1) in headings
            starts = (last is None or heading or last[1] or
                      (line.page == last[0].page and line.top - last[0].top > step * 1.25) or
                      (line.page != last[0].page and not _fills(last[0], left, right)))
            text = line.text
            if heading:
                text = "#" * (2 + headings.index(round(line.size, 1))) + " " + text.replace("**", "")
            if starts:
                blocks.append([text])
            else:
                blocks[-1].append(text)
            last = (line, heading)
    return [_join(block) for block in blocks]


def _fills(line, left, right) -> bool:
    """Does the line reach the far side of the text (the paragraph goes on)?"""
    edge = left if line.rtl else right
    return abs((line.x0 if line.rtl else line.x1) - edge) < 0.02 * (right - left)


def _join(lines) -> str:
    out = lines[0]
    for line in lines[1:]:
        if HYPHEN_END.search(out) and line[:1].islower():
            out = out[:-1] + line
        else:
            out = join_text(out, line)
    return re.sub(r"\*\* \*\*", " ", out)


def _notes(lines) -> list[str]:
    notes: list[str] = []
    for line in lines:
        if line.text.startswith("<sup>") or not notes:
            notes.append(line.text)
        else:
            notes[-1] = _join([notes[-1], line.text])
    return notes
