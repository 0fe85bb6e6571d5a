"""Build the search index: one Pagefind bundle per language, after `mkdocs build`.

    python -m scripts.build_search site

Why not a single ``python -m pagefind --site site``? One run writes one bundle whose
pagefind.js loads only the index of the current page's ``<html lang>``, with that
language's WebAssembly (stemmer, normaliser); ``mergeIndex`` searches merged indexes
with the primary's WebAssembly. Arabic folding (hamza and alef forms, ta marbuta, alef
maqsura, diacritics, tatweel, Arabic-Indic digits) lives in Pagefind's Arabic module,
Chinese segmentation in its own: each language needs its own bundle, found from every
language tree. overrides/assets/javascripts/pagefind-search.js loads every bundle
listed in ``pagefind/languages.json`` and searches them in parallel.

Only pages with a ``data-pagefind-body`` element are indexed: overrides/main.html puts
it on every instrument page, around its header (metadata in the tree's language) and its
text; the versions a tree shows in other languages are excluded (``.text-version``), so
a reader of any tree finds every instrument by its metadata in that tree's language, and
each text is indexed once, in its own language's bundle.

Beside the bundles, a table of document symbols, ``pagefind/symbols/<shard>.json``: a
query that is one symbol (A/RES/71/19) finds the document bearing it there, whatever
Pagefind's rank for it among the pages that cite it or share its parts (at 1,000
instruments the real CTOC/COP/WG.3/2024/1 was past the first 20). Sharded by the last two
characters of the symbol's key, so a lookup downloads a few entries, not the corpus.
(Pagefind's own filters would do it, but their index differs from one build to the next.)

One copy of the Pagefind runtime: every bundle's pagefind.js is the same file (the
build fails if not), kept once as ``pagefind/pagefind.js``; pagefind-search.js imports it
once per bundle it searches (``pagefind.js#ar``: one download, a module of its own, so
each language keeps its own WebAssembly, which Pagefind holds module-wide). What Accord
does not load is not published: Pagefind's UIs, its worker, its highlighter, and the
``wasm.unknown`` module beside a language's own.

The search's filters (issuing body, type, year, language of the text) read tables of
their own beside each bundle, ``pagefind/<lang>/facets/<filter>/<value>.json``: the
fragments (Pagefind's ids of the pages) that have that value, from the fragments' meta
(overrides/main.html), and ``facets.json``, how many pages have each value. Pagefind's own
filters would do it, but its filter chunks and metadata are written from hash maps, in
another order at every build (a TODO in its source), and Accord's builds are identical.

Each bundle is indexed by the Pagefind command (the pinned pagefind package's binary) from
its language tree on disk: handing it the pages one at a time through its Python API
waits about 0.1 s per page (its response polling), 4 minutes at 1,000 instruments, and
its service may be closed before it has written every file.

A bundle cannot ship broken: every file Pagefind wrote is read back whole (each is
gzip with Pagefind's signature; a file cut short fails its CRC), and each bundle answers
one query with Pagefind's own runtime under Node (scripts/pagefind_query.mjs): words of
one of its pages must find that page. Either failing stops the build.
"""
import gzip
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import lxml.html

from accord.library import SCRIPTS

BUNDLE_DIR = "pagefind"
# Parts of the indexed block that are neither the text nor its metadata: Material's edit
# button, paragraph permalinks (¶), the header's labels, downloads and links, the versions
# of other languages than the tree's (each indexed in its own tree).
EXCLUDE_SELECTORS = [".md-source-file", ".md-content__button", ".md-tags", ".md-feedback", ".headerlink",
                     ".instrument-header dt", ".instrument-header a", ".instrument-header__supplied",
                     ".text-version"]
# The language of a page, as Pagefind itself would detect it: '<html lang="zh">'
HTML_LANG = re.compile(r"<html[^>]*\blang=\"([^\"]+)\"", re.I)
# A page showing its own text, in the tree's language (overrides/main.html), not versions
# in others: the bundle holds a text, not the metadata alone.
OWN_TEXT = re.compile(r"<div class=\"instrument-text\"")
SYMBOLS_DIR = "symbols"
RUNTIME = "pagefind.js"
# What a bundle keeps of what Pagefind writes (beside its wasm.<language>.pagefind): the
# entry, the metadata, the index and fragment chunks.
BUNDLE_KEEPS = ("pagefind-entry.json", "index", "fragment")
# The filters' tables: the pages' meta they read, the form of a value (a code, a file name).
FACETS = ("body", "type", "year", "language")
FACET_VALUE = re.compile(r"[a-z0-9][a-z0-9-]*")
COMPRESSED = b"pagefind_dcd"          # what a Pagefind file starts with, once gunzipped
PAGEFIND_FILES = (".pf_meta", ".pf_index", ".pf_fragment", ".pagefind")
QUERY_SCRIPT = Path(__file__).with_name("pagefind_query.mjs")
# A word of a page's text that a probe query may use: letters of any script, no digits
PROBE_WORD = re.compile(r"[^\W\d_]{2,}")


def symbol_key(symbol):
    """The lookup key of a symbol; pagefind-search.js computes the same:
    'A/RES/71/19' -> 'ares7119'."""
    return re.sub(r"[^a-z0-9]+", "", symbol.lower())


def symbol_entry(html, url, lang):
    """(key, {symbol, url, lang, title, page}) of an indexed page with a symbol line, else
    None. The title is the text's first heading; ``page`` the page whatever its tree, as
    the page gives it to Pagefind (data-page)."""
    tree = lxml.html.fromstring(html)
    for link in tree.xpath('//*[contains(concat(" ", normalize-space(@class), " "), " headerlink ")]'):
        link.drop_tree()
    body = tree.xpath("//*[@data-pagefind-body]")
    symbols = body[0].xpath('.//p[@id="symbol"]') if body else []
    symbol = symbols[0].text_content().strip() if symbols else ""
    if not symbol_key(symbol):
        return None
    headings = body[0].xpath(".//h1")
    title = headings[0].text_content().strip() if headings else symbol
    return symbol_key(symbol), {"symbol": symbol, "url": url, "lang": lang, "title": title,
                                "page": body[0].get("data-page") or url}


def write_symbols(site, found):
    """pagefind/symbols/<last two characters of the key>.json: {key: [entries]}, from
    the (key, entry) pairs collect() found."""
    shards = {}
    for key, entry in found:
        shards.setdefault(key[-2:], {}).setdefault(key, []).append(entry)
    folder = site / BUNDLE_DIR / SYMBOLS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for shard, table in sorted(shards.items()):
        for entries in table.values():
            entries.sort(key=lambda e: (e["url"], e["lang"]))
        (folder / f"{shard}.json").write_text(json.dumps(table, ensure_ascii=False, sort_keys=True),
                                              encoding="utf-8")
    return sum(len(table) for table in shards.values()), len(shards)


def page_url(rel):
    """The URL of a built page: 'zh/instruments/x/index.html' -> '/zh/instruments/x/'."""
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def language_trees(site):
    """The folders of the language trees other than the default one: those whose home
    page is in the language the folder is named after (zh/index.html is <html lang="zh">)."""
    found = set()
    for entry in site.iterdir():
        home = entry / "index.html"
        if entry.is_dir() and home.exists():
            match = HTML_LANG.search(home.read_text(encoding="utf-8"))
            if match and match.group(1).split("-")[0].lower() == entry.name:
                found.add(entry.name)
    return found


def collect(site):
    """Indexable pages grouped by language tree, and the symbols they bear:
    ({tree: (lang, [rel], texts)}, [(key, entry)]), tree "" for the default language at the
    root, else the tree's folder ("zh"); ``texts``: how many of its pages show their own
    text. Every indexable page of a tree must have the same <html lang>: the bundle is
    built for that language. Each page is read once."""
    out = site / BUNDLE_DIR
    folders = language_trees(site)
    trees, symbols = {}, []
    for path in sorted(site.rglob("*.html")):
        if out in path.parents:
            continue
        html = path.read_text(encoding="utf-8")
        if "data-pagefind-body" not in html:
            continue
        match = HTML_LANG.search(html)
        lang = (match.group(1) if match else "unknown").split("-")[0].lower()
        rel = path.relative_to(site).as_posix()
        top = rel.split("/", 1)[0]
        tree = top if top in folders and "/" in rel else ""
        tree_lang, pages, texts = trees.setdefault(tree, (lang, [], []))
        if lang != tree_lang:
            raise SystemExit(f"error: {rel}: <html lang=\"{lang}\"> in the {tree_lang} tree "
                             f"({pages[0]} is {tree_lang}): one search bundle per language tree")
        pages.append(rel)
        if OWN_TEXT.search(html):
            texts.append(rel)
        found = symbol_entry(html, page_url(rel), lang)
        if found:
            symbols.append(found)
    return {tree: (lang, pages, len(texts)) for tree, (lang, pages, texts) in trees.items()}, symbols


def tree_glob(site, tree):
    """The files of one language tree, as a Pagefind (Wax) glob relative to the site."""
    if tree:
        return f"{tree}/**/*.html"
    folders = language_trees(site)
    tops = sorted(entry.name for entry in site.iterdir()
                  if entry.name not in folders and entry.name != BUNDLE_DIR
                  and (entry.is_dir() or entry.name.endswith(".html")))
    return "{" + ",".join(f"{name}/**/*.html" if (site / name).is_dir() else name for name in tops) + "}"


def index_tree(site, tree, lang, out):
    """One language tree -> its bundle at ``out/<lang>``: the Pagefind command, configured
    by a pagefind.json in a folder of its own; (page count Pagefind indexed). The command
    returns once every file is written (the Python API's service could be closed while
    it still wrote: a bundle's entry file was left empty on a loaded machine)."""
    config = {"site": str(site), "glob": tree_glob(site, tree), "force_language": lang,
              "output_path": str(out / lang), "exclude_selectors": EXCLUDE_SELECTORS, "quiet": True}
    with tempfile.TemporaryDirectory(prefix="accord-pagefind-") as folder:
        (Path(folder) / "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
        result = subprocess.run([sys.executable, "-m", "pagefind"], cwd=folder, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"error: Pagefind failed on the {lang} tree: {result.stderr.strip() or result.stdout.strip()}")
    entry = json.loads((out / lang / "pagefind-entry.json").read_text(encoding="utf-8"))
    return entry["languages"][lang]["page_count"]


def fragments(folder):
    """(id, data) of every fragment of a bundle, in id order: Pagefind's page data,
    gzipped JSON after its signature."""
    for path in sorted((folder / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        if not raw.startswith(COMPRESSED):
            raise SystemExit(f"error: {path}: not a Pagefind fragment")
        yield path.stem, json.loads(raw[len(COMPRESSED):])


def write_facets(folder):
    """The filters' tables of a bundle (see above); -> the number of tables."""
    tables = {facet: {} for facet in FACETS}
    for ident, data in fragments(folder):
        meta = data.get("meta") or {}
        for facet in FACETS:
            for value in (meta.get(facet) or "").split():
                if not FACET_VALUE.fullmatch(value):
                    raise SystemExit(f"error: {folder}: {data.get('url')}: {facet} {value!r} is no code")
                tables[facet].setdefault(value, []).append(ident)
    for facet, values in tables.items():
        for value, idents in values.items():
            target = folder / "facets" / facet / f"{value}.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(idents), encoding="utf-8")
    counts = {facet: {value: len(idents) for value, idents in sorted(values.items())} for facet, values in tables.items()}
    (folder / "facets.json").write_text(json.dumps(counts, sort_keys=True), encoding="utf-8")
    return sum(len(values) for values in tables.values())


def share_runtime(out, langs):
    """Keep one copy of the runtime, ``out/pagefind.js``, and in each bundle only what
    pagefind-search.js loads (BUNDLE_KEEPS, the metadata, its language's WebAssembly);
    -> the runtime's size. The bundles' copies must be the same file."""
    copies = {lang: (out / lang / RUNTIME).read_bytes() for lang in langs}
    if len(set(copies.values())) > 1:
        raise SystemExit(f"error: {out}: the bundles' {RUNTIME} differ: one Pagefind for every bundle")
    for lang in langs:
        folder = out / lang
        wasm = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"][lang]["wasm"]
        keep = set(BUNDLE_KEEPS) | {f"wasm.{wasm or 'unknown'}.pagefind"}
        for entry in folder.iterdir():
            if entry.name in keep or entry.name.endswith(".pf_meta"):
                continue
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    runtime = next(iter(copies.values()), b"")
    (out / RUNTIME).write_bytes(runtime)
    return len(runtime)


def verify_files(folder):
    """Every file of a bundle read back whole: gzip with Pagefind's signature (a file cut
    short fails); -> how many. The entry file must parse."""
    json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    count = 0
    for path in sorted(folder.rglob("*")):
        if path.suffix not in PAGEFIND_FILES:
            continue
        try:
            raw = gzip.decompress(path.read_bytes())
        except (OSError, EOFError) as error:
            raise SystemExit(f"error: {path}: not a whole Pagefind file ({error}): the index was not written in full")
        if not raw.startswith(COMPRESSED):
            raise SystemExit(f"error: {path}: not a Pagefind file")
        count += 1
    return count


def probe(folder, lang):
    """A query that must find a page of the bundle: two words from the middle of the text
    of its longest page (the first in id order among equals); {lang, query, url}."""
    best = None
    for ident, data in fragments(folder):
        if best is None or data.get("word_count", 0) > best.get("word_count", 0):
            best = data
    words = PROBE_WORD.findall((best or {}).get("content", ""))
    if not words:
        raise SystemExit(f"error: {folder}: no page with words to search")
    middle = len(words) // 2
    return {"lang": lang, "query": " ".join(words[middle:middle + 2]), "url": best["url"]}


def check_queries(site, langs):
    """Each bundle answers its probe with Pagefind's runtime (Node); -> the probes' results."""
    node = shutil.which("node")
    if node is None:
        raise SystemExit("error: node not found: the search index is checked with Pagefind's runtime under Node.js")
    probes = [probe(site / BUNDLE_DIR / lang, lang) for lang in langs]
    result = subprocess.run([node, str(QUERY_SCRIPT), str(site)], input=json.dumps(probes),
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"error: the search index could not be queried: {result.stderr.strip()[-2000:]}")
    answers = json.loads(result.stdout)
    for answer in answers:
        if not answer["found"]:
            raise SystemExit(f"error: {BUNDLE_DIR}/{answer['lang']}/: {answer['query']!r} found "
                             f"{answer['results']} page(s), not {answer['url']}, whose words they are")
    return answers


def build(site):
    site = Path(site).resolve()
    out = site / BUNDLE_DIR
    if out.exists():
        shutil.rmtree(out)
    manifest = {"runtime": RUNTIME, "languages": {}}
    trees, symbols = collect(site)
    for tree, (lang, pages, texts) in sorted(trees.items(), key=lambda item: item[1][0]):
        indexed = index_tree(site, tree, lang, out)
        if indexed != len(pages):
            raise SystemExit(f"error: {out / lang}: Pagefind indexed {indexed} page(s) of the "
                             f"{lang} tree, {len(pages)} expected")
        manifest["languages"][lang] = {"pages": len(pages), "texts": texts, "bundle": f"{lang}/",
                                       "script": SCRIPTS.get(lang)}
        print(f"pagefind bundle {BUNDLE_DIR}/{lang}/: {len(pages)} page(s), {texts} with a text in {lang}")
    size = share_runtime(out, manifest["languages"])
    for lang in manifest["languages"]:
        print(f"pagefind bundle {BUNDLE_DIR}/{lang}/: {verify_files(out / lang)} file(s) read back whole")
    for lang in manifest["languages"]:
        print(f"search filters {BUNDLE_DIR}/{lang}/facets/: {write_facets(out / lang)} value(s)")
    print(f"pagefind runtime {BUNDLE_DIR}/{RUNTIME}: {size} bytes, one for {len(manifest['languages'])} bundle(s)")
    count, shards = write_symbols(site, symbols)
    print(f"symbol table {BUNDLE_DIR}/{SYMBOLS_DIR}/: {count} symbol(s) in {shards} shard(s)")
    (out / "languages.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True),
                                        encoding="utf-8")
    for answer in check_queries(site, manifest["languages"]):
        print(f"search check {BUNDLE_DIR}/{answer['lang']}/: {answer['query']!r} finds "
              f"{answer['url']} among {answer['results']} page(s)")
    return manifest


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    site = Path(argv[0] if argv else "site")
    if not (site / "index.html").exists():
        print(f"error: {site}/index.html not found: build the site first (mkdocs build)", file=sys.stderr)
        return 1
    build(site)
    return 0


if __name__ == "__main__":
    sys.exit(main())
