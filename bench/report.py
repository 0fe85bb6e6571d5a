"""The benchmark report: docs/benchmark/index.md (tables, floors, machine) and bench.png.

    python -m bench.report [/tmp/accord-bench/results.json] [docs/benchmark]

The plot is an SVG drawn here and rasterised by Chromium (Playwright), the browser the
benchmark already uses, so the report needs no plotting library.
"""
import html
import math
import sys
from pathlib import Path

KB = 1024
ROOT = Path(__file__).resolve().parent.parent
FLOOR_PAGE_KB = 60
FLOOR_SEARCH_KB = 300
FLOOR_MS = 500
FLOOR_REBUILD_S = 1.5          # "rebuilds a page in about a second", with the watcher's delay
# Issue 15's floors: what a reader downloads, the site's size, the build's CPU time.
FLOOR_COLD_VIEW_KB = 100       # a cold view of any page, as served (gzip)
FLOOR_LARGEST_PAGE_KB = 100    # the largest HTML page
FLOOR_SITE_KB_PER_INSTRUMENT = 200
FLOOR_TYPED_SEARCH_KB = 150    # before the first result, typed key by key, as served
FLOOR_TYPED_MS = 300
FLOOR_BUILD_MS_PER_PAGE = 5.0  # the whole `make site`, CPU
FLOOR_SERVE_S = 0.5


# --------------------------------------------------------------------------- figures

def _sizes(data):
    return sorted((int(n), v) for n, v in data.get("sizes", {}).items())


def full_build(entry, which="site", field="seconds"):
    """Seconds of a full build: mkdocs build (+ the Pagefind index for the site);
    ``field`` "cpu_seconds" for the CPU time (None where not recorded)."""
    if which == "site":
        b, s = entry.get("build") or {}, entry.get("build_search") or {}
        if b.get("returncode") == 0 and s.get("returncode") == 0 and field in b and field in s:
            return b[field] + s[field]
        return None
    d = entry.get("default_build") or {}
    return d.get(field) if d.get("returncode") == 0 else None


QUERIES = ("zh", "ar", "symbol-ga", "symbol-ctoc", "symbol-real")   # bench/run.py queries()


def search_fig(entry, key, field, names=QUERIES):
    """Worst (largest) value of ``field`` over the queries (every one by default)."""
    search = entry.get(key) or {}
    values = [search[q].get(field) for q in names if q in search and field in search[q]]
    if not values or any(v is None for v in values):
        return None
    return max(values)


def behaviours(entry, key):
    search = entry.get(key) or {}
    if not search:
        return None, None
    return sum(1 for q in search.values() if q["behaviour"]["ok"]), len(search)


# --------------------------------------------------------------------------- floors

def check_floors(data):
    """[{name, pass, detail}] for the floors of issue 6, on the sizes measured."""
    sizes = _sizes(data)
    floors = []
    if not sizes:
        return floors
    (n0, first), (nl, last) = sizes[0], sizes[-1]

    def add(name, ok, detail):
        floors.append({"name": name, "pass": bool(ok), "detail": detail})

    site, dsite = last.get("site"), last.get("default_site")
    if site:
        med = site["page_median_bytes"] / KB
        dmed = f"{dsite['page_median_bytes'] / KB:.1f} KB" if dsite else "not measured"
        add(f"median page HTML under {FLOOR_PAGE_KB} KB at {nl} instruments", med < FLOOR_PAGE_KB,
            f"{med:.1f} KB (default configuration: {dmed})")
    if site and first.get("site") and n0 != nl:
        a, b = first["site"]["page_median_bytes"], site["page_median_bytes"]
        change = (b - a) / a * 100
        da = (first.get("default_site") or {}).get("page_median_bytes")
        db = (dsite or {}).get("page_median_bytes")
        dchange = f"{(db - da) / da * 100:+.0f}%" if da and db else "not measured"
        add(f"median page the same within 10% at {n0} and {nl} instruments", abs(change) <= 10,
            f"{a / KB:.1f} KB -> {b / KB:.1f} KB ({change:+.1f}%; default configuration: {dchange})")
    field = "cpu_seconds" if all(full_build(e, field="cpu_seconds") for _, e in sizes[-2:]) else "seconds"
    kind = "CPU time" if field == "cpu_seconds" else "wall time"
    built = [(n, e["site"]["pages"], full_build(e, field=field)) for n, e in sizes
             if e.get("site") and full_build(e, field=field)]
    if len(built) >= 2:
        (_, pa, ta), (_, pb, tb) = built[-2], built[-1]
        exponent = math.log(tb / ta) / math.log(pb / pa)
        per_a, per_b = ta / pa * 1000, tb / pb * 1000
        wall = [full_build(e) for _, e in sizes[-2:]]
        dba = [(n, (e.get("default_site") or {}).get("pages"), full_build(e, "default")) for n, e in sizes]
        dtext = "; ".join(f"{n}: {t:.0f} s for {p} pages" for n, p, t in dba if t and p) or "not measured"
        add(f"full build time grows at most linearly with pages rendered ({pa} -> {pb} pages)",
            exponent <= 1.1,
            f"{kind} {ta:.1f} s -> {tb:.1f} s, {per_a:.1f} -> {per_b:.1f} ms per page, growth exponent "
            f"{exponent:.2f} (1 = linear, tolerance 1.1; wall time {_s(wall[0])} s -> {_s(wall[1])} s; "
            f"default configuration, wall: {dtext})")
    raw = search_fig(last, "search", "search_bytes")
    gz = search_fig(last, "search", "search_gzip_bytes")
    if raw is not None:
        draw = search_fig(last, "default_search", "search_bytes")
        dgz = search_fig(last, "default_search", "search_gzip_bytes")
        dtext = f"{draw / KB:,.0f} KB ({dgz / KB:,.0f} KB gzip)" if draw else "not measured"
        add(f"search downloads under {FLOOR_SEARCH_KB} KB before the first result at {nl} instruments "
            "(as served, uncompressed)", raw < FLOOR_SEARCH_KB * KB,
            f"{raw / KB:.0f} KB; {gz / KB:.0f} KB if the server compresses with gzip "
            f"({'PASS' if gz < FLOOR_SEARCH_KB * KB else 'FAIL'} that way); lunr: {dtext}")
        raw0 = search_fig(first, "search", "search_bytes")
        if raw0 and n0 != nl:
            each = []
            for q in QUERIES:
                a = ((first.get("search") or {}).get(q) or {}).get("search_bytes")
                b = ((last.get("search") or {}).get(q) or {}).get("search_bytes")
                if a and b:
                    each.append(f"{q} {(b - a) / a * 100:+.0f}%")
            add(f"search download does not grow with the corpus ({n0} -> {nl} instruments; "
                "worst query, within 15%)",
                raw <= raw0 * 1.15, f"{raw0 / KB:.0f} KB -> {raw / KB:.0f} KB "
                f"({(raw - raw0) / raw0 * 100:+.0f}%); each query: {', '.join(each)}")
    ms = search_fig(last, "search", "ms_to_first_result")
    if (last.get("search") or {}):
        dms = search_fig(last, "default_search", "ms_to_first_result")
        warm = search_fig(last, "search", "warm_ms", ("zh", "ar"))
        add(f"first result within {FLOOR_MS} ms of the last keystroke at {nl} instruments (cold: "
            "page just loaded, search box just focused)", ms is not None and ms < FLOOR_MS,
            f"{ms:.0f} ms, the worst of the five queries (Chinese and Arabic: median of "
            f"{search_fig(last, 'search', 'ms_to_first_result', ('zh', 'ar')):.0f} ms over the repeats)"
            if ms is not None else "no result",
            )
        floors[-1]["detail"] += (f"; with the search already loaded: {warm:.0f} ms" if warm is not None else "")
        floors[-1]["detail"] += (f"; lunr: {dms:.0f} ms" if dms is not None else
                                 "; lunr: no result for one of them" if last.get("default_search")
                                 else "; lunr: not measured")
    served = serve_figure(last, "accord")
    if served is not None:
        own, every = served.get("edit_to_page_s"), served.get("edit_to_all_trees_s")
        default = serve_figure(last, "mkdocs")
        dtext = (f"{default['edit_to_page_s']:.1f} s" if default and "edit_to_page_s" in default
                 else default.get("error", "not measured") if default else "not measured")
        add(f"`make serve` shows an edited page in about a second at {nl} instruments (under "
            f"{FLOOR_REBUILD_S} s from saving to the page served in all six language trees)",
            every is not None and every < FLOOR_REBUILD_S,
            (f"{own:.2f} s in its own tree, {every:.2f} s in all six (median of {served.get('edits')} "
             f"edits; the rebuild itself {served.get('rebuild_s', 0):.2f} s); `mkdocs serve`: {dtext}")
            if every is not None else served.get("error", "not measured"))
    every = []
    for n, e in sizes:
        ok, total = behaviours(e, "search")
        if total:
            every.append((n, ok, total))
    if every:
        add("search keeps the site's behaviours at every size (Chinese 2 characters -> a paragraph, "
            "Arabic without hamza, symbols as typed ranked first)",
            all(ok == total for _, ok, total in every),
            "; ".join(f"{n}: {ok}/{total}" for n, ok, total in every) + " (lunr: " + "; ".join(
                f"{n}: {behaviours(e, 'default_search')[0]}/{behaviours(e, 'default_search')[1]}"
                for n, e in sizes if e.get("default_search")) + ")")
    return floors + scale_floors(sizes)


def scale_floors(sizes):
    """Issue 15's floors on the sizes measured: [{name, pass, detail}]."""
    floors = []

    def add(name, ok, detail):
        floors.append({"name": name, "pass": bool(ok), "detail": detail})

    views = [(n, e["cold_views"]) for n, e in sizes if e.get("cold_views")]
    if views:
        worst = [(n, max(v.values(), key=lambda f: f["bytes"])) for n, v in views]
        failed = sum(len(f["failed"]) for _, v in views for f in v.values())
        add(f"a cold view of any page transfers at most {FLOOR_COLD_VIEW_KB} KB (gzip) and no request fails",
            all(f["bytes"] <= FLOOR_COLD_VIEW_KB * KB for _, f in worst) and not failed,
            "; ".join(f"{n}: {f['bytes'] / KB:.0f} KB ({f['path']})" for n, f in worst)
            + f"; {failed} failed request(s)")
        if len(views) >= 2:
            (n0, v0), (nl, vl) = views[0], views[-1]
            changes = {name: (vl[name]["bytes"] - v0[name]["bytes"]) / v0[name]["bytes"] * 100
                       for name in v0 if name in vl}
            add(f"each page's cold view within 10% from {n0} to {nl} instruments",
                all(abs(c) <= 10 for c in changes.values()),
                ", ".join(f"{name} {c:+.0f}%" for name, c in changes.items()))
    for n, e in sizes:
        site = e.get("site")
        if site and n >= 1000:
            per = site["site_bytes"] / n / KB
            add(f"site at most {FLOOR_SITE_KB_PER_INSTRUMENT} KB per instrument at {n} instruments",
                per <= FLOOR_SITE_KB_PER_INSTRUMENT, f"{site['site_bytes'] / 1e6:.0f} MB, {per:.0f} KB per instrument")
            add(f"largest HTML page at most {FLOOR_LARGEST_PAGE_KB} KB at {n} instruments",
                site["page_max_bytes"] <= FLOOR_LARGEST_PAGE_KB * KB,
                f"{site['page_max_bytes'] / KB:.0f} KB ({site['page_max_path']})")
        made = e.get("make_site")
        if made and n >= 1000:
            add(f"the whole `make site` at most {FLOOR_BUILD_MS_PER_PAGE:.0f} ms of CPU per page at {n} instruments",
                made["cpu_ms_per_page"] <= FLOOR_BUILD_MS_PER_PAGE,
                f"{made['cpu_ms_per_page']:.1f} ms ({made['cpu_seconds']:.0f} s CPU for {made['pages']} pages: "
                + ", ".join(f"{name} {(e.get(name) or {}).get('cpu_seconds', 0):.0f} s"
                            for name in ("normalize", "build", "build_search", "check_links", "check_citations"))
                + ")")
        typed = e.get("search_typed")
        if typed:
            kb = max(q["search_gzip_bytes"] for q in typed.values()) / KB
            slow = [q["ms_to_first_result"] for q in typed.values()]
            ms = None if any(v is None for v in slow) else max(slow)
            add(f"search typed key by key: at most {FLOOR_TYPED_SEARCH_KB} KB before the first result and "
                f"the first result within {FLOOR_TYPED_MS} ms at {n} instruments",
                kb <= FLOOR_TYPED_SEARCH_KB and ms is not None and ms <= FLOOR_TYPED_MS,
                f"worst {kb:.0f} KB, {_s(ms)} ms; " + ", ".join(
                    f"{name} {q['search_gzip_bytes'] / KB:.0f} KB {_s(q['ms_to_first_result'])} ms"
                    for name, q in typed.items()))
        served = serve_figure(e, "accord")
        if served and n >= 5000 and served.get("edit_to_page_s") is not None:
            add(f"`make serve` shows an edit in at most {FLOOR_SERVE_S} s at {n} instruments",
                served["edit_to_page_s"] <= FLOOR_SERVE_S, f"{served['edit_to_page_s']:.2f} s")
    return floors


# --------------------------------------------------------------------------- Markdown

def _kb(value):
    return "–" if value is None else f"{value / KB:,.1f}"


def _s(value):
    return "–" if value is None else f"{value:,.1f}"


def _ms(entry, key, field="ms_to_first_result", names=QUERIES):
    search = entry.get(key) or {}
    parts = []
    for q in names:
        if q in search and field in search[q]:
            value = search[q].get(field)
            parts.append("not found" if value is None else f"{value:,.0f}")
    return " / ".join(parts) if parts else "not measured"


def _bytes(entry, key, field):
    search = entry.get(key) or {}
    parts = [_kb(search[q][field]) for q in QUERIES if q in search]
    return " / ".join(parts) if parts else "not measured"


def _behaviour(entry, key):
    search = entry.get(key) or {}
    if not search:
        return "not measured"
    return ", ".join(f"{name} {'✓' if q['behaviour']['ok'] else '✗ (' + q['behaviour']['why'] + ')'}"
                     for name, q in search.items())


def serve_figure(entry, server, dirty=False):
    """The edit-to-page figure of one server (``accord``: make serve; ``mkdocs``)."""
    for figure in entry.get("serve") or []:
        if figure.get("server", "mkdocs") == server and bool(figure.get("dirty")) == dirty:
            return figure
    return None


def _serve(e, server):
    """'own tree / all six trees' seconds, or why not."""
    parts = []
    for dirty in (False, True) if server == "mkdocs" else (False,):
        f = serve_figure(e, server, dirty)
        if f is None:
            if not dirty:
                parts.append("not measured at this size")
            continue
        if "edit_to_page_s" not in f:
            text = f.get("error", "–")
        else:
            every = (f"{f['edit_to_all_trees_s']:.2f}" if "edit_to_all_trees_s" in f
                     else f"never in the {f.get('stale_trees', '?')} other trees")
            text = f"{f['edit_to_page_s']:.2f} / {every}"
        parts.append(f"{text} (`--dirty`)" if dirty else text)
    return "; ".join(parts)


def size_table(n, e):
    site, dsite = e.get("site") or {}, e.get("default_site") or {}
    dbuild = e.get("default_build") or {}
    dnote = ""
    if e.get("default_languages") not in (None, "all"):
        dnote = f" ({', '.join(e['default_languages'])} tree only)"
    if dbuild.get("timed_out"):
        dnote += f" (stopped after {dbuild['seconds']:.0f} s)"
    rows = [
        ("Instruments (6 real + synthetic copies) / Markdown files",
         f"{e['instruments']} / {e.get('markdown_files', '–')}", "same docs/"),
        ("Normalize, s (first run / nothing changed)",
         f"{_s((e.get('normalize') or {}).get('seconds'))} / {_s((e.get('normalize_unchanged') or {}).get('seconds'))}",
         "same"),
        ("Full build, s wall (mkdocs build + search index)",
         f"{_s(full_build(e))} ({_s((e.get('build') or {}).get('seconds'))} + "
         f"{_s((e.get('build_search') or {}).get('seconds'))})",
         (f"{_s(full_build(e, 'default'))}" if full_build(e, "default") else
          f"not finished ({_s(dbuild.get('seconds'))} s)" if dbuild else "not measured") + dnote),
        ("… CPU time, s (user + system)", _s(full_build(e, field="cpu_seconds")),
         _s(full_build(e, "default", "cpu_seconds"))),
        ("Load average before the build (other work on the machine)",
         _s((e.get("build") or {}).get("load1")), _s(dbuild.get("load1"))),
        ("Pages rendered (HTML files, every language tree)", f"{site.get('pages', '–'):,}" if site else "–",
         f"{dsite['pages']:,}" if dsite else "–"),
        ("Site size, MB", f"{site['site_bytes'] / 1e6:,.1f}" if site else "–",
         f"{dsite['site_bytes'] / 1e6:,.1f}" if dsite else "–"),
        ("Median page HTML, KB", _kb(site.get("page_median_bytes")), _kb(dsite.get("page_median_bytes"))),
        ("Largest page HTML, KB", f"{_kb(site.get('page_max_bytes'))} (`{site.get('page_max_path', '')}`)",
         f"{_kb(dsite.get('page_max_bytes'))} (`{dsite.get('page_max_path', '')}`)" if dsite else "–"),
        ("Search index on disk, MB", f"{site.get('pagefind_bytes', 0) / 1e6:,.1f} (Pagefind, all bundles)"
         if site else "–",
         f"{dsite['lunr_index_bytes'] / 1e6:,.1f} (search_index.json; {dsite['lunr_index_gzip_bytes'] / 1e6:,.1f} gzip)"
         if dsite.get("lunr_index_bytes") else "–"),
        ("Search KB before the first result, zh / ar / symbols A/RES, CTOC, real CTOC (as served)", _bytes(e, "search", "search_bytes"),
         _bytes(e, "default_search", "search_bytes")),
        ("… the same if served with gzip", _bytes(e, "search", "search_gzip_bytes"),
         _bytes(e, "default_search", "search_gzip_bytes")),
        ("ms to first result, zh / ar / symbols A/RES, CTOC, real CTOC (cold)", _ms(e, "search"), _ms(e, "default_search")),
        ("ms to first result, zh / ar, search already loaded", _ms(e, "search", "warm_ms", ("zh", "ar")),
         _ms(e, "default_search", "warm_ms", ("zh", "ar"))),
        ("Search behaviours", _behaviour(e, "search"), _behaviour(e, "default_search")),
        ("Edit saved to page served, s: own language tree / all six (`make serve`; "
         "default: `mkdocs serve`)", _serve(e, "accord"), _serve(e, "mkdocs")),
        ("The whole `make site`, CPU ms per page (normalizer, build, search index, checks)",
         _s((e.get("make_site") or {}).get("cpu_ms_per_page")), "–"),
        ("Cold view, KB as served (gzip): " + ", ".join(e.get("cold_views") or {}),
         " / ".join(f"{f['bytes'] / KB:.0f}" for f in (e.get("cold_views") or {}).values()) or "–", "–"),
        ("Search typed key by key: KB before the first result (gzip) / ms from the last key, "
         + ", ".join(e.get("search_typed") or {}),
         " · ".join(f"{q['search_gzip_bytes'] / KB:.0f} / {_s(q['ms_to_first_result'])}"
                    for q in (e.get("search_typed") or {}).values()) or "–", "–"),
    ]
    parts = site.get("page_parts") or {}
    if parts:
        rows.append(("Where a page's bytes go (share of the HTML, on a sample of pages)",
                     "; ".join(f"{name} {share * 100:.0f}%" for name, share in parts.items()), "–"))
    folders = site.get("folder_bytes") or {}
    if folders:
        rows.append(("Where the site's bytes go, MB (top folders)",
                     "; ".join(f"{name} {size / 1e6:,.1f}" for name, size in list(folders.items())[:12]), "–"))
    out = [f"### {n:,} instruments", "",
           "| Measure | Accord (site configuration) | Stack default (full navigation, lunr) |",
           "|---|---|---|"]
    out += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    langs = e.get("default_languages")
    if langs not in (None, "all") and full_build(e, "default"):
        count = 6
        out += ["", f"At this size the stack default was built in the {', '.join(langs)} tree only (a full "
                f"build renders every page's navigation from the whole corpus); its figures are per tree, "
                f"its lunr index holds that tree only, and its build in all {count} languages would take "
                f"about {full_build(e, 'default') * count / len(langs):,.0f} s (that tree's time x {count}, "
                "an estimate, not a measurement)."]
    return "\n".join(out)


def markdown(data, floors):
    m = data.get("machine", {})
    sizes = _sizes(data)
    lines = [
        "# Scale benchmark",
        "",
        "How Accord behaves as the corpus grows to 1,000 instruments (5,000 on request: "
        "`make bench BENCH_SIZES=5000`), measured by "
        "`make bench` (`python -m bench.run`), with the stack's default configuration "
        "measured beside it in the same run. The corpora are **synthetic benchmark data**: "
        "the four real sources (six instruments, which pages of the site name) plus copies of "
        "them with distinct ids, symbols and numbers, in Chinese and Arabic, with their "
        "footnotes, articles and conversion debris, citing one another (see "
        "`bench/generate.py`); they are built in a temporary directory and never published.",
        "",
        "- **Accord (site configuration)**: `mkdocs.yml` as it is: a navigation of the home "
        "page only (the catalogue lists the instruments), Pagefind search (one bundle per "
        "language) in Material's header box.",
        "- **Stack default**: the same `docs/`, hooks and templates, but no `nav:` (Material "
        "lists every page on every page) and Material's `search` plugin (lunr) in place of "
        "Pagefind.",
        "",
        "*What a reader downloads* (issue 15): a cold view of the home page, an instrument, an "
        "article, `/citations/`, `/data/` and the Arabic home, each in a new Chromium context, "
        "every response counted as GitHub Pages serves it (gzip for text; `bench/cold_view.py`); "
        "search is measured twice, the query committed in one input event and typed one key at a "
        "time (150 ms a key, each partial query searched as the site searches it, timed from the "
        "last key's input event). *The whole `make site`* is the CPU time of the normalizer, the "
        "build, the search index and the checks, per page rendered; *where the bytes go* is "
        "measured on a sample of 600 pages. ",
        "",
        "Search is measured in Chromium on a cold cache: a page is opened (an instrument of "
        "the query's language; the home page for symbols) and left until the network is idle, "
        "`/` focuses the box, the query is committed in one input event, then End is pressed "
        "(Material's own search reads the box on keyup). *ms to first result* runs from that "
        "last keystroke to the first frame after the first result is listed (for Pagefind it "
        "includes the site script's 120 ms debounce and loading the bundles on focus); "
        "*search KB* counts every search response received from navigation start to that "
        "result (Pagefind's `/pagefind/`; lunr's `search_index.json`, worker and language "
        "scripts), as a plain server sends them and as gzip would. Chinese query: "
        "`刑警` (two characters inside 国际刑警组织); Arabic: `الانتربول` (الإنتربول typed "
        "without its hamza); three symbols as typed on the English home page (a resolution's "
        "`A/RES/…` and an agenda's `CTOC/COP/WG.3/…` from the middle of the corpus, and the "
        "real `CTOC/COP/WG.3/2024/1`, whose parts every synthetic agenda shares). The "
        "Chinese and Arabic figures are the median of the repeats (bytes the largest), the "
        "symbols' of one search; the floors take the worst query. 1 KB = 1,024 bytes.",
        "",
        "Build times are wall-clock seconds, with the CPU time beside them: the machine may "
        "be shared (the load average before each build is in the tables), and the CPU time "
        "is what the linear-growth floor is judged on when it was recorded.",
        "",
        "*Edit saved to page served*: a paragraph is appended to the Markdown of a Chinese "
        "text and the served page is fetched until it shows it, first in the Chinese tree, "
        "then in the five others (where the page shows that text as a fallback): the "
        "watcher's delay, the rebuild and the serving, as a contributor meets them. "
        "`make serve` (scripts/serve.py) renders again only the pages the edit touches "
        "(median of five edits); `mkdocs serve`, the stack's own live preview, rebuilds every "
        "page of every language on each edit, so its time follows the full build; with "
        "`--dirty` (which needs `--no-strict`, as `mkdocs.yml` sets `strict: true`) it "
        "renders only the changed Markdown file, still runs every language build, and leaves "
        "the other trees' fallback pages stale.",
        "",
        "![Page weight, build time, search and edit-to-page time against corpus size](bench.png)",
        "",
        "## Floors",
        "",
        "| | Floor | Measured |",
        "|---|---|---|",
    ]
    for floor in floors:
        lines.append(f"| {'PASS' if floor['pass'] else '**FAIL**'} | {floor['name']} | {floor['detail']} |")
    lines += ["", "## Results", ""]
    for n, e in sizes:
        lines += [size_table(n, e), ""]
    lines += [
        "## Machine and versions",
        "",
        f"- {m.get('nproc')} CPU cores ({m.get('cpu')}), {m.get('ram_gb')} GB RAM, {m.get('os')}",
        f"- Python {m.get('python')}, MkDocs {m.get('mkdocs')}, Material for MkDocs "
        f"{m.get('mkdocs-material')}, mkdocs-static-i18n {m.get('mkdocs-static-i18n')}, "
        f"Pagefind {m.get('pagefind')}, Playwright {m.get('playwright')}, {m.get('chromium')}",
        f"- Run on {m.get('date')}",
        "",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------- plot

COLORS = {"site": "#1565c0", "default": "#e65100", "floor": "#c62828"}


def _panel(x0, y0, w, h, title, series, ylabel, floor=None):
    """One log-log panel: series = [(label, color, dashed, [(x, y)])]."""
    points = [p for _, _, _, pts in series for p in pts if p[1]]
    if floor:
        points.append((10, floor))
    if not points:
        return ""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    lx0, lx1 = math.log10(min(xs)) - 0.1, math.log10(max(xs)) + 0.1
    ly0, ly1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    if ly1 == ly0:
        ly1 += 1
    px, py, pw, ph = x0 + 70, y0 + 40, w - 90, h - 90

    def X(v):
        return px + (math.log10(v) - lx0) / (lx1 - lx0) * pw

    def Y(v):
        return py + ph - (math.log10(v) - ly0) / (ly1 - ly0) * ph

    svg = [f'<text x="{x0 + w / 2}" y="{y0 + 22}" text-anchor="middle" font-size="16" font-weight="bold">'
           f'{html.escape(title)}</text>',
           f'<rect x="{px}" y="{py}" width="{pw}" height="{ph}" fill="none" stroke="#999"/>']
    for e in range(ly0, ly1 + 1):
        v = 10 ** e
        svg.append(f'<line x1="{px}" x2="{px + pw}" y1="{Y(v)}" y2="{Y(v)}" stroke="#ddd"/>')
        label = f"{v:,.0f}" if v >= 1 else f"{v:g}"
        svg.append(f'<text x="{px - 6}" y="{Y(v) + 4}" text-anchor="end" font-size="12">{label}</text>')
    for v in sorted(set(p[0] for p in points)):
        svg.append(f'<line x1="{X(v)}" x2="{X(v)}" y1="{py}" y2="{py + ph}" stroke="#eee"/>')
        svg.append(f'<text x="{X(v)}" y="{py + ph + 16}" text-anchor="middle" font-size="12">{v:,}</text>')
    svg.append(f'<text x="{px + pw / 2}" y="{py + ph + 34}" text-anchor="middle" font-size="12">instruments</text>')
    svg.append(f'<text x="{x0 + 14}" y="{py + ph / 2}" font-size="12" text-anchor="middle" '
               f'transform="rotate(-90 {x0 + 14} {py + ph / 2})">{html.escape(ylabel)}</text>')
    if floor:
        svg.append(f'<line x1="{px}" x2="{px + pw}" y1="{Y(floor)}" y2="{Y(floor)}" stroke="{COLORS["floor"]}" '
                   f'stroke-dasharray="2 4" stroke-width="2"/>')
        svg.append(f'<text x="{px + pw - 4}" y="{Y(floor) - 5}" text-anchor="end" font-size="11" '
                   f'fill="{COLORS["floor"]}">floor {floor:g}</text>')
    legend_y = py + 14
    for label, color, dashed, pts in series:
        pts = [p for p in pts if p[1]]
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        if pts:
            path = " ".join(f"{'M' if i == 0 else 'L'}{X(x):.1f},{Y(y):.1f}" for i, (x, y) in enumerate(pts))
            svg.append(f'<path d="{path}" fill="none" stroke="{color}" stroke-width="2.5"{dash}/>')
            for x, y in pts:
                svg.append(f'<circle cx="{X(x):.1f}" cy="{Y(y):.1f}" r="4" fill="{color}"/>')
        svg.append(f'<line x1="{px + 8}" x2="{px + 30}" y1="{legend_y - 4}" y2="{legend_y - 4}" '
                   f'stroke="{color}" stroke-width="2.5"{dash}/>')
        svg.append(f'<text x="{px + 36}" y="{legend_y}" font-size="12">{html.escape(label)}</text>')
        legend_y += 16
    return "\n".join(svg)


def plot_svg(data):
    sizes = _sizes(data)

    def pts(fn):
        out = []
        for n, e in sizes:
            try:
                v = fn(e)
            except (KeyError, TypeError):
                v = None
            out.append((n, v))
        return out

    s, d = COLORS["site"], COLORS["default"]
    panels = [
        ("Page HTML weight", "KB", FLOOR_PAGE_KB, [
            ("Accord median", s, False, pts(lambda e: e["site"]["page_median_bytes"] / KB)),
            ("Accord largest", s, True, pts(lambda e: e["site"]["page_max_bytes"] / KB)),
            ("default median", d, False, pts(lambda e: e["default_site"]["page_median_bytes"] / KB)),
            ("default largest", d, True, pts(lambda e: e["default_site"]["page_max_bytes"] / KB)),
        ]),
        ("Full build time", "seconds", None, [
            ("Accord", s, False, pts(lambda e: full_build(e))),
            ("default (largest: en tree only)", d, False, pts(lambda e: full_build(e, "default"))),
        ]),
        ("Search bytes before the first result", "KB", FLOOR_SEARCH_KB, [
            ("Pagefind, as served", s, False, pts(lambda e: search_fig(e, "search", "search_bytes") / KB)),
            ("Pagefind, gzip", s, True, pts(lambda e: search_fig(e, "search", "search_gzip_bytes") / KB)),
            ("lunr, as served", d, False, pts(lambda e: search_fig(e, "default_search", "search_bytes") / KB)),
            ("lunr, gzip", d, True, pts(lambda e: search_fig(e, "default_search", "search_gzip_bytes") / KB)),
        ]),
        ("Time to first result (worst query)", "ms", FLOOR_MS, [
            ("Pagefind, cold", s, False, pts(lambda e: search_fig(e, "search", "ms_to_first_result"))),
            ("Pagefind, loaded", s, True, pts(lambda e: search_fig(e, "search", "warm_ms", ("zh", "ar")))),
            ("lunr (symbols only: zh/ar not found)", d, False,
             pts(lambda e: max(v["ms_to_first_result"] for v in e["default_search"].values()
                               if v["ms_to_first_result"] is not None))),
        ]),
        ("Edit saved to page served (all six trees)", "seconds", FLOOR_REBUILD_S, [
            ("make serve", s, False, pts(lambda e: serve_figure(e, "accord")["edit_to_all_trees_s"])),
            ("mkdocs serve", d, False, pts(lambda e: serve_figure(e, "mkdocs")["edit_to_all_trees_s"])),
        ]),
    ]
    w, h = 560, 380
    rows = (len(panels) + 1) // 2
    body = []
    for i, (title, ylabel, floor, series) in enumerate(panels):
        body.append(_panel((i % 2) * w, (i // 2) * h, w, h, title, series, ylabel, floor))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * w}" height="{rows * h}" '
            f'font-family="DejaVu Sans, sans-serif"><rect width="100%" height="100%" fill="white"/>'
            + "\n".join(body) + "</svg>")


def write_png(svg, target):
    from playwright.sync_api import sync_playwright

    from .measure import launch
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_page(viewport={"width": 1120, "height": 1140})
            page.set_content(f"<html><body style='margin:0'>{svg}</body></html>")
            page.locator("svg").screenshot(path=str(target))
        finally:
            browser.close()


def write(data, floors, outdir):
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / "index.md").write_text(markdown(data, floors), encoding="utf-8")
    write_png(plot_svg(data), outdir / "bench.png")


def main(argv=None):
    import json
    argv = sys.argv[1:] if argv is None else argv
    results = Path(argv[0]) if argv else Path("/tmp/accord-bench/results.json")
    outdir = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "benchmark"
    data = json.loads(results.read_text(encoding="utf-8"))
    floors = check_floors(data)
    for floor in floors:
        print(f"{'PASS' if floor['pass'] else 'FAIL'}  {floor['name']}: {floor['detail']}")
    write(data, floors, outdir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
