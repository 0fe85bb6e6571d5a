"""What the site adds to its pages, for any engine: the catalogue, the pages of an
instrument in a language it has no text in, citation links, "Cited by", the citation
graph's page and the instrument header's data. Each is a function of the corpus model
(accord/corpus.py), the interface language and the page's path in docs/; the HTML comes
from partials in overrides/partials/ (accord/templates.py), the words from
accord/labels.yml. The engine's adapter (hooks/site_content.py for MkDocs) calls them.

Every link between pages is made from page paths (accord/identifiers.py): a citation is
a Markdown link to the cited page's .md file; a link in an HTML block ("Cited by", the
graph) is the relative URL, which is the same in every language tree.
"""
from __future__ import annotations

import html
import posixpath
from pathlib import Path

from accord import listing, pinpoints, templates, text_versions
from accord.citation_annotate import link_markdown
from accord.citation_resolve import DECISION_URL, OFFICIAL_URL, Citing, resolve_occurrence
from accord.docs_scan import read_yaml
from accord.errors import BuildProblem
from accord.identifiers import URL_LINKS, PagePath
from accord.library import DEFAULT_LANGUAGE, direction, official_url
from accord.local_forms import date_shown, number_shown

LABELS_FILE = Path(__file__).with_name("labels.yml")

CATALOGUE = "partials/catalogue.html"
TEXT_VERSION = "partials/text-version.html"
CITED_BY = "partials/cited-by.html"
GRAPH = "partials/citation-graph.html"

def labels(lang: str) -> dict:
    """The words of the interface in ``lang`` (accord/labels.yml), English where absent."""
    table = read_yaml(LABELS_FILE, copy_for_caller=False)
    return table.get(lang) or table[DEFAULT_LANGUAGE]


def extension_words(lang: str) -> dict:
    """The words the Markdown extensions write into a page (the ¶ links' title, the
    footnotes' back-links, their numbers' digits), in ``lang``: their settings, by
    extension, for the build of that language's tree.

    >>> extension_words("fr")["footnotes"]["BACKLINK_TITLE"]
    'Revenir à la note {} dans le texte'
    """
    words = labels(lang)
    return {"toc": {"permalink_title": words["permalink"]},
            "accord.permalinks": {"label": words["permalink"]},
            "footnotes": {"BACKLINK_TITLE": words["footnote_backlink"]},
            "accord.text_versions": {"lang": lang}}     # footnote numbers in its digits


def as_text(text) -> str:
    """A title (text from a source or a metadata file) as Markdown that shows its
    characters: HTML and the Markdown-significant characters escaped."""
    text = html.escape(str(text), quote=False)
    return templates.markup(text.translate({ord(c): f"&#{ord(c)};" for c in "|[]*_`\\"}))


# --------------------------------------------------------------------------- pages


def page_markdown(corpus, lang: str, src_uri: str, meta: dict, markdown: str, links=URL_LINKS) -> str:
    """The Markdown a page is built from in the tree of ``lang``; ``links``: how its
    engine reads a link inside an HTML block (accord/identifiers.py)."""
    kind = (listing.part_of(meta) or (None,))[0]
    if kind == "catalogue":
        return catalogue_markdown(corpus, lang, src_uri, meta, links)
    if kind == "citations":
        return graph_page_markdown(corpus, lang, src_uri, links, meta)
    if not meta.get("instrument"):
        return markdown
    if shown_versions(lang, meta) is not None:
        return versions_markdown(corpus, lang, src_uri, meta)
    return linked_text(corpus, lang, src_uri, src_uri, markdown)


def page_title(corpus, lang: str, meta: dict, src_uri: str):
    """The title of a page in ``lang``, escaped once for the engine's templates (which
    print it as HTML), or None for a page that keeps its own."""
    part = listing.part_of(meta)
    if part and (part[1] is not None or part[0] == "citations"):
        # a part page, the graph's own page (the home page keeps its own: the site's name)
        return html.escape(listing_title(lang, *part), quote=False)
    if not meta.get("instrument"):
        return None
    return html.escape(_full_title(corpus, lang, meta, PagePath.parse(src_uri).key), quote=False)


def instrument_facts(inst, lang: str) -> str:
    """An instrument's symbol, issuing body, type and date in ``lang``, as one line of
    text ("A/RES/71/19 · 联合国大会 · 决议 · 2016年11月21日"): a page's description, a
    feed's entry."""
    words = labels(lang)
    parts = [inst.symbol, words["bodies"].get(inst.body, inst.body), words["types"].get(inst.type, inst.type),
             date_shown(inst.date, lang)]
    return " · ".join(str(part) for part in parts if part)


def page_description(corpus, lang: str, meta: dict, src_uri: str):
    """The page's description in ``lang`` (its <meta name="description">), escaped for an
    attribute: an instrument's title and metadata, the introduction of a page of the
    site; None for a page that has neither."""
    words = labels(lang)
    if meta.get("instrument"):
        inst = corpus.instruments[meta["instrument"]]
        text = " · ".join(part for part in (_full_title(corpus, lang, meta, PagePath.parse(src_uri).key),
                                             instrument_facts(inst, lang)) if part)
    elif listing.part_of(meta):
        text = words["catalogue_intro" if listing.part_of(meta)[0] == "catalogue" else "graph_intro"]
    elif meta.get("reader_page"):
        text = words["reader"].get(f"{meta['reader_page']}_intro")
    else:
        text = None
    return html.escape(" ".join(str(text).split()), quote=True) if text else None


def linked_text(corpus, lang: str, page_src: str, text_rel: str, markdown: str) -> str:
    """The Markdown of the text page ``text_rel`` with its citations as links, from the
    citations the corpus model found in the file (the engine may give its text without
    the blank lines that open and close it); scanned again only where the engine gives
    other Markdown than the file holds."""
    text = corpus.text(text_rel)
    offset = text.body.find(markdown) if text is not None and markdown else -1
    if offset >= 0 and not text.body[:offset].strip() and not text.body[offset + len(markdown):].strip():
        return link_markdown(markdown, corpus.links[text_rel], page_src, lang, offset)
    return link_markdown(markdown, _scan_again(corpus, text_rel, markdown, lang), page_src, lang)


def _scan_again(corpus, rel: str, markdown: str, lang: str):
    text = corpus.text(rel)
    if text is None:
        return ()
    citing = Citing(instrument=text.meta["instrument"], body=text.meta["body"], page=text.key)
    return tuple((occ, resolve_occurrence(occ, citing, corpus)) for occ in corpus.find(markdown, text.lang))


def listing_title(lang: str, kind: str, body, part: int) -> str:
    """The title of a page of a list (accord/listing.py): the list's own title, and for a
    part page its body and number ("Catalogue of instruments: UN General Assembly, page 2")."""
    words = labels(lang)
    title = words["catalogue_title" if kind == "catalogue" else "graph_title"]
    if body is None:
        return title
    page = words["listing_part"].format(n=number_shown(str(part), lang))
    return f"{title}: {words['bodies'].get(body, body)}, {page}"


def _listing_groups(corpus, lang: str, src_uri: str, meta: dict, links) -> list[dict]:
    """The bodies a page of a list shows, in the order of their names: [{body, name,
    count, instruments, pager}] (accord/listing.py)."""
    words = labels(lang)
    kind, only, current = listing.part_of(meta)
    here = PagePath.parse(src_uri)
    counts = {body: sum(len(part) for part in chunks) for body, chunks in corpus.listing_parts().items()}
    shown = {}
    for inst in listing.shown(corpus, meta):
        shown.setdefault(inst.body, []).append(inst)
    return [{"body": body, "name": words["bodies"].get(body, body), "instruments": shown[body],
             "count": words["listing_count"].format(count=number_shown(str(counts[body]), lang)),
             "pager": [dict(part, label=number_shown(str(part["n"]), lang)) if not part["gap"] else part
                       for part in listing.pager(corpus, kind, body, here, links, current if only else 1)]}
            for body in sorted(shown, key=lambda body: words["bodies"].get(body, body))]


def catalogue_markdown(corpus, lang: str, src_uri: str = "index.md", meta=None, links=URL_LINKS) -> str:
    """A page of the catalogue as Markdown, from overrides/partials/catalogue.html: one
    table per issuing body (the first part of each on the home page, one part on a part
    page: accord/listing.py), texts escaped for Markdown here."""
    words = labels(lang)
    meta = meta if meta is not None else {"catalogue": True}
    folder = posixpath.dirname(src_uri)
    groups = []
    for group in _listing_groups(corpus, lang, src_uri, meta, links):
        rows = []
        for inst in group.pop("instruments"):
            title, title_lang = inst.title(lang)
            rows.append({
                "page": posixpath.relpath(inst.page, folder or "."), "symbol": as_text(inst.symbol or words["none"]),
                "title": as_text(title), "title_lang": title_lang, "title_dir": direction(title_lang),
                "type": words["types"].get(inst.type, inst.type), "date": inst.date,
                "date_shown": date_shown(inst.date, lang) or words["none"]})
        groups.append(dict(group, rows=rows))
    return templates.render(CATALOGUE, labels=words, lang=lang, title=listing_title(lang, *listing.part_of(meta)),
                            part=listing.part_of(meta)[1] is not None, groups=groups) + "\n"


def shown_versions(lang: str, meta: dict):
    """The languages whose versions a page shows in the tree of ``lang``: None where it
    shows its own text (a version in ``lang``); else every version there is, the
    original language first (a fallback page, or the default language's text that the
    engine gives a tree without a version of its own)."""
    if meta.get("language") == lang and not meta.get("fallback"):
        return None
    langs = list(meta.get("languages_available") or [meta.get("language")])
    original = meta.get("original_language")
    return sorted(langs, key=lambda code: code != original)


def versions_markdown(corpus, lang: str, src_uri: str, meta: dict) -> str:
    """Every version of a page without a text in the interface language, each from
    overrides/partials/text-version.html with its own lang and dir, its citations
    linked and its footnote keys its own; accord/text_versions.py then gives each
    version its footnotes and the later versions prefixed ids."""
    version = PagePath.parse(src_uri)
    words = labels(lang)
    parts = []
    for text_lang in shown_versions(lang, meta):
        rel = version.with_lang(text_lang).path
        text = corpus.text(rel)
        if text is None:
            raise BuildProblem(f"{src_uri}: languages_available names {text_lang}, but "
                               f"{corpus.docs / rel} is missing")
        body = link_markdown(text.body, corpus.links[rel], src_uri, lang).strip("\n")
        parts.append(templates.render(
            TEXT_VERSION, text_lang=text_lang, text_dir=direction(text_lang), lang=lang, dir=direction(lang),
            label=f'{words["text_in"]} {words["languages"].get(text_lang, text_lang)}',
            notes=[as_text(note) for note in text.meta.get("document_notes") or []],
            body=templates.markup(text_versions.footnote_keys(body, text_lang))))
    return "\n\n".join(parts) + "\n"


def search_words(lang: str) -> dict:
    """What the search box names its filters' values with (overrides/partials/search.html):
    the names of bodies, types and languages in ``lang``, and its digits.

    >>> search_words("ar")["digits"], search_words("fr")["type"]["decision"]
    ('٠١٢٣٤٥٦٧٨٩', 'Décision')
    """
    words = labels(lang)
    return {"body": words["bodies"], "type": words["types"], "language": words["languages"],
            "digits": pinpoints.digits("0123456789", lang)}


def header(corpus, lang: str, meta: dict, src_uri: str) -> dict:
    """What the templates show of a page beyond its text, given to them in the page's
    front matter (``page.meta.accord``, for any engine): the interface words, the
    languages and directions, the official copy, the site's root (where the search
    index and data/ are) and the file a reader would edit."""
    instrument = meta.get("instrument")
    page = PagePath.parse(src_uri)
    shown = shown_versions(lang, meta) if instrument else None
    text_lang = meta.get("language") if shown is None else None
    edited = page if shown is None else page.with_lang(shown[0])
    return {
        "labels": labels(lang),
        "search": search_words(lang),
        "lang": lang,
        "dir": direction(lang),
        "own_text": instrument is not None and shown is None,
        # the title field: where the page shows no text in the tree's language, and where
        # its own text's heading does not hold the instrument's title (a decision headed
        # by its number, a title the metadata gives): shown, and found by search
        "title_field": instrument is not None and (shown is not None or _title_not_in_heading(corpus, lang, meta, page)),
        "text_lang": text_lang,
        "text_dir": direction(text_lang),
        "official_url": official_url(meta.get("body"), meta.get("symbol"), lang) if instrument else None,
        "title_lang": corpus.instruments[instrument].title(lang)[1] if instrument else lang,
        "root": page.root_path(lang),
        "page_key": page.key,
        "search_title": _full_title(corpus, lang, meta, page.key) if instrument else None,
        # the tab title of the home page: its catalogue, not "Accord - Accord"
        "tab_title": labels(lang)["catalogue_title"] if meta.get("catalogue") else None,
        "articles": article_navigation(corpus, lang, meta, page),
        "filters": search_filters(meta, text_lang, shown) if instrument else None,
        # dates and numbers as the interface language writes them (accord/local_forms.py)
        "shown": {"date": date_shown(meta.get("date"), lang), "session": number_shown(meta.get("session"), lang),
                  "agenda_item": number_shown(meta.get("agenda_item"), lang)},
        "source": edited.path,
    }


def _title_not_in_heading(corpus, lang: str, meta: dict, page: PagePath) -> bool:
    """Is an instrument's title in ``lang`` missing from the heading of its page's own text
    (the ``title`` the normalizer read from the text)? An article's heading is its own."""
    if page.article is not None:
        return False
    title = corpus.instruments[meta["instrument"]].title(lang)[0]
    return bool(title) and " ".join(str(title).split()) not in " ".join(str(meta.get("title") or "").split())


def search_filters(meta: dict, text_lang, shown) -> dict:
    """The values an instrument page gives search's filters (overrides/main.html), the
    same in every tree (codes: the search box names them in the interface language):
    issuing body, type, year, and the language of each text the page shows."""
    date = str(meta.get("date") or "")
    return {"body": meta.get("body"), "type": meta.get("type"), "year": date[:4] if date[:4].isdigit() else None,
            "language": [text_lang] if shown is None else list(shown)}


def article_navigation(corpus, lang: str, meta: dict, here: PagePath):
    """What an article's page shows to move about its agreement (partials/article-nav.html):
    the agreement (breadcrumb), the previous and next articles, the list of them all;
    None on any other page. Links are relative to the page (directory URLs)."""
    if meta.get("article") is None or not meta.get("instrument"):
        return None
    inst = corpus.instruments[meta["instrument"]]
    title, title_lang = inst.title(lang)

    def entry(key):
        heading, heading_lang = inst.article_title(key, lang)
        return {"url": here.link_to(PagePath.parse(key)), "title": heading, "lang": heading_lang,
                "dir": direction(heading_lang), "current": key == here.key}
    articles = [entry(key) for key in inst.article_keys()]
    position = next((i for i, item in enumerate(articles) if item["current"]), None)
    return {"agreement": {"url": here.link_to(PagePath.parse(inst.page)), "title": title, "lang": title_lang,
                          "dir": direction(title_lang)},
            "articles": articles,
            "previous": articles[position - 1] if position else None,
            "next": articles[position + 1] if position is not None and position + 1 < len(articles) else None}


def _full_title(corpus, lang: str, meta: dict, key: str) -> str:
    """The title of an instrument's page in ``lang`` (by the one rule), an article's
    heading before its agreement's title: the tab title, and what search results and
    the header show."""
    inst = corpus.instruments[meta["instrument"]]
    title = inst.title(lang)[0]
    if meta.get("article") is None:
        return title
    return f"{inst.article_title(key, lang)[0] or meta.get('title')} · {title}"


def language_links(trees, src_uri: str, lang: str) -> list[dict]:
    """The language selector of a page in the tree of ``lang``: the same page in every
    language tree (every page is in every tree), as links from this page; ``trees``:
    [(code, name)] of every tree the site has, whichever of them this build writes (a
    build of some trees, `make site LANGS=...`, links the others as the whole build does).

    >>> trees = [("en", "English"), ("ar", "العربية")]
    >>> [link["href"] for link in language_links(trees, "instruments/a-res-71-19.zh.md", "ar")]
    ['../../../instruments/a-res-71-19/', './']
    >>> [link["href"] for link in language_links(trees, "index.md", "en")]
    ['./', 'ar/']
    """
    here = PagePath.parse(src_uri)
    root = here.root_path(lang)
    return [{"lang": code, "name": name, "href": "./" if code == lang else (root + here.tree_url(code)) or "./"}
            for code, name in trees]


def not_found(lang: str, base: str, tree_langs) -> dict:
    """What the 404 page of the tree of ``lang`` shows (overrides/404.html): its words,
    the tree's home (the catalogue) and every tree's home, from ``base``, the site's
    root as the server sees it (a 404 page answers for any address, so its links are
    absolute)."""
    base = base.rstrip("/") + "/"

    def home(code):
        return base if code == DEFAULT_LANGUAGE else f"{base}{code}/"
    return {"labels": labels(lang), "search": search_words(lang), "lang": lang, "dir": direction(lang),
            "root": home(lang), "not_found": True,
            "homes": [{"lang": code, "href": home(code)} for code in tree_langs]}


# --------------------------------------------------------------------------- cited by


def cited_by_html(corpus, lang: str, src_uri: str, links=URL_LINKS) -> str:
    """The "Cited by" block of a page, from overrides/partials/cited-by.html, or "" where
    no other page cites it."""
    here = PagePath.parse(src_uri)
    key = here.key
    entries: dict = {}
    for edge in corpus.graph.citing(key):
        if edge["from_page"] == key:
            continue
        url = links.page(here, PagePath.parse(edge["from_page"]))
        entry = entries.setdefault(edge["from_page"], _cited_by_entry(corpus, edge, lang, url))
        para = edge["from_paragraph"]
        if para and para not in [p["id"] for p in entry["paragraphs"]]:
            entry["paragraphs"].append({"id": para, "url": f"{url}#{para}", "words": pinpoints.in_words(
                para, lang, labels(lang)["reader"]["cite"])})
    if not entries:
        return ""
    return templates.render(CITED_BY, cited_by=[entries[k] for k in sorted(entries)],
                            label=labels(lang).get("cited_by", "Cited by"), lang=lang, dir=direction(lang),
                            separator=labels(lang)["list_separator"])


def _cited_by_entry(corpus, edge: dict, lang: str, url: str) -> dict:
    inst = corpus.instruments[edge["from"]]
    title, title_lang = inst.title(lang)
    part, part_lang = inst.article_title(edge["from_page"], lang)
    return {"instrument": inst.id, "title": title, "lang": title_lang, "dir": direction(title_lang),
            "part": part, "part_lang": part_lang, "part_dir": direction(part_lang),
            "symbol": inst.symbol, "url": url, "paragraphs": []}


# --------------------------------------------------------------------------- the graph page

ROW = 34            # vertical distance between two nodes of a column, in SVG units
LEFT_X, RIGHT_X, TOP = 330, 690, 30


def _short(text: str, limit: int = 44) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def graph_picture(corpus, lang: str, src_uri: str, links=URL_LINKS, instruments=None) -> dict:
    """Positions of the citation graph for overrides/partials/citation-graph.html: the
    instruments shown (``instruments``, by default every one) on the left, in the
    catalogue's order, the documents they cite on the right: this library's instruments
    not shown on the left, then the documents elsewhere; an edge per citing instrument and
    cited node, with its count."""
    here = PagePath.parse(src_uri)
    instruments = corpus.catalogue() if instruments is None else instruments
    shown_ids = {inst.id for inst in instruments}
    edges_found = [e for e in corpus.graph.edges if e["from"] in shown_ids]
    counts = {}
    for edge in edges_found:
        counts[(edge["from"], edge["to"])] = counts.get((edge["from"], edge["to"]), 0) + 1

    def node(inst, x, y):
        title, title_lang = (inst.symbol, lang) if inst.symbol else inst.title(lang)
        return {"x": x, "y": y, "label": _short(title), "url": links.page(here, PagePath.parse(inst.page)),
                "id": inst.id, "lang": title_lang, "external": False}

    left = {inst.id: node(inst, LEFT_X, TOP + row * ROW) for row, inst in enumerate(instruments)}
    cited = sorted({to for (_, to) in counts if to not in left},
                   key=lambda to: (to not in corpus.instruments, to))
    right = {}
    for row, target in enumerate(cited):
        y = TOP + row * ROW
        if target in corpus.instruments:
            right[target] = node(corpus.instruments[target], RIGHT_X, y)
            continue
        template = DECISION_URL if target.startswith("A/DEC/") else OFFICIAL_URL
        right[target] = {"x": RIGHT_X, "y": y, "label": target, "url": template.format(lang=lang, symbol=target),
                         "id": target, "lang": "en", "external": True}
    edges = []
    for (source, target), count in sorted(counts.items()):
        if source == target:
            continue            # an article citing another article of the same instrument
        a = left.get(source)
        b = left.get(target) or right.get(target)
        if a is None or b is None:
            continue
        edges.append({"x1": a["x"], "y1": a["y"], "x2": b["x"], "y2": b["y"], "count": count,
                      "internal": target in left, "bend": a["x"] + 50 + abs(a["y"] - b["y"]) // 2})
    height = TOP + max(len(left), len(right), 1) * ROW
    return {"left": list(left.values()), "right": list(right.values()), "edges": edges, "height": height,
            "width": RIGHT_X + 260}


def graph_page_markdown(corpus, lang: str, src_uri: str, links=URL_LINKS, meta=None) -> str:
    """A page of the citation graph: the instruments of every body's first part (the
    list's own page) or of one part (accord/listing.py), and the links to the parts."""
    words = labels(lang)
    meta = meta if meta is not None else {"citation_graph": True}
    graph = graph_picture(corpus, lang, src_uri, links, listing.shown(corpus, meta))
    picture = templates.render(GRAPH, graph=graph, labels=words, lang=lang, dir=direction(lang),
                               groups=_listing_groups(corpus, lang, src_uri, meta, links))
    title = listing_title(lang, *listing.part_of(meta))
    return f"# {title}\n\n{words.get('graph_intro', '')}\n\n" + picture + "\n"
