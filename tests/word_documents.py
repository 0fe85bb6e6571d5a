"""TEST DATA: Word documents (.docx) made by the tests from synthetic UN-style texts, in
the six languages, never published (issue 17). Each is the synthetic resolution of
tests/synthetic_corpus.py's words, written as Word writes a UN document: its operative
paragraphs and sub-items numbered by Word's numbering (Arabic-Indic digits and Arabic
letters in Arabic), bold operative verbs, footnotes in Word's footnotes part, the symbol in
a page header and the page number in a footer, and a paragraph that Word laid out across
a page break. ``text`` is the text as received each must become, in the form the
normalizer reads (scripts/extract.py).

Made with python-docx; the parts it has no API for (the footnotes, the numbering) are
written as Word's own XML.
"""
from __future__ import annotations

from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

import synthetic_corpus as corpus

INSTRUMENT = "test-word-resolution"
SYMBOL = "A/RES/99/7"            # no session 99 has met: no real document has it
TITLES = {"en": "Test resolution made in Word", "fr": "Résolution de test faite dans Word",
          "es": "Resolución de prueba hecha en Word", "ru": "Тестовая резолюция, сделанная в Word",
          "ar": "قرار اختبار معد في وورد", "zh": "用Word制作的测试决议"}
# The page header's words other than the symbol (the footer holds the page number).
HEADER = "RUNNINGHEAD"
# How Word numbers the operative paragraphs (level 0) and their sub-items (level 1).
NUMBERING = {"ar": (("hindiNumbers", "%1 -"), ("arabicAbjad", "(%2)"))}
DEFAULT_NUMBERING = (("decimal", "%1."), ("lowerLetter", "(%2)"))
LETTERS = {"ar": "أب", "other": "ab"}


def blocks(lang: str) -> list:
    """The document, block by block: ("p"|"h2"|"h3"|"num0"|"num1", [pieces]); a piece is
    text, ("b", text) for a bold run, ("fn", n) for a footnote call, or ("break",) where
    Word laid out a page break."""
    w = corpus.WORDS[lang]
    sentence = w["sentence"].format
    space = "" if lang == "zh" else " "              # Chinese is written without spaces
    long = space.join(sentence(n=n) for n in range(10, 16))
    return [
        ("p", [w["mark"]]),
        ("h2", [w["assembly"]]),
        ("h3", [TITLES[lang]]),
        ("p", [w["formula"]]),
        ("p", [("b", w["recalling"]), " " + sentence(n=1), ("fn", 1), ","]),
        ("num0", [("b", w["notes"]), " " + sentence(n=2) + ":"]),
        ("num1", [sentence(n=3) + ";"]),
        ("num1", [sentence(n=4) + ";"]),
        ("num0", [("b", w["notes"]), " " + long, ("break",), space + sentence(n=5), ("fn", 2), ";"]),
        ("num0", [("b", w["decides"]), " " + sentence(n=6) + "."]),
    ]


def footnotes(lang: str) -> dict[int, str]:
    return {n: corpus.WORDS[lang]["footnote"].format(n=n) for n in (1, 2)}


def label(lang: str, kind: str, counters: dict) -> str:
    """The number a numbered paragraph (num0) or sub-item (num1) is printed with."""
    if kind == "num0":
        counters["num0"] += 1
        counters["num1"] = 0
        return corpus.operative_number(lang, counters["num0"]).strip()
    counters["num1"] += 1
    return f"({LETTERS['ar' if lang == 'ar' else 'other'][counters['num1'] - 1]})"


def text(lang: str) -> str:
    """The text as received the document must become."""
    out, counters = [], {"num0": 0, "num1": 0}
    for kind, pieces in blocks(lang):
        written = "".join(piece if isinstance(piece, str) else f"**{piece[1]}**" if piece[0] == "b"
                          else f"<sup>{piece[1]}</sup>" if piece[0] == "fn" else "" for piece in pieces)
        if kind in ("h2", "h3"):
            written = "#" * int(kind[1]) + " " + written
        elif kind.startswith("num"):
            written = f"{label(lang, kind, counters)} {written}"
        out.append(written)
    out += [f"<sup>{n}</sup> {note}" for n, note in footnotes(lang).items()]
    return "\n\n".join(out) + "\n"


def metadata(lang: str, name: str) -> str:
    """The metadata a contributor writes beside the file (``source`` names the text Accord
    writes from it)."""
    return (f"# TEST DATA (tests/word_documents.py): a synthetic document, never published.\n"
            f"source: {name}.txt\nlanguage: {lang}\nparagraphs: blank-lines\ninstruments:\n"
            f"  - id: {INSTRUMENT}\n    layout: resolution\n    starts_at: null\n"
            f"    symbol: {SYMBOL}\n    body: un-ga\n    type: resolution\n    date: 2099-01-07\n"
            f"    session: null\n    agenda_item: null\n    distribution: null\n"
            f"    original_language: en\n    title: {{{lang}: \"{TITLES[lang]}\"}}\n")


# --------------------------------------------------------------------------- Word's XML

FOOTNOTES_XML = (f'<w:footnotes {nsdecls("w")}>'
                 '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                 '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
                 '</w:p></w:footnote></w:footnotes>')


def _numbering(document, lang: str) -> str:
    """A list definition (level 0 and 1 as Word numbers them in ``lang``); -> its numId."""
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:lvlJc w:val="left"/></w:lvl>'
        for ilvl, (fmt, text) in enumerate(NUMBERING.get(lang, DEFAULT_NUMBERING)))
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def _footnotes_part(document):
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                FOOTNOTES_XML.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    return part


def _footnote_xml(n: int, note: str, rtl: bool) -> str:
    bidi = "<w:bidi/>" if rtl else ""
    return (f'<w:footnote {nsdecls("w")} w:id="{n}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/>{bidi}</w:pPr>'
            f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {note}</w:t></w:r></w:p></w:footnote>')


def _run(paragraph, piece):
    if isinstance(piece, str):
        paragraph.add_run(piece)
    elif piece[0] == "b":
        paragraph.add_run(piece[1]).bold = True
    elif piece[0] == "fn":
        run = paragraph.add_run()
        run._r.append(parse_xml(f'<w:rPr {nsdecls("w")}><w:vertAlign w:val="superscript"/></w:rPr>'))
        run._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="{piece[1]}"/>'))
    elif piece[0] == "break":
        paragraph.add_run()._r.append(parse_xml(f'<w:lastRenderedPageBreak {nsdecls("w")}/>'))


def document(lang: str):
    """The python-docx document of the synthetic resolution in ``lang``."""
    made = docx.Document()
    num_id = _numbering(made, lang)
    notes = _footnotes_part(made)
    root = parse_xml(notes.blob)
    rtl = lang == "ar"
    section = made.sections[0]
    section.header.paragraphs[0].text = f"{SYMBOL} {HEADER}"
    footer = section.footer.paragraphs[0]
    footer.add_run()._r.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    for kind, pieces in blocks(lang):
        style = {"h2": "Heading 2", "h3": "Heading 3"}.get(kind)
        paragraph = made.add_paragraph(style=style)
        if kind.startswith("num"):
            pPr = paragraph._p.get_or_add_pPr()
            pPr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{kind[-1]}"/>'
                                 f'<w:numId w:val="{num_id}"/></w:numPr>'))
        if rtl:
            paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:bidi {nsdecls("w")}/>'))
        for piece in pieces:
            _run(paragraph, piece)
    for n, note in footnotes(lang).items():
        root.append(parse_xml(_footnote_xml(n, note, rtl)))
    notes._blob = etree_bytes(root)
    return made


def etree_bytes(root) -> bytes:
    from lxml import etree

    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def write(folder, lang: str, name: str | None = None) -> tuple[Path, Path]:
    """The .docx and its metadata in ``folder``: (document, metadata)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    name = name or f"word_resolution_{lang}"
    path = folder / f"{name}.docx"
    document(lang).save(path)
    meta = folder / f"{name}.yml"
    meta.write_text(metadata(lang, name), encoding="utf-8")
    return path, meta


def with_tracked_change(source: Path, target: Path) -> Path:
    """A copy of a document with one tracked insertion in its first paragraph."""
    made = docx.Document(source)
    first = made.paragraphs[0]._p
    first.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="901" w:author="Test" w:date="2099-01-01T00:00:00Z">'
                           '<w:r><w:t xml:space="preserve"> inserted</w:t></w:r></w:ins>'))
    made.save(target)
    return target

