"""The fidelity checker: every word of every source body reaches the Markdown and the site,
and the Markdown holds no word that is neither in the source nor a declared correction.

    python -m scripts.fidelity [--site site]

Words are taken from the source lines as received, minus conversion debris (the same
debris the cleaner removes: bookmarks, footnote-number markup, Markdown emphasis,
escapes, the page footer). Each word must occur in the Markdown pages generated from
that source and, with ``--site``, in the text of the built HTML pages of the same
language. Anything missing is reported as ``source:line: missing words``.

A text extracted from a Word document or a PDF (scripts/extract.py) is checked against
the file too: its checksum holds, the text is its extraction untouched, and every word
of its body and footnotes, as a second reader (mammoth for Word, pypdf for PDF) reads
them, is on the pages (``res.docx: paragraph 7: missing in HTML: ...``, ``res.pdf: page
2, line 4: ...``).
"""
import argparse
import html
import re
import sys
from pathlib import Path

import mammoth
from pypdf import PdfReader
from lxml import html as lxml_html

from accord.library import DEFAULT_LANGUAGE

from . import extract
from . import patterns as P
from .blocks import join_text
from .clean import as_letters, changed_span, footer_start
from .errors import SourceError
from .render import split_front_matter
from .source_io import corrections_path, load_corrections, load_metadata, metadata_files, read_source

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"\w+")
WHITESPACE = re.compile(r"\s+")


def strip_debris(line):
    """A source line -> its text without markup and footnote numbers."""
    line = P.SYMBOL_FONT.sub("", P.BOOKMARK.sub("", line))
    line = P.SUP_MARKER.sub(" ", line)
    line = P.UNICODE_SUP.sub(" ", line)
    definition = P.FOOTNOTE_DEF.match(line.strip())
    if definition:
        line = definition.group("text")
    return line


def source_words(lines):
    """[(line number, [words])] of a source body."""
    end = footer_start(lines)
    return [(number, WORD.findall(strip_debris(line))) for number, line in enumerate(lines[:end], 1)]


# A Markdown backslash escape, as the normalizer writes a text's own "\\_", "\\*", "\\[".
MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_\[\]{}#+\-.!])")


def unescape_markdown(text):
    """The characters a reader sees of escaped Markdown text: "一\\_" -> "一_"."""
    return MARKDOWN_ESCAPE.sub(r"\1", text)


def squash(text):
    return WHITESPACE.sub("", html.unescape(text))


def notes_as_markdown(meta):
    """A page's document notes (plain text in the front matter, escaped when shown) in the
    form of the Markdown body, so that one unescaping serves both."""
    return [html.escape(note, quote=False) for note in meta.get("document_notes") or []]


def markdown_text(docs_dir, instrument_ids, language):
    parts = []
    for ident in instrument_ids:
        for path in sorted(Path(docs_dir, "instruments").glob(f"{ident}*.{language}.md")) + sorted(
            Path(docs_dir, "instruments", ident).glob(f"*.{language}.md")
        ):
            parts.extend(page_texts(*split_front_matter(path.read_text(encoding="utf-8"))))
    return squash("".join(parts))


def page_texts(meta, body):
    """The texts of one generated page as the word check reads them: the body without
    link targets and escapes, and the document notes."""
    return [unescape_markdown(LINK_TARGET.sub("", body))] + notes_as_markdown(meta)


def site_pages(site_dir, instrument_ids, language):
    """(path, content element) of each built page of the instruments, in page order, in
    the language's tree (the default language's is the site's root)."""
    tree_root = Path(site_dir) if language == DEFAULT_LANGUAGE else Path(site_dir, language)
    for ident in instrument_ids:
        for path in sorted(Path(tree_root, "instruments", ident).rglob("index.html")):
            tree = lxml_html.parse(str(path))
            for content in tree.xpath('//div[contains(@class, "md-content")]'):
                yield path, content


def site_text(site_dir, instrument_ids, language):
    # The text as a browser shows it: already decoded ("&lt;" on the page is what the
    # source says), so not unescaped again.
    return WHITESPACE.sub("", "".join(c.text_content() for _, c in site_pages(site_dir, instrument_ids, language)))


def site_words(site_dir, instrument_ids, language):
    """[(page, [words])] of the built pages, footnote reference numbers left out (the
    source's "<sup>1</sup>" is not a word of its line either)."""
    pages = []
    for path, content in site_pages(site_dir, instrument_ids, language):
        for ref in content.xpath('.//sup[a[contains(@class, "footnote-ref")]]'):
            ref.drop_tree()
        pages.append((path, WORD.findall(content.text_content())))
    return pages


# The target of a Markdown link: "](https://www.unodc.org/...)" in "[www.unodc.org/...](...)"
# (An escaped "\\](" is the text's own bracket, not a link.)
LINK_TARGET = re.compile(r"(?<!\\)\]\([^()\[\]\s]*\)")
# Markup the normalizer writes around the words: attribute lists, HTML tags, link
# targets, footnote labels, list and heading markers, table rules, emphasis.
MARKUP = re.compile(
    r"(?<!\\)\{:[^{}]*\}"          # {: #para_1 .masthead }, not an escaped \{:
    r"|<[^>]+>"                     # <span class="num">, <ins ...>, </del>
    r"|(?<!\\)\]\([^()\[\]\s]*\)"      # ](https://www.unodc.org/...) ](art_1.md), not an escaped \](
    r"|\[\^\d+\]:?"                # [^1] and [^1]:
    r"|^\s*(?:\d+\.|-)\s"          # list markers: "1. ", "- "
    r"|^#+\s|\|?-{3,}\|?|[*|\[\]]",  # headings, table rules, emphasis, cells, brackets
    re.M,
)


def markdown_words(docs_dir, instrument_ids, language):
    """[(page, [words])] of the generated Markdown bodies, markup removed."""
    pages = []
    for ident in instrument_ids:
        paths = sorted(Path(docs_dir, "instruments").glob(f"{ident}.{language}.md")) + sorted(
            Path(docs_dir, "instruments", ident).glob(f"*.{language}.md"))
        for path in paths:
            meta, body = split_front_matter(path.read_text(encoding="utf-8"))
            body = "\n\n".join([body] + notes_as_markdown(meta))
            pages.append((path, WORD.findall(html.unescape(unescape_markdown(MARKUP.sub(" ", body))))))
    return pages


def added_words(pages, source_text, corrections):
    """[(page, [words])] that neither the source nor a declared correction holds."""
    allowed = WHITESPACE.sub("", source_text + "".join(fix["corrected"] for fix in corrections))
    report = []
    for page, words in pages:
        extra = sorted({word for word in words if word not in allowed})
        if extra:
            report.append((page, extra))
    return report


def as_rendered(line, corrections):
    """A source line with its declared corrections as the page shows them: the
    corrected words, then the words as received."""
    for fix in corrections:
        prefix, old, new, suffix = changed_span(fix["received"], fix["corrected"])
        line = line.replace(fix["received"], f"{prefix}{new} {old}{suffix}")
    return line


def changed_lines(lines, corrections, pages):
    """[(line, text)] of source lines whose words do not stand, in order and together,
    in the Markdown: an undeclared change even where every word occurs somewhere."""
    joined = "\u241e".join("".join(words) for _, words in pages)
    end = footer_start(lines)
    report = []
    for number, line in enumerate(lines[:end], 1):
        fixes = [fix for fix in corrections if fix["line"] == number]
        words = WORD.findall(strip_debris(as_rendered(line, fixes)))
        if words and "".join(words) not in joined:
            report.append((number, " ".join(words)[:80]))
    return report


def missing_words(words_by_line, text):
    """[(line, [missing words])] for the words that do not occur in ``text``."""
    report = []
    for number, words in words_by_line:
        missing = [word for word in words if word not in text]
        if missing:
            report.append((number, missing))
    return report


def original_of(source):
    """The original file a text was extracted from (``res.docx`` beside ``res.txt``), or None."""
    for suffix in extract.ORIGINALS:
        original = Path(source).with_suffix(suffix)
        if original.exists():
            return original
    return None


# The share of a PDF page's height at its top and foot where its running header and
# footer are, which are not body text.
PDF_MARGIN = 0.07


def original_words(original):
    """[(where, [words])] of an original file's body text and footnotes as a second
    reader, independent of scripts/extract.py, reads them: for Word, mammoth, "paragraph
    N" for each block in its order; for a PDF, pypdf, "page P, line L". Page headers and
    footers are not body text."""
    if Path(original).suffix.lower() == ".pdf":
        return _pdf_words(original)
    with open(original, "rb") as handle:
        rendered = mammoth.convert_to_html(handle).value
    root = lxml_html.fragment_fromstring(rendered or "<p></p>", create_parent="div")
    for backref in root.xpath('//a[starts-with(@href, "#footnote-ref-")]'):
        backref.drop_tree()
    for call in root.xpath('//a[starts-with(@href, "#footnote-")]'):
        call.drop_tree()
    blocks = root.xpath("//p | //h1 | //h2 | //h3 | //h4 | //h5 | //h6 | //li[not(p)] | //td | //th")
    found = []
    for number, block in enumerate(blocks, 1):
        copy = lxml_html.fromstring(lxml_html.tostring(block, encoding="unicode"))
        for nested in copy.xpath(".//ol | .//ul"):
            nested.drop_tree()
        found.append((f"paragraph {number}", WORD.findall(copy.text_content())))
    return found


def _pdf_words(original):
    found = []
    for number, page in enumerate(PdfReader(original).pages, 1):
        height = float(page.mediabox.height)
        rows: dict = {}

        def visit(text, cm, tm, font, size, rows=rows):
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if text.strip() and PDF_MARGIN * height < y < (1 - PDF_MARGIN) * height:
                rows.setdefault(round(y), []).append(text)
        page.extract_text(visitor_text=visit)
        for line, y in enumerate(sorted(rows, reverse=True), 1):
            text = as_letters(_joined(rows[y]))
            found.append((f"page {number}, line {line}", WORD.findall(text)))
    return found


def _joined(pieces):
    """The pieces of a line of a PDF as one text, joined as a paragraph's are (no space
    between Chinese characters: scripts/blocks.py)."""
    out = ""
    for piece in pieces:
        out = join_text(out, piece)
    return out


def original_problems(source, original):
    """The original is the one received (its checksum) and the text beside it is its
    extraction, untouched."""
    problems = []
    checksum = original.parent / extract.checksum_name(original)
    data = original.read_bytes()
    if not checksum.exists() or checksum.read_text(encoding="utf-8") != extract.checksum_line(original, data):
        problems.append(f"{original}: its checksum ({checksum.name}) is missing or does not match the file")
    try:
        extracted = extract.extract(original)
    except SourceError as error:
        return problems + [str(error)]
    if extracted != Path(source).read_text(encoding="utf-8"):
        problems.append(f"{source}: not the text extracted from {original.name} (a text as received is never "
                        "edited by hand: declare a correction)")
    return problems


def check(sources_dir, docs_dir, site_dir=None):
    """Return a list of problems ("file:line: ..."); empty when fidelity is 100%."""
    problems = []
    for meta_path in metadata_files(sources_dir):
        meta = load_metadata(meta_path)
        source = meta_path.parent / meta["source"]
        ids = [entry["id"] for entry in meta["instruments"]]
        original = original_of(source)
        if original is not None:
            problems += original_problems(source, original)
            # the Markdown as a reader sees it: emphasis marks left out (a bold word and the
            # next are one run of Chinese characters to the second reader)
            text = markdown_text(docs_dir, ids, meta["language"]).replace("*", "")
            shown = {"Markdown": text, "HTML": site_text(site_dir, ids, meta["language"]) if site_dir else None}
            for name, target in shown.items():
                for where, gone in missing_words(original_words(original), target) if target else ():
                    problems.append(f"{original}: {where}: missing in {name}: {' '.join(gone)}")
        lines = read_source(source)
        words = source_words(lines)
        corrections = load_corrections(corrections_path(source))
        pages = markdown_words(docs_dir, ids, meta["language"])
        for page, extra in added_words(pages, "\n".join(lines), corrections):
            problems.append(f"{page}: words that are neither in {source.name} nor a declared correction: {' '.join(extra)}")
        missing_lines = {number for number, _ in missing_words(words, markdown_text(docs_dir, ids, meta["language"]))}
        for number, text in changed_lines(lines, corrections, pages):
            if number not in missing_lines:
                problems.append(f"{source}:{number}: changed in Markdown (not a declared correction): {text}")
        targets = {"Markdown": markdown_text(docs_dir, ids, meta["language"])}
        if site_dir:
            targets["HTML"] = site_text(site_dir, ids, meta["language"])
        for name, text in targets.items():
            if not text:
                problems.append(f"{source}: no {name} pages found for {', '.join(ids)}")
                continue
            missing = missing_words(words, text)
            for number, gone in missing:
                problems.append(f"{source}:{number}: missing in {name}: {' '.join(gone)}")
            if name == "HTML":
                # Every word somewhere is not enough: a link or an image whose words are
                # in its address, with a decoy paragraph holding the same words as text,
                # would pass. Each line's words must stand together, in order, as text.
                missing_lines = {number for number, _ in missing}
                for number, line in changed_lines(lines, corrections, site_words(site_dir, ids, meta["language"])):
                    if number not in missing_lines:
                        problems.append(f"{source}:{number}: not shown as text in HTML: {line}")
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", default=ROOT / "sources", type=Path)
    parser.add_argument("--docs", default=ROOT / "docs", type=Path)
    parser.add_argument("--site", type=Path, help="also check the built site in this folder")
    args = parser.parse_args(argv)
    problems = check(args.sources, args.docs, args.site)
    for problem in problems:
        print(problem)
    print("fidelity: 100%" if not problems else f"fidelity: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
