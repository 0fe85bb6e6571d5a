"""A document added from the file the official site gives, Word or PDF (issue 17): `make
add FILE=x.docx META=x.yml` (or x.pdf) keeps the file in sources/ with its checksum,
writes the text extracted from it beside it (scripts/extract.py, extract_pdf.py) and
goes on as for a text. The test documents are synthetic, made by the tests, never
published: tests/word_documents.py (six languages, Word's numbering, footnotes, a page
header and footer, a paragraph across a page break) and tests/pdf_documents.py (the same
texts printed to PDF by Chromium: running header and footer, footnotes at the foot of
their page, a paragraph across a page break, a word cut by a hyphen, Arabic with
Arabic-Indic digits); each must become a page whose text is the synthetic text."""
import hashlib
from collections import Counter
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfWriter

import pdf_documents
import word_documents
from accord import page_blocks
from scripts import add_document, extract, fidelity
from scripts.errors import SourceError

from conftest import ROOT

LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")     # the original (English) first


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def shown(text_as_received: str) -> str:
    """What a reader sees of a text as received: no emphasis marks, footnote markers or
    heading marks."""
    text = re.sub(r"<sup>\d+</sup>", "", text_as_received.replace("**", ""))
    return squash(re.sub(r"(?m)^#+ ", "", text))


def page_text(markdown: str) -> str:
    """A page's text as the reader sees it, from its Markdown: footnote calls and back-links
    left out."""
    root = page_blocks.blocks(markdown.split("---\n", 2)[2])
    for element in root.xpath('//sup[starts-with(@id, "fnref")] | //a[contains(@class, "footnote-backref")]'):
        element.drop_tree()
    return squash(root.text_content())


KINDS = ("docx", "pdf")


def make(request, folder, kind, lang, name=None):
    """(file, metadata) of the synthetic resolution in ``lang`` as a file of ``kind``."""
    if kind == "pdf":
        return pdf_documents.write(request.getfixturevalue("browser"), folder, lang, name)
    return word_documents.write(folder, lang, name)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_file_in_each_language_gives_the_synthetic_text(request, tmp_path, kind, lang):
    path, _ = make(request, tmp_path, kind, lang)
    text = extract.extract(path)
    assert text == word_documents.text(lang)
    assert extract.extract(path) == text                      # the same file, the same text
    assert word_documents.SYMBOL not in text and word_documents.HEADER not in text


def add(project, path, meta):
    return add_document.main([str(path), str(meta), "--sources", str(project / "sources"),
                              "--docs", str(project / "docs"), "--no-cache"])


@pytest.fixture(scope="module", params=KINDS)
def library(request, tmp_path_factory):
    """A copy of the project's sources/ and docs/ with the synthetic resolution added from
    its file (Word, then PDF) in each language, the original first."""
    root = tmp_path_factory.mktemp(request.param)
    project = root / "project"
    for name in ("docs", "sources"):
        shutil.copytree(ROOT / name, project / name)
    given = {lang: make(request, root / "incoming", request.param, lang) for lang in LANGUAGES}
    for lang in LANGUAGES:
        assert add(project, *given[lang]) == 0, lang
    return project, given


def test_the_original_is_kept_with_its_checksum_and_the_text_extracted_beside_it(library):
    project, given = library
    for lang, (path, _) in given.items():
        kept = project / "sources" / path.name
        assert kept.read_bytes() == path.read_bytes()
        digest, name = (project / "sources" / f"{path.name}.sha256").read_text(encoding="utf-8").split()
        assert (digest, name) == (hashlib.sha256(path.read_bytes()).hexdigest(), path.name)
        assert (project / "sources" / f"{path.stem}.txt").read_text(encoding="utf-8") == word_documents.text(lang)


def test_each_version_is_a_page_whose_text_is_the_synthetic_text(library):
    project, _ = library
    pages = sorted((project / "docs" / "instruments").glob(f"{word_documents.INSTRUMENT}.*.md"))
    assert sorted(path.name.split(".")[1] for path in pages) == sorted(LANGUAGES)
    for path in pages:
        lang = path.name.split(".")[1]
        markdown = path.read_text(encoding="utf-8")
        # the same characters, as many times (the normalizer puts the title first), and
        # each paragraph's words in their order (the fidelity check, below)
        assert Counter(page_text(markdown)) == Counter(shown(word_documents.text(lang))), path.name
        body = markdown.split("---\n", 2)[2]
        assert word_documents.HEADER not in body and word_documents.SYMBOL not in body, path.name


def test_fidelity_reads_the_original_with_a_second_reader_and_holds(library):
    project, _ = library
    assert fidelity.check(project / "sources", project / "docs") == []


def test_fidelity_names_a_word_the_pipeline_drops_with_its_place(library, tmp_path):
    project, given = library
    docs = tmp_path / "docs"
    shutil.copytree(project / "docs", docs)
    page = docs / "instruments" / f"{word_documents.INSTRUMENT}.en.md"
    decides = word_documents.blocks("en")[-1][1][0][1]            # the last paragraph's verb
    page.write_text(page.read_text(encoding="utf-8").replace(decides, ""), encoding="utf-8")
    problems = fidelity.check(project / "sources", docs)
    word = [p for p in problems if given["en"][0].name in p and "missing in Markdown" in p]
    assert word and all(decides in p for p in word)
    if given["en"][0].suffix == ".docx":
        assert f"paragraph {len(word_documents.blocks('en'))}:" in word[0]
    else:
        assert re.search(r": page 2, line \d+:", word[0]), word[0]          # the last paragraph is on page 2


def test_a_text_edited_after_extraction_is_found(library, tmp_path):
    project, given = library
    sources = tmp_path / "sources"
    shutil.copytree(project / "sources", sources)
    text = sources / f"{given['fr'][0].stem}.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("Décide", "Decide"), encoding="utf-8")
    problems = fidelity.check(sources, project / "docs")
    assert any("not the text extracted from" in p for p in problems)


# --------------------------------------------------------------------------- bad input


def _zip(path: Path, names: dict) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return path


def _bad(request, tmp_path, kind):
    """A file a contributor may have in hand by mistake, and metadata for it."""
    suffix = ".pdf" if kind.endswith(("PDF", ".pdf")) else ".docx"
    good, meta = make(request, tmp_path / "good", "pdf" if kind.endswith("PDF") else "docx", "en", "bad_input")
    target = tmp_path / f"bad_input{suffix}"
    if kind == "tracked changes":
        word_documents.with_tracked_change(good, target)
    elif kind in ("damaged", "damaged PDF"):
        target.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    elif kind == "a PDF renamed":
        target.write_bytes(pdf_documents_bytes(request, tmp_path))
    elif kind == "an image renamed":
        target.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    elif kind == "password-protected":
        target.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64)
    elif kind == "another ZIP":
        _zip(target, {"notes.txt": "TEST DATA"})
    elif kind == "no text":
        with zipfile.ZipFile(good) as source:
            parts = {name: source.read(name) for name in source.namelist()}
        parts["word/document.xml"] = re.sub(rb"<w:body>.*</w:body>", b"<w:body><w:p/></w:body>",
                                            parts["word/document.xml"], flags=re.S)
        _zip(target, parts)
    elif kind == "a Word document named .txt":
        target = tmp_path / "bad_input.txt"
        target.write_bytes(good.read_bytes())
    elif kind == "encrypted PDF":
        writer = PdfWriter(clone_from=good)
        writer.encrypt("test-password")
        writer.write(target)
    elif kind == "scanned PDF":
        writer = PdfWriter()
        writer.add_blank_page(width=595, height=842)
        writer.write(target)
    elif kind == "a Word document named .pdf":
        target.write_bytes(word_documents_bytes(tmp_path))
    shutil.copy(meta, tmp_path / "bad_input.yml")
    return target, tmp_path / "bad_input.yml"


def pdf_documents_bytes(request, tmp_path) -> bytes:
    return make(request, tmp_path / "a-pdf", "pdf", "en")[0].read_bytes()


def word_documents_bytes(tmp_path) -> bytes:
    return word_documents.write(tmp_path / "a-docx", "en")[0].read_bytes()


def _zip(path: Path, names: dict) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return path


def _trees(project):
    """Every file of sources/ and docs/, with its bytes."""
    return {p.relative_to(project): p.read_bytes() for name in ("sources", "docs")
            for p in sorted((project / name).rglob("*")) if p.is_file()}


BAD = {"tracked changes": "Accept All Changes", "damaged": "download it again", "a PDF renamed": "a PDF file",
       "an image renamed": "a PNG image", "password-protected": "password", "another ZIP": "not a Word document",
       "no text": "holds no text", "a Word document named .txt": "not a text",
       "encrypted PDF": "encrypted", "damaged PDF": "download it again", "scanned PDF": "holds no text",
       "a Word document named .pdf": "not a PDF"}


@pytest.mark.parametrize("kind", sorted(BAD))
def test_a_bad_file_is_refused_naming_it_and_what_to_do_and_nothing_changes(request, tmp_path, capsys, kind):
    project = tmp_path / "project"
    for name in ("docs", "sources"):
        shutil.copytree(ROOT / name, project / name)
    before = _trees(project)
    path, meta = _bad(request, tmp_path, kind)
    assert add(project, path, meta) == 1
    err = capsys.readouterr().err
    assert str(path) in err and BAD[kind] in err, err
    assert _trees(project) == before
    with pytest.raises(SourceError):
        extract.extract(path) if extract.is_original(path) else extract.refuse_as_text(path, path.read_bytes())
