"""The reader tools' data, for any engine: downloads, citation forms, the data, history and
parallel pages, and the data files. Each from the corpus model (accord/corpus.py) and
data (accord/labels.yml ``reader``, accord/series.yml); the HTML from partials in
overrides/partials/ (accord/templates.py).

- ``reader_data_html``   the hidden ``.reader-data`` element of an instrument page: what
                         overrides/assets/javascripts/reader-tools.js needs to cite a
                         paragraph in the interface language.
- ``downloads``          an instrument page's data files, linked from
                         overrides/partials/instrument-header.html.
- ``generated_page``     the pages ``reader_page: data | history | parallel`` in the
                         interface language (docs/data.md, history.md, parallel.md).
- ``write_data``         under the site's root, once (not once per language tree):
                           data/instruments/<id>.json        metadata, versions, paragraphs
                           data/instruments/<id>.<lang>.md   the Markdown it was built from
                           data/instruments/<id>/<art>.<lang>.md   (articles of an agreement)
                           data/instruments/<id>.<lang>.akn.xml    Akoma Ntoso (accord/akoma_ntoso.py)
                           data/corpus.json.gz               every instrument, one list (gzip)
                           data/paragraphs.csv.gz            every paragraph, one a row (gzip)
                           data/corrections.json             every declared correction
                           data/schemas/<name>.schema.json   the JSON formats' schemas (accord/schemas/)
                           feeds/<lang>.xml                  each tree's Atom feed (accord/feeds.py)
                         Sorted and written with fixed formatting (gzip without a date):
                         two builds of the same docs/ are byte-identical. The corpus-wide
                         files are compressed, and the data page lists no instrument (each
                         page links its own files), so that neither grows a reader's
                         download with the library.

Paragraphs are read from the Markdown (rendered with the site's block extensions and
parsed with lxml), not from the built HTML, so the data do not depend on the language
tree or on what is added to the pages. Citations come from the corpus's graph.
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import re
from pathlib import Path

from accord import akoma_ntoso, citation_graph, feeds, page_blocks, pinpoints, source_dates, templates
from accord.docs_scan import read_yaml
from accord.errors import BuildProblem
from accord.identifiers import URL_LINKS, PagePath
from accord.library import DEFAULT_LANGUAGE, LANGUAGES, direction, undocs_url
from accord.page_blocks import is_paragraph_id
from accord.site_content import labels as all_labels
from accord.site_content import linked_text

SERIES_FILE = Path(__file__).with_name("series.yml")
READER_DATA = "partials/reader-data.html"
PAGES = {"data": ("data_title", "partials/reader-data-page.html"),
         "history": ("history_title", "partials/reader-history-page.html"),
         "parallel": ("parallel_title", "partials/reader-parallel-page.html")}
DATA_DIR = "data"
FORMAT = "accord-instrument/1"
CORRECTIONS_FILE = "corrections.json"
# The JSON Schemas of the data files, published as data/schemas/<name>.schema.json.
SCHEMAS = Path(__file__).with_name("schemas")

# Front-matter fields copied into an instrument's data file, in this order.
META_FIELDS = ("symbol", "number", "body", "type", "date", "session", "agenda_item",
               "distribution", "original_language", "title_supplied")
# CSV columns of data/paragraphs.csv.
CSV_COLUMNS = ("instrument", "language", "paragraph", "number", "text", "url")
# The fields of an instrument's data file, as the data page lists them (name, label).
DATA_FIELDS = (
    ("id", "field_id"),
    ("symbol, body, type, date, session, agenda_item, titles", "field_metadata"),
    ("versions.<lang>", "field_versions"),
    ("versions.<lang>.paragraphs[]: id, number, text, footnotes, url", "field_paragraphs"),
    ("versions.<lang>.footnotes[]: label, text", "field_footnotes"),
    ("versions.<lang>.files[]: source, markdown, page", "field_markdown"),
    ("citations[], cited_by[]", "field_citations"),
)

WHITESPACE = re.compile(r"\s+")


def labels(lang: str) -> dict:
    return all_labels(lang)["reader"]


def series() -> list:
    """The series of accord/series.yml (the history page's timelines)."""
    return (read_yaml(SERIES_FILE, copy_for_caller=False) or {}).get("series", [])


# --------------------------------------------------------------------------- paragraphs


def _text_of(element, skip_ids: bool = True) -> tuple[str, str | None, list[str]]:
    """(text, printed number, footnote labels) of a block: the <span class="num"> gives
    the number; footnote references are listed, not kept in the text; blocks nested
    with their own id are left to themselves."""
    number = None
    notes: list[str] = []
    parts: list[str] = []

    def walk(el, top=False):
        nonlocal number
        if not top:
            ident = el.get("id") or ""
            classes = (el.get("class") or "").split()
            if skip_ids and is_paragraph_id(ident):
                parts.append(" ")
                if el.tail:
                    parts.append(el.tail)
                return
            if "num" in classes and el.tag == "span" and number is None:
                number = WHITESPACE.sub(" ", el.text_content()).strip()
                if el.tail:
                    parts.append(el.tail)
                return
            if el.tag == "sup" and ident.startswith("fnref"):
                notes.append(WHITESPACE.sub("", el.text_content()))
                if el.tail:
                    parts.append(el.tail)
                return
            if el.tag in ("p", "div", "li", "br", "tr", "td", "th"):
                parts.append(" ")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if not top and el.tail:
            parts.append(el.tail)

    walk(element, top=True)
    text = WHITESPACE.sub(" ", "".join(parts)).strip()
    return text, number, notes


def parse_markdown(body: str) -> tuple[list[dict], list[dict]]:
    """Markdown body -> (paragraphs with ids, footnotes), in document order."""
    root = page_blocks.blocks(body)
    paragraphs, footnotes = [], []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        classes = (element.get("class") or "").split()
        if "footnote" in classes and element.tag == "div":
            for item in element.iter("li"):
                ident = item.get("id") or ""
                for backref in item.xpath('.//a[contains(@class, "footnote-backref")]'):
                    backref.drop_tree()
                text, _, _ = _text_of(item, skip_ids=False)
                footnotes.append({"label": ident.split(":", 1)[-1], "text": text})
            continue
        if element.xpath('ancestor::div[contains(concat(" ", @class, " "), " footnote ")]'):
            continue
        ident = element.get("id")
        if not is_paragraph_id(ident):
            continue
        text, number, notes = _text_of(element)
        kind = "heading" if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6") else (
            "item" if element.tag == "li" else "paragraph" if element.tag == "p" else "block")
        paragraph = {"id": ident, "kind": kind, "number": number, "text": text}
        if notes:
            paragraph["footnotes"] = notes
        paragraphs.append(paragraph)
    return paragraphs, footnotes


# --------------------------------------------------------------------------- data files


def instrument_data(corpus, inst, edges: list[dict]) -> dict:
    meta = inst.meta or {}
    data = {"format": FORMAT, "id": inst.id}
    for name in META_FIELDS:
        if meta.get(name) is not None:
            data[name] = meta[name]
    data["titles"] = dict(meta.get("label") or {}, **(meta.get("titles") or {}))
    data["languages"] = sorted(inst.versions)
    versions = {}
    for lang in sorted(inst.versions):
        version = inst.versions[lang]
        paragraphs, footnotes, files = [], [], []
        for _, rel, _ in version.files:
            page_url = PagePath.parse(rel).tree_url(lang)
            # with its citations as links, as the Akoma Ntoso document reads it: one render
            found, notes = parse_markdown(linked_text(corpus, lang, rel, rel, corpus.text(rel).body))
            for paragraph in found:
                paragraph["url"] = f"{page_url}#{paragraph['id']}"
            paragraphs.extend(found)
            footnotes.extend(notes)
            files.append({"source": f"docs/{rel}", "markdown": markdown_path(inst.id, rel, lang),
                          "page": page_url})
        versions[lang] = {"title": version.title, "dir": direction(lang), "files": files,
                          "paragraphs": paragraphs, "footnotes": footnotes}
    data["versions"] = versions
    data["citations"] = [edge for edge in edges if edge.get("from") == inst.id]
    data["cited_by"] = [edge for edge in edges
                        if edge.get("to_page") in inst.pages and edge.get("from") != inst.id]
    return data


def corrections(corpus) -> list:
    """Every declared correction of the corpus, where it was made: the normalizer records
    on each instrument's page (front matter ``corrections``) those made in its text."""
    found = []
    for ident in sorted(corpus.instruments):
        inst = corpus.instruments[ident]
        for lang, version in sorted(inst.versions.items()):
            for _, rel, _ in version.files:
                meta = corpus.text(rel).meta
                for item in meta.get("corrections") or []:
                    found.append({"instrument": ident, "language": lang, "page": PagePath.parse(rel).tree_url(lang),
                                  "source": meta.get("source"), "lines": list(item["lines"]),
                                  "received": item["received"], "corrected": item["corrected"],
                                  "reason": item["reason"]})
    return found


def markdown_path(ident: str, rel: str, lang: str) -> str:
    """Where the Markdown of a page is published: data/instruments/<id>.<lang>.md, or
    data/instruments/<id>/<article>.<lang>.md for the articles of an agreement."""
    article = PagePath.parse(rel).article
    return f"{DATA_DIR}/instruments/{ident}/{article}.{lang}.md" if article else f"{DATA_DIR}/instruments/{ident}.{lang}.md"


def _dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def _write_gzip(path: Path, text: str) -> None:
    """``text`` gzipped, with no date or name in its header (the same bytes every build)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as handle:
        handle.write(text.encode("utf-8"))


def write_data(site: Path, corpus) -> None:
    """The data files and the citation graph's files, under the site's root."""
    site = Path(site)
    _write(site / citation_graph.GRAPH_FILE, citation_graph.graph_json(corpus))
    _write(site / citation_graph.REPORT_FILE, citation_graph.report_text(corpus.graph))
    edges = corpus.graph.edges
    dates = source_dates.load_for_docs(corpus.docs)
    records, rows = [], []
    for ident in sorted(corpus.instruments):
        inst = corpus.instruments[ident]
        data = instrument_data(corpus, inst, edges)
        records.append(data)
        _write(site / DATA_DIR / "instruments" / f"{ident}.json", _dump(data))
        akoma_ntoso.write_instrument(site, corpus, inst, dates)
        for lang, version in sorted(inst.versions.items()):
            for _, rel, path in version.files:
                _write(site / markdown_path(ident, rel, lang), path.read_text(encoding="utf-8"))
            for paragraph in data["versions"][lang]["paragraphs"]:
                rows.append((ident, lang, paragraph["id"], paragraph["number"] or "",
                             paragraph["text"], paragraph["url"]))
    _write_gzip(site / DATA_DIR / "corpus.json.gz", _dump({"format": "accord-corpus/1", "instruments": records}))
    _write(site / DATA_DIR / CORRECTIONS_FILE, _dump({"format": "accord-corrections/1",
                                                      "corrections": corrections(corpus)}))
    feeds.write_all(site, corpus, dates)
    for schema in sorted(SCHEMAS.glob("*.schema.json")):
        _write(site / DATA_DIR / "schemas" / schema.name, schema.read_text(encoding="utf-8"))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(rows)
    _write_gzip(site / DATA_DIR / "paragraphs.csv.gz", buffer.getvalue())


# --------------------------------------------------------------------------- generated pages


def generated_page(corpus, lang: str, src_uri: str, kind: str, links=URL_LINKS) -> tuple[str, str]:
    """(title, Markdown) of a page ``reader_page: <kind>`` in the tree of ``lang``;
    ``links``: how its engine reads a link inside an HTML block."""
    if kind not in PAGES:
        raise BuildProblem(f"{src_uri}: unknown reader_page {kind!r} (one of {sorted(PAGES)})")
    title_key, partial = PAGES[kind]
    title = labels(lang)[title_key]
    values = _PAGE_VALUES[kind](corpus, lang, PagePath.parse(src_uri), links)
    return title, f"# {title}\n\n" + templates.render(partial, trim_blocks=True, r=labels(lang), **values) + "\n"


def _data_values(corpus, lang: str, here: PagePath, links) -> dict:
    """The data page's values: an instrument's file is shown by the first of the catalogue."""
    first = corpus.catalogue()[:1]
    return {"root": links.root(here, lang), "fields": DATA_FIELDS, "lang": lang,
            "example": first[0].id if first else None,
            "example_akn": akoma_ntoso.file_path(first[0].id, sorted(first[0].versions)[0]) if first else None,
            "example_md": _first_markdown(first[0]) if first else None,
            "akn_schema": akoma_ntoso.OASIS_SCHEMA, "feed": feeds.feed_file(lang), "atom_spec": feeds.ATOM_SPEC}


def _first_markdown(inst) -> str:
    """The published Markdown of an instrument's first page, in its first language."""
    lang = sorted(inst.versions)[0]
    return markdown_path(inst.id, inst.versions[lang].files[0][1], lang)


def _history_values(corpus, lang: str, here: PagePath, links) -> dict:
    all_series = []
    for entry in series():
        steps = [_history_step(corpus, lang, here, links, step) for step in entry["steps"]]
        all_series.append({"id": entry["id"], "title": entry["titles"].get(lang) or entry["titles"][DEFAULT_LANGUAGE],
                           "steps": steps})
    return {"all_series": all_series, "lang": lang}


def _history_step(corpus, lang: str, here: PagePath, links, step: dict) -> dict:
    entry = {"date": str(step["date"]), "label": step["labels"].get(lang) or step["labels"][DEFAULT_LANGUAGE],
             "pending": bool(step.get("pending")), "href": None, "official": None, "source_href": None}
    inst = corpus.instruments.get(step.get("instrument") or "")
    if step.get("instrument") and inst is None:
        raise BuildProblem(f"{SERIES_FILE}: step {step['date']} names instrument "
                           f"{step['instrument']!r}, which is not in docs/instruments")
    if inst:
        entry["href"] = links.page(here, PagePath.parse(inst.page))
    if step.get("official"):
        entry["symbol"] = step["official"]
        entry["official"] = undocs_url(step["official"], lang)
    source = step.get("source")
    if source:
        src = corpus.instruments.get(source["instrument"])
        if src is None:
            raise BuildProblem(f"{SERIES_FILE}: step {step['date']}: source instrument "
                               f"{source['instrument']!r} is not in docs/instruments")
        key = _page_of_paragraph(corpus, src, source["paragraph"])
        title, title_lang = src.title(lang)
        entry.update(source_href=f"{links.page(here, PagePath.parse(key))}#{source['paragraph']}",
                     source_title=title, source_lang=title_lang, source_dir=direction(title_lang))
    return entry


def _page_of_paragraph(corpus, inst, paragraph: str) -> str:
    """The page of an instrument that holds a paragraph id (an agreement's article)."""
    for key in sorted(inst.pages):
        if paragraph in corpus.page_ids.get(key, ()):
            return key
    raise BuildProblem(f"{SERIES_FILE}: paragraph {paragraph!r} is not in instrument {inst.id!r}")


def _parallel_values(corpus, lang: str, here: PagePath, links) -> dict:
    items = [{"id": ident, "title": inst.title(lang)[0], "languages": sorted(inst.versions)}
             for ident, inst in sorted(corpus.instruments.items()) if len(inst.versions) >= 2]
    names = {code: all_labels(lang)["languages"].get(code, code) for code in LANGUAGES}
    return {"instruments": items, "languages": sorted({code for item in items for code in item["languages"]}),
            "names": names, "names_json": json.dumps(names, ensure_ascii=False, sort_keys=True),
            "root": links.root(here, lang)}


_PAGE_VALUES = {"data": _data_values, "history": _history_values, "parallel": _parallel_values}


# --------------------------------------------------------------------------- instrument pages


def reader_data_html(corpus, lang: str, meta: dict, src_uri: str) -> str:
    """The hidden element with what reader-tools.js needs to cite a paragraph: the
    forms, the title, and each paragraph id of the page read as a pinpoint in ``lang``
    (accord/pinpoints.py: the one rule, which "Cited by" follows too)."""
    words = labels(lang)
    ids = sorted(corpus.page_ids.get(PagePath.parse(src_uri).key, ()))
    table = {ident: found for ident in ids if (found := pinpoints.pinpoint(ident, lang))["kind"]}
    for found in table.values():
        for key in ("a", "s", "n"):
            if found.get(key) is not None:
                found[key] = pinpoints.digits(found[key], lang)
    if meta.get("symbol"):
        title, title_lang = meta["symbol"], "en"
    else:
        title, title_lang = corpus.instruments[meta["instrument"]].title(lang)
    return templates.render(
        READER_DATA, instrument=meta["instrument"], title=title, title_lang=title_lang, lang=lang,
        forms=json.dumps(words["cite"], ensure_ascii=False, sort_keys=True), with_link=words["cite_with_link"],
        label_cite=words["cite_button"], label_copied=words["cite_copied"],
        pinpoints=json.dumps(table, ensure_ascii=False, sort_keys=True))


def downloads(corpus, lang: str, src_uri: str, meta: dict) -> dict:
    """``reader`` for the instrument header: the JSON of the instrument, the Markdown
    of this page in each language it exists in, and the Akoma Ntoso document of each
    language version."""
    words = labels(lang)
    names = all_labels(lang)["languages"]
    ident = meta["instrument"]
    inst = corpus.instruments[ident]
    here = PagePath.parse(src_uri)
    root = here.root_path(lang)
    found = [{"href": f"{root}{DATA_DIR}/instruments/{ident}.json", "label": words["download_json"],
              "type": "application/json", "class": "download-json"}]
    for text_lang, version in sorted(inst.versions.items()):
        for _, rel, _ in version.files:
            if PagePath.parse(rel).key == here.key:
                found.append({"href": root + markdown_path(ident, rel, text_lang), "type": "text/markdown",
                              "label": f"{words['download_md']} ({names.get(text_lang, text_lang)})",
                              "class": "download-md"})
        found.append({"href": root + akoma_ntoso.file_path(ident, text_lang), "type": "application/akn+xml",
                      "label": f"{words['download_akn']} ({names.get(text_lang, text_lang)})",
                      "class": "download-akn"})
    return {"downloads": found, "labels": words}
