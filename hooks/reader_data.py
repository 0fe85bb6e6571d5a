"""MkDocs hook: the reader tools' data — downloads, citation forms, history, parallel view.

One concern, four outputs, each from data (hooks/labels.yml ``reader``, hooks/series.yml):

1. ``on_page_content``  instrument pages get a hidden ``.reader-data`` element whose
                        data attributes give overrides/assets/javascripts/reader-tools.js
                        what it needs to cite a paragraph in the interface language: the
                        symbol (or title), the citation forms and the button labels.
2. ``on_page_context``  ``reader.downloads``: the instrument's data files, linked from
                        overrides/partials/instrument-header.html.
3. ``on_page_markdown`` the pages ``reader_page: data | history | parallel`` are written
                        in the interface language (docs/data.md, history.md, parallel.md).
4. ``on_post_build``    in the default-language build only, under the root site dir:
                          data/instruments/<id>.json        metadata, versions, paragraphs
                          data/instruments/<id>.<lang>.md   the Markdown it was built from
                          data/instruments/<id>/<art>.<lang>.md   (articles of an agreement)
                          data/corpus.json                  every instrument, one list
                          data/paragraphs.csv               every paragraph, one a row
                        Sorted and written with fixed formatting: two builds of the same
                        docs/ are byte-identical.

Paragraphs are read from the Markdown (rendered with the site's block extensions and
parsed with lxml), not from the built HTML, so the data do not depend on the language
tree or on what other hooks add to the pages. Citations come from citations.json,
which hooks/xref.py writes in its own on_post_build (list this hook after it).

Pages marked ``test_data: true`` (tests/fixtures/parallel/) are refused unless the
environment sets ACCORD_TEST_DATA=1: test data is never published.

Hooks keep module state between the language builds: everything is keyed by the
interface language or recomputed in ``on_pre_build``.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from pathlib import Path

import jinja2
import markdown as md
from lxml import html as lxml_html
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from accord import titles
from accord.identifiers import PagePath
from accord.library import DEFAULT_LANGUAGE, LANGUAGES, undocs_url

sys.path.insert(0, str(Path(__file__).resolve().parent))   # hooks/ is not a package
from docs_pages import direction, instrument_pages, read_front_matter, read_yaml, theme_template  # noqa: E402

READER_DATA = "partials/reader-data.html"

HOOKS_DIR = Path(__file__).resolve().parent
LABELS_FILE = HOOKS_DIR / "labels.yml"
SERIES_FILE = HOOKS_DIR / "series.yml"
DATA_DIR = "data"
FORMAT = "accord-instrument/1"

# Front-matter fields copied into an instrument's data file, in this order.
META_FIELDS = ("symbol", "number", "body", "type", "date", "session", "agenda_item",
               "distribution", "original_language", "title_supplied")
# CSV columns of data/paragraphs.csv.
CSV_COLUMNS = ("instrument", "language", "paragraph", "number", "text", "url")

# An id the data keep: Akoma Ntoso names, not footnotes ("fn:1", "fnref:1").
BLOCK_ID = re.compile(r"^[A-Za-z][\w-]*$")
WHITESPACE = re.compile(r"\s+")
# The Markdown extensions that shape blocks (the site's own list, minus toc).
EXTENSIONS = ["attr_list", "footnotes", "md_in_html", "tables"]

STATE: dict = {"labels": {}, "series": [], "instruments": {}, "docs": None}


# --------------------------------------------------------------------------- helpers


def _lang(config) -> str:
    return config.theme["language"]


def _is_default_build(config) -> bool:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return True
    return bool(getattr(i18n, "is_default_language_build", True))


def _labels(lang: str) -> dict:
    labels = STATE["labels"].get(lang) or STATE["labels"][DEFAULT_LANGUAGE]
    return labels["reader"]


def _all_labels(lang: str) -> dict:
    return STATE["labels"].get(lang) or STATE["labels"][DEFAULT_LANGUAGE]


def _page_key(src_uri: str) -> str:
    """'instruments/a-res-71-19.zh.md' -> 'instruments/a-res-71-19.md'."""
    return PagePath.parse(src_uri).key


def _url_of_key(key: str) -> str:
    """'instruments/a-res-71-19.md' -> 'instruments/a-res-71-19/' (directory URLs)."""
    return PagePath.parse(key).url


def _root_prefix(page, config) -> str:
    """The relative path from a page to the root of the site: data/ lives once, at
    the root. (mkdocs-static-i18n keeps one site_dir and prefixes the URLs of the other
    trees: page.url is "ar/instruments/a-res-71-19/" in the Arabic build.)"""
    return "../" * (page.url.count("/") if page.url else 0)


def instrument_title(inst: dict, lang: str) -> tuple[str, str]:
    """(title, language of the title) in the interface language where known, as on
    the page (hooks/instrument_pages.py)."""
    return titles.instrument_title(lang, inst["id"], inst.get("titles"), inst.get("label"),
                                   {text_lang: v.get("title") for text_lang, v in inst["versions"].items()})


# --------------------------------------------------------------------------- corpus scan


def scan_corpus(docs: Path) -> dict:
    """docs/instruments -> {id: instrument}: front matter of the instrument, and per text
    language its pages in reading order (the instrument page, then its articles)."""
    instruments: dict = {}
    for path, rel, meta, _ in instrument_pages(docs):
        if not meta.get("instrument"):
            continue
        if meta.get("test_data") and os.environ.get("ACCORD_TEST_DATA") != "1":
            raise PluginError(f"{path}: test data (test_data: true) must never be published; "
                              "it belongs in tests/fixtures/")
        inst = instruments.setdefault(meta["instrument"], {"id": meta["instrument"], "versions": {}, "pages": set()})
        inst["pages"].add(_page_key(rel))
        if meta.get("article") is None and (not inst.get("meta") or meta.get("fallback")):
            inst["meta"] = meta
        lang = meta.get("language")
        if not lang:
            continue
        version = inst["versions"].setdefault(lang, {"files": []})
        if meta.get("article") is None:
            version["title"] = meta.get("title")
        version["files"].append((_article_order(meta.get("article")), rel, path))
    for inst in instruments.values():
        meta = inst.get("meta") or {}
        inst["titles"] = meta.get("titles") or {}
        inst["label"] = meta.get("label") or {}
        for version in inst["versions"].values():
            version["files"].sort()
    return instruments


def _article_order(article) -> tuple:
    if article is None:
        return (0, 0, "")
    text = str(article)
    return (1, int(text) if text.isdigit() else 10**6, text)


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
            if skip_ids and BLOCK_ID.match(ident):
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
    rendered = md.markdown(body, extensions=EXTENSIONS)
    root = lxml_html.fragment_fromstring(rendered, create_parent="div")
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
        if not ident or not BLOCK_ID.match(ident):
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


def instrument_data(inst: dict, citations: list[dict]) -> dict:
    meta = inst.get("meta") or {}
    data = {"format": FORMAT, "id": inst["id"]}
    for name in META_FIELDS:
        if meta.get(name) is not None:
            data[name] = meta[name]
    data["titles"] = dict(inst["label"], **inst["titles"])
    data["languages"] = sorted(inst["versions"])
    versions = {}
    for lang in sorted(inst["versions"]):
        version = inst["versions"][lang]
        paragraphs, footnotes, files = [], [], []
        for _, rel, path in version["files"]:
            body = read_front_matter(path)[1].lstrip("\n")
            page_url = ("" if lang == DEFAULT_LANGUAGE else f"{lang}/") + _url_of_key(_page_key(rel))
            found, notes = parse_markdown(body)
            for paragraph in found:
                paragraph["url"] = f"{page_url}#{paragraph['id']}"
            paragraphs.extend(found)
            footnotes.extend(notes)
            files.append({"source": f"docs/{rel}", "markdown": markdown_path(inst["id"], rel, lang),
                          "page": page_url})
        versions[lang] = {"title": version.get("title"), "dir": direction(lang), "files": files,
                          "paragraphs": paragraphs, "footnotes": footnotes}
    data["versions"] = versions
    pages = inst["pages"]
    data["citations"] = [edge for edge in citations if edge.get("from") == inst["id"]]
    data["cited_by"] = [edge for edge in citations
                        if edge.get("to_page") in pages and edge.get("from") != inst["id"]]
    return data


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


def write_data(site: Path, instruments: dict) -> None:
    graph = site / "citations.json"
    citations = json.loads(graph.read_text(encoding="utf-8")).get("edges", []) if graph.exists() else []
    corpus, rows = [], []
    for ident in sorted(instruments):
        inst = instruments[ident]
        data = instrument_data(inst, citations)
        corpus.append(data)
        _write(site / DATA_DIR / "instruments" / f"{ident}.json", _dump(data))
        for lang, version in sorted(inst["versions"].items()):
            for _, rel, path in version["files"]:
                _write(site / markdown_path(ident, rel, lang), path.read_text(encoding="utf-8"))
            for paragraph in data["versions"][lang]["paragraphs"]:
                rows.append((ident, lang, paragraph["id"], paragraph["number"] or "",
                             paragraph["text"], paragraph["url"]))
    _write(site / DATA_DIR / "corpus.json", _dump({"format": "accord-corpus/1", "instruments": corpus}))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(rows)
    _write(site / DATA_DIR / "paragraphs.csv", buffer.getvalue())


# --------------------------------------------------------------------------- generated pages

ENV = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True,
                         undefined=jinja2.StrictUndefined)

DATA_PAGE = ENV.from_string("""\
<p>{{ r.data_intro }}</p>
<h2 id="files">{{ r.data_files }}</h2>
<div class="md-typeset__table"><table class="data-files">
<thead><tr><th>{{ r.data_file }}</th><th>{{ r.data_contents }}</th></tr></thead>
<tbody>
<tr><td><a href="{{ root }}data/corpus.json" dir="ltr"><code>data/corpus.json</code></a></td><td>{{ r.data_file_corpus }}</td></tr>
<tr><td><a href="{{ root }}data/paragraphs.csv" dir="ltr"><code>data/paragraphs.csv</code></a></td><td>{{ r.data_file_csv }}</td></tr>
<tr><td dir="ltr"><code>data/instruments/&lt;id&gt;.json</code></td><td>{{ r.data_file_instrument }}</td></tr>
<tr><td dir="ltr"><code>data/instruments/&lt;id&gt;.&lt;lang&gt;.md</code></td><td>{{ r.data_file_markdown }}</td></tr>
</tbody></table></div>
<ul class="data-instruments">
{% for item in instruments %}
<li><a href="{{ item.page }}"><span lang="{{ item.title_lang }}" dir="{{ item.title_dir }}">{{ item.title }}</span></a>:
<a class="download-json" href="{{ root }}data/instruments/{{ item.id }}.json" type="application/json" dir="ltr">{{ item.id }}.json</a>
{% for file in item.markdown %} · <a class="download-md" href="{{ root }}{{ file }}" type="text/markdown" dir="ltr">{{ file.split('/')[-1] }}</a>{% endfor %}
</li>
{% endfor %}
</ul>
<h2 id="fields">{{ r.data_fields }}</h2>
<div class="md-typeset__table"><table class="data-fields">
<thead><tr><th>{{ r.data_field }}</th><th>{{ r.data_meaning }}</th></tr></thead>
<tbody>
{% for name, key in fields %}
<tr><td dir="ltr"><code>{{ name }}</code></td><td>{{ r[key] }}</td></tr>
{% endfor %}
</tbody></table></div>
""")

DATA_FIELDS = (
    ("id", "field_id"),
    ("symbol, body, type, date, session, agenda_item, titles", "field_metadata"),
    ("versions.<lang>", "field_versions"),
    ("versions.<lang>.paragraphs[]: id, number, text, footnotes, url", "field_paragraphs"),
    ("versions.<lang>.footnotes[]: label, text", "field_footnotes"),
    ("versions.<lang>.files[]: source, markdown, page", "field_markdown"),
    ("citations[], cited_by[]", "field_citations"),
)

HISTORY_PAGE = ENV.from_string("""\
<p>{{ r.history_intro }}</p>
{% for series in all_series %}
<section class="series" id="{{ series.id }}">
<h2 id="{{ series.id }}-title">{{ series.title }}</h2>
<ol class="timeline" aria-labelledby="{{ series.id }}-title">
{% for step in series.steps %}
<li class="timeline__step{% if step.href %} timeline__step--held{% endif %}{% if step.pending %} timeline__step--pending{% endif %}">
<time class="timeline__date" datetime="{{ step.date }}" dir="ltr">{{ step.date }}</time>
<p class="timeline__label">{% if step.href %}<a class="timeline__link" href="{{ step.href }}">{{ step.label }}</a>{% else %}{{ step.label }}{% endif %}</p>
<p class="timeline__meta">
{% if not step.href %}<span class="timeline__not-held">{{ r.history_not_held }}</span>{% endif %}
{% if step.official %}<a class="timeline__official" href="{{ step.official }}" rel="external" hreflang="{{ lang }}">{{ r.history_official }} <span dir="ltr">{{ step.symbol }}</span></a>{% endif %}
{% if step.source_href %}<a class="timeline__source" href="{{ step.source_href }}">{{ r.history_source }} <span lang="{{ step.source_lang }}" dir="{{ step.source_dir }}">{{ step.source_title }}</span></a>{% endif %}
{% if step.pending %}<span class="timeline__pending">{{ r.history_pending }}</span>{% endif %}
</p>
</li>
{% endfor %}
</ol>
</section>
{% endfor %}
""")

PARALLEL_PAGE = ENV.from_string("""\
<p>{{ r.parallel_intro }}</p>
{% if instruments %}
<form class="parallel-controls" data-parallel-form>
<label>{{ r.parallel_instrument }}
<select name="instrument">
{% for item in instruments %}<option value="{{ item.id }}" data-languages="{{ item.languages|join(' ') }}">{{ item.title }}</option>{% endfor %}
</select></label>
<label>{{ r.parallel_left }}
<select name="left">{% for code in languages %}<option value="{{ code }}">{{ names[code] }}</option>{% endfor %}</select></label>
<label>{{ r.parallel_right }}
<select name="right">{% for code in languages %}<option value="{{ code }}">{{ names[code] }}</option>{% endfor %}</select></label>
</form>
<div class="parallel-view" data-parallel-view data-root="{{ root }}" data-missing="{{ r.parallel_missing }}" data-names="{{ names_json }}" aria-live="polite"></div>
{% else %}
<p class="parallel-none">{{ r.parallel_none }}</p>
{% endif %}
""")


def _page_href(key: str, urls: dict, page) -> str | None:
    url = urls.get(key)
    return get_relative_url(url, page.url) if url is not None else None


def data_markdown(page, config, urls) -> str:
    lang = _lang(config)
    root = _root_prefix(page, config)
    items = []
    for ident, inst in sorted(STATE["instruments"].items()):
        title, title_lang = instrument_title(inst, lang)
        files = sorted({markdown_path(ident, rel, text_lang)
                        for text_lang, version in inst["versions"].items() for _, rel, _ in version["files"]
                        if _page_key(rel) == f"instruments/{ident}.md" or _page_key(rel) == f"instruments/{ident}/index.md"})
        items.append({"id": ident, "title": title, "title_lang": title_lang, "title_dir": direction(title_lang),
                      "page": _page_href(_main_key(inst), urls, page) or "", "markdown": files})
    return DATA_PAGE.render(r=_labels(lang), root=root, instruments=items, fields=DATA_FIELDS)


def _main_key(inst: dict) -> str:
    for key in sorted(inst["pages"]):
        if key in (f"instruments/{inst['id']}.md", f"instruments/{inst['id']}/index.md"):
            return key
    return sorted(inst["pages"])[0]


def history_markdown(page, config, urls) -> str:
    lang = _lang(config)
    all_series = []
    for series in STATE["series"]:
        steps = []
        for step in series["steps"]:
            entry = {"date": str(step["date"]), "label": step["labels"].get(lang) or step["labels"][DEFAULT_LANGUAGE],
                     "pending": bool(step.get("pending")), "href": None, "official": None,
                     "source_href": None}
            inst = STATE["instruments"].get(step.get("instrument") or "")
            if step.get("instrument") and inst is None:
                raise PluginError(f"{SERIES_FILE}: step {step['date']} names instrument "
                                  f"{step['instrument']!r}, which is not in docs/instruments")
            if inst:
                entry["href"] = _page_href(_main_key(inst), urls, page)
            if step.get("official"):
                entry["symbol"] = step["official"]
                entry["official"] = undocs_url(step["official"], lang)
            source = step.get("source")
            if source:
                src = STATE["instruments"].get(source["instrument"])
                if src is None:
                    raise PluginError(f"{SERIES_FILE}: step {step['date']}: source instrument "
                                      f"{source['instrument']!r} is not in docs/instruments")
                key = _source_page(src, source["paragraph"])
                title, title_lang = instrument_title(src, lang)
                entry.update(source_href=f"{_page_href(key, urls, page)}#{source['paragraph']}",
                             source_title=title, source_lang=title_lang, source_dir=direction(title_lang))
            steps.append(entry)
        all_series.append({"id": series["id"], "title": series["titles"].get(lang) or series["titles"][DEFAULT_LANGUAGE],
                           "steps": steps})
    return HISTORY_PAGE.render(r=_labels(lang), all_series=all_series, lang=lang)


def _source_page(inst: dict, paragraph: str) -> str:
    """The page of an instrument that holds a paragraph id (an agreement's article)."""
    for version in inst["versions"].values():
        for _, rel, path in version["files"]:
            body = read_front_matter(path)[1].lstrip("\n")
            if re.search(r"\{:[^}\n]*#%s\b" % re.escape(paragraph), body) or f'id="{paragraph}"' in body:
                return _page_key(rel)
    raise PluginError(f"{SERIES_FILE}: paragraph {paragraph!r} is not in instrument {inst['id']!r}")


def parallel_markdown(page, config, urls) -> str:
    lang = _lang(config)
    labels = _all_labels(lang)
    items = []
    for ident, inst in sorted(STATE["instruments"].items()):
        if len(inst["versions"]) >= 2:
            items.append({"id": ident, "title": instrument_title(inst, lang)[0], "languages": sorted(inst["versions"])})
    languages = sorted({code for item in items for code in item["languages"]})
    names = {code: labels["languages"].get(code, code) for code in LANGUAGES}
    return PARALLEL_PAGE.render(r=_labels(lang), instruments=items, languages=languages, names=names,
                                names_json=json.dumps(names, ensure_ascii=False, sort_keys=True),
                                root=_root_prefix(page, config))


GENERATED = {"data": ("data_title", data_markdown), "history": ("history_title", history_markdown),
             "parallel": ("parallel_title", parallel_markdown)}


# --------------------------------------------------------------------------- MkDocs events


def on_config(config):
    STATE["labels"] = read_yaml(LABELS_FILE)
    STATE["series"] = (read_yaml(SERIES_FILE) or {}).get("series", [])
    return config


def on_pre_build(config):
    STATE["docs"] = Path(config.docs_dir)
    pages = instrument_pages(STATE["docs"])
    if STATE.get("pages") is not pages:        # else nothing changed since the last build
        STATE["instruments"] = scan_corpus(STATE["docs"])
        STATE["pages"] = pages
    STATE["urls"] = {}


def on_nav(nav, config, files):
    """The URL of every page in this language tree (the i18n plugin has reconfigured
    the files in its on_files; pages are rendered after this event)."""
    STATE["urls"] = {_page_key(f.src_uri): f.url for f in files.documentation_pages()}
    return nav


def on_page_markdown(markdown, page, config, files):
    kind = page.meta.get("reader_page")
    if not kind:
        return markdown
    if kind not in GENERATED:
        raise PluginError(f"{page.file.src_uri}: unknown reader_page {kind!r} (one of {sorted(GENERATED)})")
    title_key, render = GENERATED[kind]
    title = _labels(_lang(config))[title_key]
    page.meta["title"] = title
    return f"# {title}\n\n" + render(page, config, STATE["urls"]) + "\n"


def _cite_title(page, lang: str) -> tuple[str, str]:
    inst = STATE["instruments"].get(page.meta["instrument"])
    if page.meta.get("symbol"):
        return page.meta["symbol"], "en"
    if inst is None:
        return page.meta["instrument"], lang
    return instrument_title(inst, lang)


def on_page_content(html_text, page, config, files):
    """A hidden element with what reader-tools.js needs to cite a paragraph."""
    if not page.meta.get("instrument"):
        return html_text
    lang = _lang(config)
    labels = _labels(lang)
    title, title_lang = _cite_title(page, lang)
    data = theme_template(config, READER_DATA).render(
        instrument=page.meta["instrument"], title=title, title_lang=title_lang, lang=lang,
        forms=json.dumps(labels["cite"], ensure_ascii=False, sort_keys=True), with_link=labels["cite_with_link"],
        label_cite=labels["cite_button"], label_copied=labels["cite_copied"])
    return data + "\n" + html_text


def on_page_context(context, page, config, nav):
    """``reader.downloads`` for the instrument header: the JSON of the instrument and the
    Markdown of this page in each language it exists in."""
    if not page.meta.get("instrument"):
        return context
    lang = _lang(config)
    labels = _labels(lang)
    names = _all_labels(lang)["languages"]
    ident = page.meta["instrument"]
    inst = STATE["instruments"].get(ident)
    root = _root_prefix(page, config)
    downloads = [{"href": f"{root}{DATA_DIR}/instruments/{ident}.json", "label": labels["download_json"],
                  "type": "application/json", "class": "download-json"}]
    key = _page_key(page.file.src_uri)
    for text_lang, version in sorted((inst or {}).get("versions", {}).items()):
        for _, rel, _ in version["files"]:
            if _page_key(rel) == key:
                downloads.append({"href": root + markdown_path(ident, rel, text_lang), "type": "text/markdown",
                                  "label": f"{labels['download_md']} ({names.get(text_lang, text_lang)})",
                                  "class": "download-md"})
    context["reader"] = {"downloads": downloads, "labels": labels}
    return context


def on_post_build(config):
    """The data files, once, in the default-language build, at the root of the site."""
    if not _is_default_build(config):
        return
    write_data(Path(config.site_dir), STATE["instruments"])
