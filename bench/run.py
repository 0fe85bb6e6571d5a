"""Accord's scale benchmark (issue 6): synthetic corpora of 10, 100 and 1,000 instruments,
the site's configuration beside the stack's default, measured in the same run.

    python -m bench.run [--sizes 10 100 1000] [--work /tmp/accord-bench] [--report docs/benchmark]

For each size: make a throw-away project with a synthetic corpus (bench/generate.py),
then time the normalizer (`python -m scripts.normalize`, a first run and a second run
with nothing changed), `mkdocs build --strict` and `python -m scripts.build_search`;
build the same docs/ with the stack's default configuration (every page in the
navigation, Material's lunr search); measure the weight of both sites; serve both on
127.0.0.1 and search each in Chromium (bench/measure.py); time an edit of a page until
`make serve` serves it in every language tree, beside `mkdocs serve` (bench/serve.py).
Results go to
<work>/results.json after every step; the report (table, plot, floors) to
docs/benchmark/ (bench/report.py). Floors are printed PASS/FAIL: this is a benchmark
report, not a test, and its exit status is 0 unless something could not be measured.

The default configuration renders every page's navigation from the whole corpus, so
its build time grows with the square of the corpus; above ``--default-all-languages-max``
instruments it builds only the English tree (``--default-languages``) and says so in
the report, and it is stopped after ``--default-timeout`` seconds (recorded, never
skipped silently).
"""
import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import measure
from .generate import make_project, write_sources

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
# The steps of `make site`, each timed (their CPU time summed per page rendered).
MAKE_SITE_STEPS = ("normalize", "build", "build_search", "check_links", "check_citations")
ZH_QUERY = "刑警"          # two characters inside 国际刑警组织
AR_QUERY = "الانتربول"     # الإنتربول typed without its hamza
EN_QUERY = "Provisional agenda"   # words of an English title: metadata, in every tree's bundle


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def machine():
    """The machine and the versions used."""
    def cpu():
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
        return platform.processor()

    def ram_gb():
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)

    def version(dist):
        from importlib.metadata import version as v
        try:
            return v(dist)
        except Exception:
            return None

    chromium = subprocess.run([measure.CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "nproc": os.cpu_count(), "cpu": cpu(), "ram_gb": ram_gb(),
        "os": platform.platform(), "python": platform.python_version(),
        "mkdocs": version("mkdocs"), "mkdocs-material": version("mkdocs-material"),
        "mkdocs-static-i18n": version("mkdocs-static-i18n"), "pagefind": version("pagefind"),
        "playwright": version("playwright"), "chromium": chromium,
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    }


def queries(made, languages=None):
    """The searches of one corpus: (name, page to search from, query, expected page id, warm query).
    Pages are in the tree of the query's language, or the English tree where that one
    is not built (``languages``)."""
    def tree(lang):
        return f"/{lang}/" if not languages or lang in languages else "/"

    ids = [i["id"] for i in made["instruments"] if not i.get("real")]
    res = [i for i in ids if i.startswith("a-res-")]
    drafts = [i for i in ids if i.startswith("ga-73-draft-")]
    agendas = [i for i in made["instruments"] if i["id"].startswith("ctoc-") and not i.get("real")]
    mid_res = res[len(res) // 2]
    s, n = mid_res.split("-")[2:4]
    mid_agenda = agendas[len(agendas) // 2]
    return [
        ("en-metadata", "/", EN_QUERY, None, None),
        ("zh", f"{tree('zh')}instruments/{res[0]}/", ZH_QUERY, None, AR_QUERY),
        ("ar", f"{tree('ar')}instruments/{drafts[0]}/", AR_QUERY, None, ZH_QUERY),
        ("symbol-ga", "/", f"A/RES/{s}/{n}", mid_res, None),
        ("symbol-ctoc", "/", mid_agenda["symbol"], mid_agenda["id"], None),
        # the real agenda: its symbol's parts are in every synthetic agenda's
        ("symbol-real", "/", "CTOC/COP/WG.3/2024/1", "ctoc-cop-wg-3-2024-1", None),
    ]


def judge(name, result, expected):
    """Does the search keep the site's behaviour: found, leading to a paragraph / the instrument?"""
    hits = result.get("hits") or []
    if result["status"] != "found" or not hits:
        return {"ok": False, "why": result["status"]}
    firsts = [links[0] for links in hits]
    if name == "zh":
        ok = any(h.startswith("/zh/instruments/") and "#" in h for h in firsts)
        return {"ok": ok, "why": "a zh text, at a paragraph" if ok else f"first hits {firsts[:3]}"}
    if name == "ar":
        ok = any("/instruments/ga-73-draft-" in h and "#" in h for h in firsts)
        return {"ok": ok, "why": "the ar draft, at a paragraph" if ok else f"first hits {firsts[:3]}"}
    if name == "en-metadata":
        ok = any("/instruments/ctoc-" in h for h in firsts)
        return {"ok": ok, "why": "an agenda, by its English title" if ok else f"first hits {firsts[:3]}"}
    wanted = f"/instruments/{expected}/"
    ranked = [i for i, h in enumerate(firsts) if wanted in h]
    ok = bool(ranked) and ranked[0] == 0
    why = "first hit" if ok else (f"found at rank {ranked[0] + 1}" if ranked else f"not in {len(firsts)} hits")
    return {"ok": ok, "why": why}


def search_figures(browser, origin, engine, made, repeats, timeout_ms, languages=None, typed=False):
    out = {}
    for name, path, query, expected, warm in queries(made, languages):
        runs = []
        for _ in range(repeats if name in ("zh", "ar") else 1):
            try:
                runs.append(measure.search_once(browser, origin, path, query, engine, timeout_ms=timeout_ms,
                                                warm_query=None if typed else warm, typed=typed))
            except Exception as error:      # recorded, never skipped silently
                log(f"    {engine} {name}: error {error}")
                runs.append({"status": f"error: {str(error)[:200]}", "ms_to_first_result": None,
                             "search_bytes": 0, "search_gzip_bytes": 0, "all_bytes": 0, "hits": [],
                             "result_count": 0, "hosts": [], "errors": [str(error)[:200]]})
        best = runs[0]
        ms = [r["ms_to_first_result"] for r in runs if r["ms_to_first_result"] is not None]
        warm_ms = [r["warm"]["ms_to_first_result"] for r in runs
                   if r.get("warm") and r["warm"]["ms_to_first_result"] is not None]
        out[name] = {
            "query": query, "path": path, "status": best["status"],
            "ms_to_first_result": statistics.median(ms) if ms else None,
            "ms_runs": [r["ms_to_first_result"] for r in runs],
            "warm_query": warm, "warm_ms": statistics.median(warm_ms) if warm_ms else None,
            "search_bytes": max(r["search_bytes"] for r in runs),
            "search_gzip_bytes": max(r["search_gzip_bytes"] for r in runs),
            "all_bytes": max(r["all_bytes"] for r in runs),
            "result_count": best["result_count"], "hits": best["hits"][:5],
            "hosts": best["hosts"], "errors": best["errors"],
            "behaviour": judge(name, best, expected),
        }
        log(f"    {engine}{' typed' if typed else ''} {name} {query!r}: {out[name]['status']}, "
            f"{out[name]['ms_to_first_result']} ms, {out[name]['search_bytes'] / 1024:.0f} KB "
            f"({out[name]['search_gzip_bytes'] / 1024:.0f} KB gzip), {out[name]['behaviour']}")
    return out


def run_size(n, work, args, results, save):
    project = work / str(n)
    full_default = n <= args.default_all_languages_max
    default_languages = None if full_default else args.default_languages
    entry = results.setdefault(str(n), {})
    if args.search_only:
        # Search again on the sites a previous run kept (--keep, or a run that stopped).
        with tempfile.TemporaryDirectory() as scratch:
            made = write_sources(Path(scratch), n)
        ok, default_ok = (project / "site").exists(), (project / "site-default").exists()
        log(f"== {n} instruments: searching the sites kept in {project}")
    else:
        log(f"== {n} instruments: generating {project}")
        made = make_project(project, n, default_languages=default_languages)
        entry.clear()
        entry.update(load_at_start=os.getloadavg(),
                     instruments=len(made["instruments"]), sources=made["sources"],
                     default_languages=default_languages or "all")
        ok, default_ok = build_size(n, project, made, entry, args, save)
    if not args.no_browser:
        browse(project, made, entry, args, save, ok, default_ok, default_languages)
    if ok and not args.search_only:
        from .serve import measure_serve
        res = [i["id"] for i in made["instruments"] if i["id"].startswith("a-res-") and not i.get("real")][0]
        entry["serve"] = measure_serve(project, res, n, min(args.timeout, 900), args.serve_max,
                                       args.serve_dirty_max, log=log)
        save()
    if not args.keep:
        for folder in ("site", "site-default", "docs", "sources"):
            shutil.rmtree(project / folder, ignore_errors=True)
    return ok


def build_size(n, project, made, entry, args, save):
    """Normalize and build both configurations; record the figures. -> (site ok, default ok)"""
    logs = project / "logs"
    logs.mkdir(exist_ok=True)

    def step(name, cmd, timeout):
        entry[name] = figure = measure.timed(cmd, project, logs / f"{name}.log", timeout)
        code = figure["returncode"]
        state = "TIMED OUT" if figure["timed_out"] else (
            "ok" if code == 0 else f"FAILED ({code}), see {logs / name}.log")
        log(f"  {name}: {figure['seconds']:.1f} s wall, {figure['cpu_seconds']:.1f} s CPU, "
            f"load before {figure['load1']} {state}")
        save()
        return code == 0

    norm = [PY, "-m", "scripts.normalize", "--sources", "sources", "--docs", "docs"]
    if not step("normalize", norm, args.timeout):
        return False, False
    step("normalize_unchanged", norm, args.timeout)
    entry["markdown_files"] = sum(1 for _ in (project / "docs" / "instruments").rglob("*.md"))
    ok = step("build", [PY, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", "mkdocs.yml", "-d", "site"],
              args.timeout)
    ok = ok and step("build_search", [PY, "-m", "scripts.build_search", "site"], args.timeout)
    if ok:
        # the rest of `make site`: its checks (the synthetic corpus's citations of documents
        # outside the library are not acknowledged, so check_citations reports them: its
        # time is what is measured)
        step("check_links", [PY, "-m", "scripts.check_links", "site"], args.timeout)
        step("check_citations", [PY, "-m", "scripts.check_citations", "site"], args.timeout)
        steps = [entry.get(name) or {} for name in MAKE_SITE_STEPS]
        pages = sum(1 for _ in (project / "site").rglob("*.html"))
        if all("cpu_seconds" in figure for figure in steps) and pages:
            cpu = sum(figure["cpu_seconds"] for figure in steps)
            entry["make_site"] = {"cpu_seconds": round(cpu, 2), "pages": pages,
                                  "cpu_ms_per_page": round(cpu / pages * 1000, 2)}
            log(f"  make site: {cpu:.1f} s CPU for {pages} pages, {cpu / pages * 1000:.2f} ms per page")
        entry["site"] = measure.site_stats(project / "site")
        log(f"  site: {entry['site']['pages']} pages, {entry['site']['site_bytes'] / 1e6:.1f} MB, "
            f"median page {entry['site']['page_median_bytes'] / 1024:.1f} KB, "
            f"max {entry['site']['page_max_bytes'] / 1024:.1f} KB ({entry['site']['page_max_path']})")
        save()
    default_ok = step("default_build", [PY, "-m", "mkdocs", "build", "--strict", "--quiet",
                                        "-f", "mkdocs-default.yml", "-d", "site-default"], args.default_timeout)
    if default_ok:
        entry["default_site"] = measure.site_stats(project / "site-default")
        log(f"  default site: {entry['default_site']['pages']} pages, "
            f"median page {entry['default_site']['page_median_bytes'] / 1024:.1f} KB, "
            f"lunr index {entry['default_site'].get('lunr_index_bytes', 0) / 1e6:.1f} MB")
        save()
    return ok, default_ok


def cold_view_paths(made):
    """The pages whose cold view is measured: the home page, an instrument, an article,
    the citation graph and the data page (in the English tree), and the Arabic home."""
    ids = [i["id"] for i in made["instruments"] if not i.get("real")] + [i["id"] for i in made["instruments"]]
    res = next(i for i in ids if i.startswith("a-res-"))
    agreement = next(i for i in ids if i.startswith("interpol-itu-cooperation-agreement"))
    return {"home": "", "instrument": f"instruments/{res}/", "article": f"instruments/{agreement}/art_3/",
            "citations": "citations/", "data": "data/", "home-ar": "ar/"}


def browse(project, made, entry, args, save, ok, default_ok, default_languages):
    """Search both sites in Chromium; the cold views of the site's pages."""
    if ok:
        from . import cold_view
        paths = cold_view_paths(made)
        log("  cold views of the site's pages in Chromium")
        entry["cold_views"] = dict(zip(paths, cold_view.measure(project / "site", list(paths.values()))))
        for name, figure in entry["cold_views"].items():
            log(f"    {name} {figure['path']}: {figure['bytes'] / 1024:.1f} KB as served, "
                f"{figure['requests']} requests, {len(figure['failed'])} failed")
        save()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = measure.launch(playwright)
        try:
            if ok:
                server = measure.Server(project / "site")
                try:
                    log("  searching the site (Pagefind) in Chromium")
                    entry["search"] = search_figures(browser, server.origin, "pagefind", made,
                                                     args.repeats, 30_000)
                    log("  searching the site (Pagefind), typed one key at a time")
                    entry["search_typed"] = search_figures(browser, server.origin, "pagefind", made,
                                                           1, 30_000, typed=True)
                finally:
                    server.close()
                save()
            if default_ok:
                server = measure.Server(project / "site-default")
                try:
                    log("  searching the default configuration (lunr) in Chromium")
                    entry["default_search"] = search_figures(browser, server.origin, "lunr", made,
                                                             args.repeats, 60_000, default_languages)
                finally:
                    server.close()
                save()
        finally:
            browser.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/accord-bench"))
    parser.add_argument("--report", type=Path, default=ROOT / "docs" / "benchmark",
                        help="where index.md and bench.png are written ('-' for nowhere)")
    parser.add_argument("--results", type=Path, default=None,
                        help="results file (default <work>/results.json); sizes already in it are kept")
    parser.add_argument("--timeout", type=int, default=3000, help="seconds allowed per step of the site")
    parser.add_argument("--default-timeout", type=int, default=1500,
                        help="seconds allowed for the default configuration's build")
    parser.add_argument("--default-all-languages-max", type=int, default=100,
                        help="largest corpus built with the default configuration in every language")
    parser.add_argument("--default-languages", nargs="+", default=["en"],
                        help="language trees of the default configuration above that size")
    parser.add_argument("--repeats", type=int, default=3, help="cold searches per query (median)")
    parser.add_argument("--serve-max", type=int, default=1000,
                        help="largest corpus on which the edit-to-page time of `mkdocs serve` is measured "
                             "beside `make serve`'s")
    parser.add_argument("--serve-dirty-max", type=int, default=100,
                        help="largest corpus on which `mkdocs serve --dirty` is measured")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--search-only", action="store_true",
                        help="only search again the sites kept in <work>/<size>/ by an earlier run")
    parser.add_argument("--keep", action="store_true", help="keep the built sites in <work>/<size>/")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    results_path = args.results or args.work / "results.json"
    data = json.loads(results_path.read_text(encoding="utf-8")) if results_path.exists() else {}
    data["machine"] = machine()
    sizes = data.setdefault("sizes", {})

    def save():
        measure.dump(results_path, data)

    started = time.perf_counter()
    all_ok = True
    for n in args.sizes:
        if not args.search_only:
            sizes.pop(str(n), None)
        all_ok &= run_size(n, args.work, args, sizes, save)
        save()
    log(f"measured in {time.perf_counter() - started:.0f} s; results in {results_path}")
    from . import report
    floors = report.check_floors(data)
    for floor in floors:
        print(f"{'PASS' if floor['pass'] else 'FAIL'}  {floor['name']}: {floor['detail']}")
    if str(args.report) != "-":
        report.write(data, floors, args.report)
        log(f"report written to {args.report}/index.md and bench.png")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
