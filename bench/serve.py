"""Edit-to-page time of the live preview (`mkdocs serve`, what `make preview` runs).

Start `mkdocs serve --strict` on a benchmark project (or `--dirty --no-strict`: MkDocs
warns about a dirty build, fatal under the project's `strict: true`), wait for the page, append a marker paragraph to its
Markdown, and time until the served page holds the marker: the watcher's delay, the
rebuild and the reload, as a contributor meets them.
"""
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .measure import env


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


def edit_to_page(project, page_md, url_path, dirty=False, timeout=300, log=None):
    """Seconds from the edit of ``docs/<page_md>`` to the served page showing it."""
    project = Path(project)
    port = _free_port()
    # --no-livereload would stop the watcher too; --dirty warns, so it runs without --strict.
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-f", "mkdocs.yml", "--dev-addr", f"127.0.0.1:{port}"]
    cmd += ["--dirty", "--no-strict"] if dirty else ["--strict"]
    out = open(log or project / "logs" / f"serve{'-dirty' if dirty else ''}.log", "w", encoding="utf-8")
    proc = subprocess.Popen(cmd, cwd=project, stdout=out, stderr=subprocess.STDOUT, env=env())
    target = project / "docs" / page_md
    original = target.read_text(encoding="utf-8")
    url = f"http://127.0.0.1:{port}{url_path}"
    result = {"dirty": dirty, "page": url_path}
    try:
        start = time.perf_counter()
        while _get(url) is None:
            if proc.poll() is not None or time.perf_counter() - start > timeout:
                result["error"] = "the server did not come up"
                return result
            time.sleep(0.5)
        result["first_build_s"] = round(time.perf_counter() - start, 1)
        time.sleep(1.0)                       # let the watcher settle
        marker = f"BENCHMARK-EDIT-{int(time.time())}"
        target.write_text(original.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
        edited = time.perf_counter()
        while True:
            body = _get(url)
            if body and marker in body:
                result["edit_to_page_s"] = round(time.perf_counter() - edited, 2)
                return result
            if proc.poll() is not None:
                result["error"] = "the server stopped"
                return result
            if time.perf_counter() - edited > timeout:
                result["error"] = f"no rebuild within {timeout} s"
                return result
            time.sleep(0.1)
    finally:
        target.write_text(original, encoding="utf-8")
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        out.close()


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
    args = parser.parse_args(argv)
    results = args.results or args.work / "results.json"
    data = json.loads(results.read_text(encoding="utf-8")) if results.exists() else {}
    for n in args.sizes:
        project = args.work / f"serve-{n}"
        made = make_project(project, n)
        (project / "logs").mkdir(exist_ok=True)
        timed([sys.executable, "-m", "scripts.normalize", "--sources", "sources", "--docs", "docs"],
              project, project / "logs" / "normalize.log", args.timeout)
        res = [i["id"] for i in made["instruments"] if i["id"].startswith("a-res-") and not i.get("real")][0]
        figures = [edit_to_page(project, f"instruments/{res}.zh.md", f"/zh/instruments/{res}/", dirty=dirty,
                                timeout=args.timeout) for dirty in (False, True)]
        print(n, figures, flush=True)
        data.setdefault("sizes", {}).setdefault(str(n), {})["serve"] = figures
        dump(results, data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
