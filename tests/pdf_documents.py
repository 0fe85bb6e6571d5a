"""TEST DATA: PDF files made by the tests from the synthetic UN-style texts of
tests/word_documents.py, in the six languages, never published (issue 17): printed by
Chromium (Playwright's page.pdf) from HTML laid out as a UN document is printed, A4
pages with the symbol in a running header and the page number in the footer on every
page, the footnotes at the foot of the page they are called on (in a smaller size, under
a rule), bold operative verbs, numbered paragraphs and sub-items as printed, a paragraph
that goes on from the first page to the second (its last line there filling the line),
and, in the languages written with spaces and hyphens, a word cut by a hyphen at the end
of a line. Each must give ``word_documents.text(lang)``, the same text as its Word file.
"""
from __future__ import annotations

import html
from pathlib import Path

import word_documents

HYPHENATED = {"en": "sentence", "fr": "phrase", "es": "frase", "ru": "предложение"}
CSS = """
@page { size: A4; margin: 25mm 20mm; }
body { font-family: 'Noto Serif', 'Noto Naskh Arabic', 'Noto Serif CJK SC', serif; font-size: 11pt;
       line-height: 1.35; margin: 0; }
.page { height: 245mm; position: relative; page-break-after: always; overflow: hidden; }
.notes { position: absolute; bottom: 0; inset-inline: 0; font-size: 9pt; border-top: .5pt solid black; padding-top: 2mm; }
p { margin: 0 0 3mm 0; text-align: justify; }
p.goes-on { text-align-last: justify; margin: 0; }
h2 { font-size: 14pt; margin: 0 0 4mm 0; } h3 { font-size: 12.5pt; margin: 0 0 4mm 0; }
.num { display: inline-block; inline-size: 10mm; }
.sub { margin-inline-start: 10mm; }
sup { font-size: 7pt; }
"""
HEADER = ("<div style='font-size:9pt;width:100%;text-align:right;padding:0 20mm'>"
          f"{word_documents.SYMBOL} {word_documents.HEADER}</div>")
FOOTER = "<div style='font-size:9pt;width:100%;text-align:center'><span class='pageNumber'></span></div>"


def _pieces(pieces) -> str:
    out = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(html.escape(piece))
        elif piece[0] == "b":
            out.append(f"<b>{html.escape(piece[1])}</b>")
        elif piece[0] == "fn":
            out.append(f"<sup>{piece[1]}</sup>")
    return "".join(out)


def _hyphenate(lang: str, text: str) -> str:
    """The first of the language's long words cut at the end of a line by a hyphen."""
    word = HYPHENATED.get(lang)
    if not word or word not in text:
        return text
    half = len(word) // 2
    return text.replace(word, f"{word[:half]}-<br>{word[half:]}", 1)


def page_html(lang: str) -> str:
    rtl = lang == "ar"
    pages, notes, counters = [[]], [[]], {"num0": 0, "num1": 0}
    footnotes = word_documents.footnotes(lang)
    for kind, pieces in word_documents.blocks(lang):
        label = ""
        if kind.startswith("num"):
            label = f'<span class="num">{word_documents.label(lang, kind, counters)}</span> '
        parts = [[]]
        for piece in pieces:
            if piece == ("break",):
                parts.append([])
            else:
                parts[-1].append(piece)
        for number, part in enumerate(parts):
            if number:
                pages.append([])
                notes.append([])
            inner = _hyphenate(lang, _pieces(part)) if kind == "num0" and len(parts) > 1 and not number else _pieces(part)
            for piece in part:
                if isinstance(piece, tuple) and piece[0] == "fn":
                    notes[-1].append(f"<p><sup>{piece[1]}</sup> {html.escape(footnotes[piece[1]])}</p>")
            css = " goes-on" if number < len(parts) - 1 else ""
            if kind in ("h2", "h3"):
                pages[-1].append(f"<{kind}>{inner}</{kind}>")
            else:
                sub = " sub" if kind == "num1" else ""
                pages[-1].append(f'<p class="{(sub + css).strip()}">{label if not number else ""}{inner}</p>')
    body = "".join(f'<div class="page">{"".join(page)}<div class="notes">{"".join(note)}</div></div>'
                   for page, note in zip(pages, notes))
    return (f"<!doctype html><html lang='{lang}' dir='{'rtl' if rtl else 'ltr'}'><meta charset='utf-8'>"
            f"<style>{CSS}</style><body>{body}</body></html>")


def write(browser, folder, lang: str, name: str | None = None) -> tuple[Path, Path]:
    """The PDF and its metadata in ``folder``: (file, metadata)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    name = name or f"pdf_resolution_{lang}"
    path = folder / f"{name}.pdf"
    page = browser.new_page()
    try:
        page.set_content(page_html(lang))
        page.pdf(path=str(path), format="A4", display_header_footer=True, header_template=HEADER,
                 footer_template=FOOTER, margin={"top": "25mm", "bottom": "25mm", "left": "20mm", "right": "20mm"})
    finally:
        page.close()
    meta = folder / f"{name}.yml"
    meta.write_text(word_documents.metadata(lang, name).replace("tests/word_documents.py", "tests/pdf_documents.py"),
                    encoding="utf-8")
    return path, meta
