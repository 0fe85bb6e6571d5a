"""MkDocs hook: every instrument in every language tree, and the catalogue home page.

mkdocs-static-i18n builds the site once per language and falls back to the default
language's file where a language has none. The normalizer gives every page without an
English text a fallback file (front matter only, ``fallback: true``). Here, in each
language build, such a page is filled with the texts that exist, each in a block with
its own ``lang`` and ``dir``; the instrument header and the notice come from the
templates in overrides/, with the labels of hooks/labels.yml in the interface language.
The home page (``catalogue: true``) lists every instrument, grouped by issuing body.

Hooks keep module state between the language builds: everything that depends on the
language is computed per call, and the corpus scan is redone in ``on_pre_build``.
"""
import html
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

from accord import library, titles
from accord.identifiers import PagePath

sys.path.insert(0, str(Path(__file__).resolve().parent))   # hooks/ is not a package
from docs_pages import direction, instrument_pages, read_front_matter, read_yaml, theme_template  # noqa: E402

LABELS_FILE = Path(__file__).with_name("labels.yml")
STATE = {"labels": {}, "instruments": [], "docs": None, "pages": None}


def ui_language(config):
    return config.theme["language"]


def on_config(config):
    STATE["labels"] = read_yaml(LABELS_FILE)
    return config


def on_pre_build(config):
    """Scan docs/instruments once per language build: one catalogue entry per instrument."""
    docs = Path(config.docs_dir)
    STATE["docs"] = docs
    pages = instrument_pages(docs)
    if STATE.get("pages") is pages:            # nothing changed since the last build
        return
    instruments = {}
    for _, rel, meta, _ in pages:
        if meta.get("article") is not None or not meta.get("instrument"):
            continue
        entry = instruments.setdefault(meta["instrument"], dict(meta, page=PagePath.parse(rel).key))
        if meta.get("language"):
            entry.setdefault("text_titles", {})[meta["language"]] = meta.get("title")
    STATE["instruments"] = sorted(instruments.values(), key=lambda m: (m.get("date") or "", m["instrument"]))
    STATE["by_id"] = instruments
    STATE["pages"] = pages


def labels_for(lang):
    return STATE["labels"].get(lang) or STATE["labels"]["en"]


def instrument_title(meta, lang):
    """(title, language of the title) of the instrument of a page, by the one rule
    (accord/titles.py), from what the whole instrument has (titles of all its texts)."""
    entry = STATE.get("by_id", {}).get(meta["instrument"], meta)
    return titles.instrument_title(lang, meta["instrument"], entry.get("titles"), entry.get("label"),
                                   entry.get("text_titles"))


def official_url(meta, lang):
    return library.official_url(meta.get("body"), meta.get("symbol"), lang)


def as_text(text):
    """A title (text from a source or a metadata file) as Markdown that shows its
    characters: HTML and the Markdown-significant characters escaped."""
    text = html.escape(str(text), quote=False)
    return text.translate({ord(c): f"&#{ord(c)};" for c in "|[]*_`\\"})


CATALOGUE = "partials/catalogue.html"
TEXT_VERSION = "partials/text-version.html"
# A footnote definition of a text: "[^1]: ..." (Python-Markdown's footnotes extension
# leaves its placement marker as text where there is none).
FOOTNOTE_DEFINITION = re.compile(r"^\[\^[^\]\n]+\]:", re.M)


def catalogue_markdown(lang, config):
    """The catalogue as Markdown, from overrides/partials/catalogue.html: one table per
    issuing body, texts escaped for Markdown here."""
    labels = labels_for(lang)
    groups = {}
    for meta in STATE["instruments"]:
        title, title_lang = instrument_title(meta, lang)
        groups.setdefault(meta["body"], []).append({
            "page": meta["page"], "symbol": as_text(meta.get("symbol") or labels["none"]),
            "title": as_text(title), "title_lang": title_lang, "title_dir": direction(title_lang),
            "type": labels["types"].get(meta["type"], meta["type"]), "date": meta.get("date") or labels["none"]})
    ordered = sorted(groups, key=lambda body: labels["bodies"].get(body, body))
    return theme_template(config, CATALOGUE).render(
        labels=labels, lang=lang,
        groups=[{"name": labels["bodies"].get(body, body), "rows": groups[body]} for body in ordered]) + "\n"


def fallback_markdown(page, lang, config):
    """The texts that exist for a page without one in the interface language, each from
    overrides/partials/text-version.html; a single text keeps its footnotes inside its
    block (so they have its lang and dir); several would share one footnote list."""
    version = PagePath.parse(page.file.src_uri)
    labels = labels_for(lang)
    langs = page.meta.get("languages_available") or []
    parts = []
    for text_lang in langs:
        source = STATE["docs"] / version.with_lang(text_lang).path
        if not source.exists():
            raise PluginError(f"{page.file.src_uri}: languages_available names {text_lang}, but {source} is missing")
        body = read_front_matter(source)[1].strip("\n")
        parts.append(theme_template(config, TEXT_VERSION).render(
            text_lang=text_lang, text_dir=direction(text_lang), lang=lang, dir=direction(lang),
            label=f'{labels["text_in"]} {labels["languages"].get(text_lang, text_lang)}',
            body=body, footnotes=len(langs) == 1 and FOOTNOTE_DEFINITION.search(body) is not None))
    return "\n\n".join(parts) + "\n"


def on_page_markdown(markdown, page, config, files):
    lang = ui_language(config)
    if page.meta.get("catalogue"):
        return catalogue_markdown(lang, config)
    if page.meta.get("instrument") and page.meta.get("article") is None:
        page.meta["title"] = instrument_title(page.meta, lang)[0]
    if page.meta.get("instrument") and page.meta.get("title"):
        # MkDocs and Material print page.meta.title as HTML (<title>, the header):
        # a title is text from a source or a metadata file, so escape it, once, here.
        page.meta["title"] = html.escape(str(page.meta["title"]), quote=False)
    if page.meta.get("fallback"):
        return fallback_markdown(page, lang, config)
    return markdown


def on_page_context(context, page, config, nav):
    lang = ui_language(config)
    meta = page.meta
    context["accord"] = {
        "labels": labels_for(lang),
        "lang": lang,
        "dir": direction(lang),
        "text_lang": meta.get("language"),
        "text_dir": direction(meta.get("language")),
        "official_url": official_url(meta, lang) if meta.get("instrument") else None,
        "title_lang": instrument_title(meta, lang)[1] if meta.get("instrument") else lang,
    }
    return context
