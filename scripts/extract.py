"""Stage 0, extract: the file an official site gives (a Word .docx; a PDF in its own
module, scripts/extract_pdf.py) -> the text as received, in the form the normalizer
reads (scripts/clean.py): a paragraph a block, blocks apart by a blank line, bold and
italic runs as ``**`` and ``*``, footnote calls as ``<sup>N</sup>`` and the footnotes at
the end as ``<sup>N</sup> text``, headings as ``#``, numbered paragraphs with the number
Word prints, tables as Markdown tables.

What the file says is used, not guessed: the paragraphs of the body in order, the runs'
bold and italic, the numbering definitions (the printed "1." and "(a)", counted as Word
counts them), the footnotes part and the calls to it. Headers and footers are parts of
their own and not the body's: the symbol and the page number they repeat never reach the
text. The same file gives the same text on every machine.

The parts are read with zipfile and lxml. Measured on the six test documents
(tests/word_documents.py): python-docx (used by the tests to write them) has no API for
footnotes nor for the numbers Word prints; mammoth reads footnotes, bold and italic but
gives lists without their numbers (it is the fidelity check's second reader,
scripts/fidelity.py); docx2python failed on a footnotes part (KeyError 'r') and does not
know Word's Arabic numbering formats (hindiNumbers, arabicAbjad: "--").

A file is refused with what to do (SourceError naming it, before anything is written):
not a .docx (a PDF, an image, a ZIP of another kind, an old .doc), password-protected,
damaged, or holding tracked changes.
"""
from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from lxml import etree

from . import patterns as P
from .errors import SourceError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
ORIGINALS = (".docx", ".pdf")
# The magic bytes of the files a contributor may have in hand by mistake.
SIGNATURES = (
    (b"%PDF-", "a PDF file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE compound file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF file"),
)
# Tracked changes: insertions, deletions, moves, changed formatting.
TRACKED = ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange")
# Word's numbering formats and how each writes a number.
LETTERS = {
    "lowerLetter": "abcdefghijklmnopqrstuvwxyz",
    "upperLetter": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "arabicAbjad": "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ",
    "arabicAlpha": "أبتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "russianLower": "абвгдежзиклмнопрстуфхцчшщэюя",
    "russianUpper": "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ",
}
DIGITS = {"decimal": "0123456789", "hindiNumbers": "٠١٢٣٤٥٦٧٨٩", "arabicIndic": "٠١٢٣٤٥٦٧٨٩"}
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
         (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
CHINESE = "〇一二三四五六七八九"


def footnote_mark(number) -> str:
    """A footnote's number in the text as received, as converters write it and the
    cleaner reads it (scripts/patterns.py SUP_FORM, SUP_MARKER): the text's own form."""
    return P.SUP_FORM.format(number)


def is_original(path) -> bool:
    """Is ``path`` a file the text is extracted from (not the text itself)?"""
    return Path(path).suffix.lower() in ORIGINALS


def text_name(path) -> str:
    """The name of the text as received extracted from an original: "res.docx" -> "res.txt"."""
    return Path(path).with_suffix(".txt").name


def checksum_name(path) -> str:
    """The name of an original's checksum file beside it in sources/ ("res.docx.sha256")."""
    return Path(path).name + ".sha256"


def checksum_line(path, data: bytes) -> str:
    """The checksum file's one line, as sha256sum writes it (``sha256sum -c`` reads it)."""
    return f"{hashlib.sha256(data).hexdigest()}  {Path(path).name}\n"


# --------------------------------------------------------------------------- refusals


def _kind(data: bytes) -> str | None:
    for magic, what in SIGNATURES:
        if data.startswith(magic):
            return what
    return None


def _open(path: Path) -> zipfile.ZipFile:
    data = path.read_bytes()
    kind = _kind(data)
    if kind == "an OLE compound file":
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise SourceError(path, "the document is protected by a password: open it in Word, remove the "
                                    "password (File > Info > Protect Document), save it, and run again")
        raise SourceError(path, "this is a Word 97-2003 .doc (or another old Office file), not a .docx: open it "
                                "in Word, save it as Word Document (.docx), and run again")
    if kind == "a PDF file":
        raise SourceError(path, "this is a PDF file, not a Word document (.docx), whatever its name: name it .pdf")
    if kind:
        raise SourceError(path, f"this is {kind}, not a Word document (.docx): Accord needs the document "
                                "itself, as the official site gives it (.docx), or its text (.txt)")
    if not data.startswith(b"PK"):
        raise SourceError(path, "this is not a Word document (.docx): a text goes as TEXT=..., a Word file "
                                "as it was downloaded")
    try:
        archive = zipfile.ZipFile(path)
        names = set(archive.namelist())
    except zipfile.BadZipFile as error:
        raise SourceError(path, f"the file is damaged ({error}): download it again") from None
    if "word/document.xml" not in names:
        raise SourceError(path, "this ZIP file is not a Word document (it has no word/document.xml): give "
                                "the .docx the official site gives")
    return archive


def _part(archive: zipfile.ZipFile, path: Path, name: str):
    """The XML of a part of the package, or None where there is none."""
    try:
        data = archive.read(name)
    except KeyError:
        return None
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise SourceError(path, f"the file is damaged ({name}: {error}): download it again") from None
    try:
        return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        raise SourceError(path, f"the file is damaged ({name}: {error}): download it again") from None


def _refuse_tracked_changes(path: Path, root, part: str) -> None:
    for name in TRACKED:
        found = root.find(f".//{{{W}}}{name}")
        if found is not None:
            text = "".join(found.itertext()).strip()[:60]
            raise SourceError(path, f"the document holds tracked changes ({part}: {name}"
                                    f"{' ' + repr(text) if text else ''}): accept or reject them all in Word "
                                    "(Review > Accept All Changes), save, and run again")


# --------------------------------------------------------------------------- numbering


def number_text(value: int, fmt: str) -> str | None:
    """A number as Word writes it in a numbering format, or None for one not known.

    >>> [number_text(n, f) for n, f in ((3, "decimal"), (2, "lowerLetter"), (4, "lowerRoman"), (12, "hindiNumbers"), (2, "arabicAbjad"))]
    ['3', 'b', 'iv', '١٢', 'ب']
    """
    if fmt in DIGITS:
        return "".join(DIGITS[fmt][int(d)] for d in str(value))
    if fmt in LETTERS:
        letters = LETTERS[fmt]
        return letters[(value - 1) % len(letters)] * ((value - 1) // len(letters) + 1)
    if fmt in ("lowerRoman", "upperRoman"):
        out, rest = "", value
        for amount, numeral in ROMAN:
            while rest >= amount:
                out, rest = out + numeral, rest - amount
        return out if fmt == "lowerRoman" else out.upper()
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographDigital") and value < 100:
        tens, ones = divmod(value, 10)
        return (("" if tens == 1 else CHINESE[tens]) + "十" if tens else "") + (CHINESE[ones] if ones or not tens else "")
    return None


class Numbering:
    """Word's numbering definitions (word/numbering.xml) and the counters of a document."""

    def __init__(self, root):
        self.levels = {}          # (numId, ilvl) -> (start, numFmt, lvlText)
        # the last number given at each level, per list definition (the lists of one
        # definition go on counting, as in Word, unless a list restarts it: lvlOverride)
        self.counters = {}        # abstractNumId -> {ilvl: value}
        self.abstract_of = {}
        if root is None:
            return
        abstracts = {}
        for abstract in root.findall("w:abstractNum", NS):
            levels = {}
            for level in abstract.findall("w:lvl", NS):
                levels[int(level.get(f"{{{W}}}ilvl"))] = (
                    int(_val(level, "w:start") or 1), _val(level, "w:numFmt") or "decimal", _val(level, "w:lvlText") or "")
            abstracts[abstract.get(f"{{{W}}}abstractNumId")] = levels
        for num in root.findall("w:num", NS):
            num_id, abstract = num.get(f"{{{W}}}numId"), _val(num, "w:abstractNumId")
            self.abstract_of[num_id] = abstract
            for ilvl, level in abstracts.get(abstract, {}).items():
                self.levels[(num_id, ilvl)] = level
            for override in num.findall("w:lvlOverride", NS):
                ilvl = int(override.get(f"{{{W}}}ilvl"))
                start = _val(override, "w:startOverride")
                if start and (num_id, ilvl) in self.levels:
                    self.levels[(num_id, ilvl)] = (int(start),) + self.levels[(num_id, ilvl)][1:]

    def label(self, num_id: str, ilvl: int, path: Path, where: str) -> str | None:
        """The printed label of the next paragraph of list ``num_id`` at level ``ilvl``."""
        if num_id in (None, "0") or (num_id, ilvl) not in self.levels:
            return None
        key = self.abstract_of.get(num_id, num_id)
        counters = self.counters.setdefault(key, {})
        start = self.levels[(num_id, ilvl)][0]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]
        _, fmt, text = self.levels[(num_id, ilvl)]
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return text or None
        for level in range(ilvl + 1):
            if f"%{level + 1}" not in text:
                continue
            level_fmt = self.levels.get((num_id, level), (1, "decimal", ""))[1]
            value = counters.get(level, self.levels.get((num_id, level), (1,))[0])
            shown = number_text(value, level_fmt)
            if shown is None:
                raise SourceError(path, f"{where}: Word numbers this list in the format {level_fmt!r}, which "
                                        "Accord does not know: type the numbers in the text, or use another format")
            text = text.replace(f"%{level + 1}", shown)
        return text


def _val(element, child: str):
    found = element.find(child, NS)
    return found.get(f"{{{W}}}val") if found is not None else None


# --------------------------------------------------------------------------- the text


class _Document:
    def __init__(self, path: Path):
        self.path = path
        archive = _open(path)
        self.body = _part(archive, path, "word/document.xml")
        self.footnotes_part = _part(archive, path, "word/footnotes.xml")
        self.styles = _part(archive, path, "word/styles.xml")
        self.numbering = Numbering(_part(archive, path, "word/numbering.xml"))
        for name, root in (("document", self.body), ("footnotes", self.footnotes_part)):
            if root is not None:
                _refuse_tracked_changes(path, root, name)
        self.style_numbering, self.style_headings = self._styles()
        self.notes = {}           # footnote id -> number in the order of the calls

    def _styles(self):
        """({style: (numId, ilvl)} of the numbered styles, {style: level} of the headings)."""
        numbering, headings = {}, {}
        if self.styles is None:
            return numbering, headings
        for style in self.styles.findall("w:style", NS):
            ident = style.get(f"{{{W}}}styleId")
            name = _val(style, "w:name") or ident
            num = style.find("w:pPr/w:numPr", NS)
            if num is not None:
                numbering[ident] = (_val(num, "w:numId"), int(_val(num, "w:ilvl") or 0))
            level = _val(style, "w:pPr/w:outlineLvl")
            lowered = (name or "").lower()
            if lowered.startswith("heading ") and lowered[8:].isdigit():
                headings[ident] = int(lowered[8:])
            elif lowered == "title":
                headings[ident] = 1
            elif level is not None and level.isdigit() and int(level) < 6:
                headings[ident] = int(level) + 1
        return numbering, headings

    def text(self) -> str:
        body = self.body.find("w:body", NS)
        if body is None:
            raise SourceError(self.path, "the file is damaged (word/document.xml has no body): download it again")
        blocks = []
        for index, element in enumerate(body, 1):
            tag = etree.QName(element).localname
            if tag == "p":
                block = self._paragraph(element, f"paragraph {index}")
            elif tag == "tbl":
                block = self._table(element)
            else:
                continue
            if block.strip():
                blocks.append(block)
        blocks += self._footnotes()
        if not blocks:
            raise SourceError(self.path, "the document holds no text (only images: a scanned document?): Accord "
                                         "needs the text itself; take the Word or text version the official site gives")
        return "\n\n".join(blocks) + "\n"

    def _paragraph(self, p, where: str) -> str:
        style = _val(p, "w:pPr/w:pStyle")
        num = p.find("w:pPr/w:numPr", NS)
        numbered = ((_val(num, "w:numId"), int(_val(num, "w:ilvl") or 0)) if num is not None
                    else self.style_numbering.get(style))
        label = self.numbering.label(*numbered, self.path, where) if numbered else None
        text = _markup(self._runs(p))
        if not text.strip():
            return ""
        level = self.style_headings.get(style)
        if level:
            return "#" * level + " " + text.replace("**", "").strip()
        return f"{label} {text}" if label else text

    def _runs(self, p) -> list[tuple[str, bool, bool]]:
        """(text, bold, italic) of each piece of a paragraph, in order; a footnote call as
        its marker. A footnote's own mark (Word repeats its number there) is not text."""
        pieces = []
        for run in p.iter(f"{{{W}}}r"):
            if run.find("w:footnoteRef", NS) is not None:
                continue
            bold, italic = _on(run, "w:rPr/w:b"), _on(run, "w:rPr/w:i")
            for child in run:
                tag = etree.QName(child).localname
                if tag == "t":
                    pieces.append((child.text or "", bold, italic))
                elif tag == "tab":
                    pieces.append(("\t", False, False))
                elif tag in ("br", "cr"):
                    pieces.append(("\n", False, False))
                elif tag == "noBreakHyphen":
                    pieces.append(("\u2011", bold, italic))
                elif tag == "footnoteReference":
                    ident = child.get(f"{{{W}}}id")
                    number = self.notes.setdefault(ident, len(self.notes) + 1)
                    pieces.append((footnote_mark(number), False, False))
        return pieces

    def _table(self, table) -> str:
        rows = []
        for row in table.findall("w:tr", NS):
            cells = [" ".join(_markup(self._runs(p)).strip() for p in cell.findall("w:p", NS)).replace("|", "\\|")
                     for cell in row.findall("w:tc", NS)]
            rows.append("| " + " | ".join(cells) + " |")
        if rows:
            width = rows[0].count(" | ") + 1
            rows.insert(1, "|" + " --- |" * width)
        return "\n".join(rows)

    def _footnotes(self) -> list[str]:
        if self.footnotes_part is None or not self.notes:
            return []
        by_id = {note.get(f"{{{W}}}id"): note for note in self.footnotes_part.findall("w:footnote", NS)}
        found = []
        for ident, number in sorted(self.notes.items(), key=lambda item: item[1]):
            note = by_id.get(ident)
            if note is None:
                raise SourceError(self.path, f"the file is damaged (footnote {number} is called but not in "
                                             "word/footnotes.xml): download it again")
            paragraphs = [_markup(self._runs(p)).strip() for p in note.findall("w:p", NS)]
            found.append(footnote_mark(number) + " " + " ".join(part for part in paragraphs if part))
        return found

def _on(run, path: str) -> bool:
    found = run.find(path, NS)
    return found is not None and found.get(f"{{{W}}}val") not in ("0", "false", "off")


def _markup(pieces) -> str:
    """Runs as the text as received writes them: adjacent runs of one form joined, bold
    as ``**``, italic as ``*``, the blanks at their ends outside the marks."""
    merged: list[list] = []
    for text, bold, italic in pieces:
        if merged and merged[-1][1:] == [bold, italic]:
            merged[-1][0] += text
        else:
            merged.append([text, bold, italic])
    out = []
    for text, bold, italic in merged:
        mark = "**" if bold else "*" if italic else ""
        core = text.strip()
        if not mark or not core:
            out.append(text)
            continue
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        out.append(f"{lead}{mark}{core}{mark}{trail}")
    return "".join(out)


def extract(path) -> str:
    """The text as received of an original file (SourceError naming it when refused):
    a Word document here, a PDF by scripts/extract_pdf.py."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return _pdf(path)
    if suffix not in ORIGINALS:
        raise SourceError(path, "Accord takes a text (.txt), a Word document (.docx) or a PDF (.pdf)")
    return _Document(path).text()


def _pdf(path: Path) -> str:
    from . import extract_pdf

    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(path, f"cannot read the file ({error.strerror})") from None
    if not data.startswith(b"%PDF-"):
        kind = "a Word document or another ZIP file" if data.startswith(b"PK\x03\x04") else _kind(data)
        raise SourceError(path, f"this is {kind or 'not a PDF file'}, not a PDF, whatever its name: give the "
                                "file the official site gives, with the extension of what it is")
    return extract_pdf.extract(path)


def refuse_as_text(path, data: bytes) -> None:
    """A file given as a text that is a document of another kind (a .docx named .txt)."""
    kind = "a Word document or another ZIP file" if data.startswith(b"PK\x03\x04") else _kind(data)
    if kind:
        raise SourceError(path, f"this is {kind}, not a text, whatever its name: give it with the extension "
                                "of what it is (.docx for a Word document)")
