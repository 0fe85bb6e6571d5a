"""Edit-to-page time of `make serve` (scripts/serve.py), beside MkDocs' own live preview.

`make serve` serves the built site and renders again only the pages an edit touches
(scripts/page_rebuild.py); the stack's own live preview is `mkdocs serve`, which rebuilds
the whole site on every edit (or, with `--dirty`, which warns and so runs without the
project's `strict: true`, skips the pages whose Markdown did not change but still runs
every language build). For each: start the server on a benchmark project, wait until it
is ready, append a marker paragraph to a page's Markdown, and time until the served page
holds the marker, in its own language tree and in all six: the watcher's delay, the
rebuild and the serving, as a contributor meets them.
"""
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from scripts.static_server import MOUNT

from .measure import env

TREES = ("", "ar/", "zh/", "fr/", "ru/", "es/")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except Exception:
        return None


def _command(kind, port, dirty):
    if kind == "accord":
        return [sys.executable, "-m", "scripts.serve", "--port", str(port)]
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-f", "mkdocs.yml", "--dev-addr", f"127.0.0.1:{port}"]
    return cmd + (["--dirty", "--no-strict"] if dirty else ["--strict"])


def _ready(kind, proc, log_path, url, timeout):
    """Wait for the server: `make serve` says when it can rebuild single pages."""
    start = time.perf_counter()
    while True:
        if kind == "accord":
            if "Ready to rebuild single pages" in log_path.read_text(encoding="utf-8"):
                return True
        elif _get(url) is not None:
            return True
        if proc.poll() is not None or time.perf_counter() - start > timeout:
            return False
        time.sleep(0.1)


def _wait_marker(url, marker, proc, started, timeout):
    """Seconds from ``started`` until ``url`` serves ``marker`` (None if not in time)."""
    while True:
        body = _get(url)
        if body and marker in body:
            return time.perf_counter() - started
        if proc.poll() is not None or time.perf_counter() - started > timeout:
            return None
        time.sleep(0.02)


def edit_to_page(project, page_md, url_path, kind="mkdocs", dirty=False, edits=1, timeout=300, log=None):
    """Seconds from an edit of ``docs/<page_md>`` to the served page showing it.

    ``url_path`` is the page in its own language tree (``/zh/instruments/x/``); the same
    page is then awaited in every tree. With ``edits`` > 1 the edit is repeated and the
    median taken."""
    project = Path(project)
    port = _free_port()
    name = "serve-accord" if kind == "accord" else f"serve-mkdocs{'-dirty' if dirty else ''}"
    log_path = Path(log or project / "logs" / f"{name}.log")
    out = open(log_path, "w", encoding="utf-8")
    proc = subprocess.Popen(_command(kind, port, dirty), cwd=project, stdout=out, stderr=subprocess.STDOUT,
                            env=env())
    target = project / "docs" / page_md
    original = target.read_text(encoding="utf-8")
    # both servers serve the site under the path of its site_url (/accord/), as GitHub Pages
    origin = f"http://127.0.0.1:{port}{MOUNT.rstrip('/')}"
    own = origin + url_path
    tail = re.sub(r"^/[a-z]{2}/", "/", url_path)
    urls = [own] + [f"{origin}/{tree}{tail.lstrip('/')}" for tree in TREES if f"{origin}/{tree}{tail.lstrip('/')}" != own]
    result = {"server": kind, "dirty": dirty, "page": url_path}
    try:
        start = time.perf_counter()
        if not _ready(kind, proc, log_path, own, timeout):
            result["error"] = "the server did not come up"
            return result
        result["ready_s"] = round(time.perf_counter() - start, 1)
        time.sleep(1.0)                       # let the watcher settle
        own_times, all_times = [], []
        for i in range(edits):
            marker = f"BENCHMARK-EDIT-{int(time.time())}-{i}"
            target.write_text(original.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
            edited = time.perf_counter()
            first = _wait_marker(own, marker, proc, edited, timeout)
            if first is None:
                result["error"] = "the server stopped" if proc.poll() is not None else f"no rebuild within {timeout} s"
                return result
            own_times.append(first)
            # the other trees: `mkdocs serve --dirty` never renders their (unchanged) fallback page
            others = [_wait_marker(url, marker, proc, edited, max(20, 3 * first)) for url in urls[1:]]
            if None in others:
                result["stale_trees"] = sum(1 for t in others if t is None)
            else:
                all_times.append(max([first] + others))
            time.sleep(0.5)
        result["edit_to_page_s"] = round(statistics.median(own_times), 2)
        if all_times:
            result["edit_to_all_trees_s"] = round(statistics.median(all_times), 2)
        result["edits"] = edits
        rebuilt = [float(x) for x in re.findall(r"Rebuilt \d+ page\(s\) in ([\d.]+) s", log_path.read_text())]
        if rebuilt:
            result["rebuild_s"] = round(statistics.median(rebuilt), 2)
        return result
    finally:
        target.write_text(original, encoding="utf-8")
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        out.close()


def measure_serve(project, res, n, timeout, mkdocs_max, dirty_max, log=print):
    """`make serve` (five edits, median), then `mkdocs serve` up to ``mkdocs_max``
    instruments and `mkdocs serve --dirty` up to ``dirty_max``."""
    page, url = f"instruments/{res}.zh.md", f"/zh/instruments/{res}/"
    runs = [("accord", False, 5)]
    runs += [("mkdocs", False, 1)] if n <= mkdocs_max else []
    runs += [("mkdocs", True, 1)] if n <= dirty_max else []
    figures = []
    for kind, dirty, edits in runs:
        log(f"  {'make serve' if kind == 'accord' else 'mkdocs serve'}{' --dirty' if dirty else ''}: "
            f"editing docs/{page}")
        figures.append(edit_to_page(project, page, url, kind=kind, dirty=dirty, edits=edits, timeout=timeout))
        log(f"    {figures[-1]}")
    return figures


def main(argv=None):
    """python -m bench.serve [--results FILE] N [N ...]: measure only this, on fresh projects."""
    import argparse
    import json

    from .generate import make_project
    from .measure import dump, timed
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--work", type=Path, default=Path("/tmp/accord-bench"))
    parser.add_argument("--results", type=Path, default=None)
    parser.add_argument("--timeout", type=int, default=600)
    parser.add_argument("--mkdocs-max", type=int, default=100,
                        help="largest corpus on which `mkdocs serve` is measured too")
    args = parser.parse_args(argv)
    results = args.results or args.work / "results.json"
    data = json.loads(results.read_text(encoding="utf-8")) if results.exists() else {}
    for n in args.sizes:
        project = args.work / f"serve-{n}"
        made = make_project(project, n)
        (project / "logs").mkdir(exist_ok=True)
        timed([sys.executable, "-m", "scripts.normalize", "--sources", "sources", "--docs", "docs"],
              project, project / "logs" / "normalize.log", args.timeout)
        timed([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], project,
              project / "logs" / "build.log", args.timeout * 6)
        res = [i["id"] for i in made["instruments"] if i["id"].startswith("a-res-") and not i.get("real")][0]
        figures = measure_serve(project, res, n, args.timeout, args.mkdocs_max, min(args.mkdocs_max, 100))
        print(n, figures, flush=True)
        data.setdefault("sizes", {}).setdefault(str(n), {})["serve"] = figures
        dump(results, data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
