"""Measurements: timed commands, the weight of a built site, and search in Chromium.

Search is measured as a reader meets it, on a cold cache: open a page and wait until
the network is idle (for Material's default search, that is the download of its lunr
index, which starts with every page load), press `/` (Material's shortcut to the search
box), then commit the whole query in one input event (as an input method commits a
Chinese word). Measured in the page with performance.now():

* ms to first result: from the last keystroke (that input event, then a press of End,
  because Material's search reads the box on keyup) to the first animation frame after the
  first result item for this query is in the list (Pagefind: the box's
  ``data-pf-first`` -- results of this query shown, other bundles maybe still to be
  merged in -- or ``data-pf-query`` -- search complete -- equals the query; lunr:
  Material's list holds an item). Pagefind's figure includes the site script's 120 ms
  input debounce and the loading of the bundles the query needs, which starts with the
  input event.
* search bytes before the first result: bodies of every search response (Pagefind's
  ``/pagefind/``, Material's ``search_index.json``, search worker and lunr scripts)
  received from navigation start until that result, as served (Python's http.server,
  no compression), and what gzip would make of them (Pagefind's index files are
  gzip already and count as they are).
"""
import functools
import gzip
import http.server
import json
import os
import resource
import statistics
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SEARCH_URL_PARTS = ("/pagefind/", "/search/search_index.json", "/workers/search", "/javascripts/lunr/")
ALREADY_COMPRESSED = (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter", ".pagefind")


def env():
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")


def _children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd, cwd, log, timeout):
    """Run ``cmd``; return {seconds (wall), cpu_seconds (user + system of the command and
    its children), returncode, timed_out, load1 (load average before it started)}.
    The CPU time is less sensitive than the wall time to other work on the machine.
    Output goes to ``log``."""
    figure = {"load1": round(os.getloadavg()[0], 2)}
    cpu, start = _children_cpu(), time.perf_counter()
    with open(log, "w", encoding="utf-8") as out:
        try:
            proc = subprocess.run(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env(),
                                  timeout=timeout)
            figure.update(returncode=proc.returncode, timed_out=False)
        except subprocess.TimeoutExpired:
            figure.update(returncode=None, timed_out=True)
    figure["seconds"] = round(time.perf_counter() - start, 2)
    figure["cpu_seconds"] = round(_children_cpu() - cpu, 2)
    return figure


# The parts of a page whose bytes the report counts (issue 15: where the bytes go), by
# XPath of their outermost elements; "text versions" are the texts a page shows in
# another language than its tree's (a fallback page's), "whitespace" runs of two or more.
PAGE_PARTS = {
    "head": "//head",
    "header (search box, language selector, repository)": "//header[contains(@class, 'md-header')]",
    "navigation drawer": "//div[contains(concat(' ', @class, ' '), ' md-sidebar--primary ')]",
    "instrument header (metadata)": "//*[contains(concat(' ', @class, ' '), ' instrument-header ')]",
    "text versions in another language": "//*[contains(concat(' ', @class, ' '), ' text-version ')]",
    "reader tools' data": "//*[contains(concat(' ', @class, ' '), ' reader-data ')]",
    "footer": "//footer",
    "inline SVG icons": "//*[local-name()='svg'][not(ancestor::*[local-name()='svg'])]"
                        "[not(ancestor::figure[contains(@class, 'citation-graph')])]",
}
SAMPLE_PAGES = 600


def page_parts(pages, sample=SAMPLE_PAGES):
    """{part: share of the pages' bytes} over an evenly spaced sample of ``pages`` (paths),
    and "whitespace": runs of two or more whitespace characters."""
    import re

    from lxml import html as lxml_html
    chosen = pages[:: max(1, len(pages) // sample)]
    total, counts = 0, dict.fromkeys(list(PAGE_PARTS) + ["whitespace"], 0)
    for path in chosen:
        raw = Path(path).read_bytes()
        total += len(raw)
        tree = lxml_html.fromstring(raw)
        for name, xpath in PAGE_PARTS.items():
            counts[name] += sum(len(lxml_html.tostring(el, encoding="utf-8")) for el in tree.xpath(xpath))
        counts["whitespace"] += sum(len(m) for m in re.findall(rb"\s{2,}", raw))
    return {name: round(count / total, 4) for name, count in counts.items()} if total else {}


def site_stats(site):
    """Pages rendered, total size, and the HTML weight of a page (what a reader downloads
    first); where the bytes go: by top folder (each language tree, data/, the search
    index, the sitemaps) and by part of a page (PAGE_PARTS, on a sample)."""
    site = Path(site)
    pages, total, folders = [], 0, {}
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        rel = path.relative_to(site).as_posix()
        top = rel.split("/", 1)[0] if "/" in rel else "(root files)"
        folders[top] = folders.get(top, 0) + size
        if rel.endswith(".html") and not rel.startswith(("pagefind/", "search/")):
            pages.append((size, rel))
    pages.sort()
    sizes = [s for s, _ in pages]
    stats = {
        "pages": len(pages),
        "site_bytes": total,
        "page_median_bytes": statistics.median(sizes),
        "page_max_bytes": sizes[-1],
        "page_max_path": pages[-1][1],
    }
    stats["folder_bytes"] = dict(sorted(folders.items(), key=lambda item: -item[1]))
    stats["html_bytes"] = sum(sizes)
    stats["page_parts"] = page_parts([site / rel for _, rel in sorted(pages, key=lambda p: p[1])])
    instrument = sorted(s for s, rel in pages if "/instruments/" in "/" + rel)
    if instrument:
        stats["instrument_page_median_bytes"] = statistics.median(instrument)
        stats["instrument_page_max_bytes"] = instrument[-1]
    lunr = site / "search" / "search_index.json"
    if lunr.exists():
        raw = lunr.read_bytes()
        stats["lunr_index_bytes"] = len(raw)
        stats["lunr_index_gzip_bytes"] = len(gzip.compress(raw, 6))
    pagefind = site / "pagefind"
    if pagefind.exists():
        stats["pagefind_bytes"] = sum(p.stat().st_size for p in pagefind.rglob("*") if p.is_file())
    return stats


class Server:
    """A built site served on 127.0.0.1 (a free port), in a thread."""

    def __init__(self, directory):
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass
        handler = functools.partial(Quiet, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self.httpd.server_port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


# Installed in the page before the query is typed: timestamps of the input event and of
# the first result for this query (see the module docstring).
INSTRUMENT_JS = """([q, engine]) => {
  // Accord's own search box (partials/search.html), or Material's (the default configuration)
  const root = document.querySelector('[data-accord-search]') || document.querySelector('[data-md-component=search]');
  const input = root.querySelector('.md-search__input');
  const list = root.querySelector('.md-search-result__list');
  const meta = root.querySelector('.md-search-result__meta');
  const cfg = JSON.parse(document.getElementById('__config').textContent);
  const none = ((cfg.translations || {})['search.result.none'] || '').trim();
  const b = window.__bench = {input: null, keyup: null, dom: null, result: null, none: null};
  input.addEventListener('input', () => { if (input.value.trim() === q) b.input = performance.now(); }, true);
  input.addEventListener('keyup', () => { if (input.value.trim() === q) b.keyup = performance.now(); }, true);
  const check = () => {
    if (b.input === null || b.dom !== null || b.none !== null) return;
    const items = list.querySelectorAll('.md-search-result__item').length;
    const done = engine === 'pagefind'
      ? (root.getAttribute('data-pf-first') === q || root.getAttribute('data-pf-query') === q) : true;
    if (!done) return;
    if (items) {
      b.dom = performance.now();
      requestAnimationFrame(() => { b.result = performance.now(); });
    } else if (engine === 'pagefind' || (none && meta.textContent.trim() === none)) {
      b.none = performance.now();
    }
  };
  new MutationObserver(check).observe(root, {subtree: true, childList: true, attributes: true, characterData: true});
}"""

RESULTS_JS = """() => [...document.querySelectorAll('.md-search-result__item')].map(li =>
  [...li.querySelectorAll('.md-search-result__link')].map(a => a.href))"""


def _is_search(url):
    return any(part in url for part in SEARCH_URL_PARTS)


def _gzip_size(url, body):
    if urlparse(url).path.endswith(ALREADY_COMPRESSED):
        return len(body)
    return len(gzip.compress(body, 6))


# Typed one key at a time (``typed``): the pause between two keys, as a reader types.
KEY_PAUSE_MS = 150


def _query(page, query, engine, timeout_ms, typed=False):
    """Commit ``query`` in the focused box (``typed``: one key at a time, as a reader
    types, each partial query searched as the site searches it); wait for its first
    result (or none). The time runs from the last keystroke."""
    page.evaluate(INSTRUMENT_JS, [query, engine])
    if typed:
        page.keyboard.type(query, delay=KEY_PAUSE_MS)     # each key: down, input, the pause, up
    else:
        page.keyboard.insert_text(query)
        page.keyboard.press("End")      # a real key: Material's search reads the box on keyup
    status = "found"
    try:
        page.wait_for_function("() => window.__bench.result !== null || window.__bench.none !== null",
                               timeout=timeout_ms)
    except Exception:
        status = "timeout"
    bench = page.evaluate("() => window.__bench")
    if status == "found" and bench["result"] is None:
        status = "none"
    # the last keystroke: its input event when typed (Playwright holds each key down for
    # the pause, so its keyup comes KEY_PAUSE_MS later), else the End key's keyup
    keys = [t for t in ((bench["input"],) if typed else (bench["input"], bench["keyup"])) if t is not None]
    ms = (bench["result"] - max(keys)) if bench["result"] is not None and keys else None
    hits = page.evaluate(RESULTS_JS) if status == "found" else []
    return status, ms, hits


def _paths(hits):
    out = []
    for links in hits[:20]:
        out.append([urlparse(h).path + ("#" + urlparse(h).fragment if urlparse(h).fragment else "")
                    for h in links])
    return out


def search_once(browser, origin, path, query, engine, timeout_ms=60_000, warm_query=None, typed=False):
    """One cold search (see the module docstring); with ``warm_query``, then a second
    search in the same page, its engine loaded; ``typed``: the query typed one key at a
    time. Returns a dict of figures."""
    context = browser.new_context()
    page = context.new_page()
    responses = []
    context.on("response", lambda r: responses.append((time.monotonic(), r)))
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(origin + path, wait_until="load", timeout=180_000)
        try:
            page.wait_for_load_state("networkidle", timeout=180_000)
        except Exception:
            pass
        page.keyboard.press("/")        # Material's shortcut: focus the search box
        status, ms, hits = _query(page, query, engine, timeout_ms, typed)
        end = time.monotonic()
        search_bytes = search_gzip = all_bytes = 0
        hosts = set()
        for when, response in list(responses):
            hosts.add(urlparse(response.url).hostname)
            if when > end:
                continue
            try:
                body = response.body()
            except Exception:
                continue
            all_bytes += len(body)
            if _is_search(response.url):
                search_bytes += len(body)
                search_gzip += _gzip_size(response.url, body)
        result = {
            "engine": engine, "path": path, "query": query, "status": status, "typed": typed,
            "ms_to_first_result": round(ms, 1) if ms is not None else None,
            "search_bytes": search_bytes, "search_gzip_bytes": search_gzip, "all_bytes": all_bytes,
            "hits": _paths(hits), "result_count": len(hits),
        }
        if warm_query:
            page.evaluate("""() => { const i = document.querySelector('.md-search__input');
                i.value = ''; i.dispatchEvent(new Event('input', {bubbles: true})); }""")
            page.keyboard.press("End")
            page.wait_for_timeout(300)
            w_status, w_ms, w_hits = _query(page, warm_query, engine, timeout_ms)
            result["warm"] = {"query": warm_query, "status": w_status,
                              "ms_to_first_result": round(w_ms, 1) if w_ms is not None else None,
                              "hits": _paths(w_hits)}
        result["hosts"] = sorted(h for h in hosts if h)
        result["errors"] = errors[:5]
        return result
    finally:
        context.close()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def dump(path, data):
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
