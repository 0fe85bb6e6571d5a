"""The browser tests, run again and again on a loaded machine (issue 13): they must wait
for conditions, never for timers, and so pass every run however slow the machine is.

    python -m bench.browser_soak [--runs 20] [--builds 2] [--site site]

Beside the runs, ``--builds`` loops each build a copy of docs/ with MkDocs, without a
pause, for as long as the runs last (the load). Each run is a fresh pytest process over
the browser test files (they build and serve their own site; with ``--site``, the
browser tests of search and site serve that built site instead, as make zensical does,
so a run is shorter). Prints one line per run and a summary; exit status 1 if any run
failed. Not part of `make test`.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROWSER_TESTS = ["tests/test_browser_search.py", "tests/test_browser_site.py", "tests/test_text_is_text.py",
                 "tests/test_reader_tools.py"]


def _load(stop: threading.Event, folder: Path, counts: list, index: int) -> None:
    """Build the site from a copy of the project into ``folder`` until ``stop`` is set."""
    project = folder / "project"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    while not stop.is_set():
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(project / "mkdocs.yml"),
                        "-d", str(folder / "site")], cwd=project, env=env, capture_output=True)
        counts[index] += 1


def _copy_project(folder: Path) -> None:
    project = folder / "project"
    project.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("hooks", "accord", "overrides", "docs"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--builds", type=int, default=2, help="builds running beside the tests")
    parser.add_argument("--site", type=Path, help="a built site for the tests to serve (ACCORD_TEST_SITE)")
    args = parser.parse_args(argv)
    stop = threading.Event()
    counts = [0] * args.builds
    with tempfile.TemporaryDirectory(prefix="accord-soak-") as temp:
        loaders = []
        for index in range(args.builds):
            folder = Path(temp) / f"load-{index}"
            _copy_project(folder)
            loaders.append(threading.Thread(target=_load, args=(stop, folder, counts, index), daemon=True))
        for loader in loaders:
            loader.start()
        failed = []
        try:
            for run in range(1, args.runs + 1):
                started = time.monotonic()
                env = dict(os.environ, **({"ACCORD_TEST_SITE": str(args.site.resolve())} if args.site else {}))
                result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *BROWSER_TESTS],
                                        cwd=ROOT, capture_output=True, text=True, env=env)
                last = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
                print(f"run {run:2}/{args.runs}: {'passed' if result.returncode == 0 else 'FAILED'} in "
                      f"{time.monotonic() - started:5.0f} s, builds beside it so far {sum(counts)}: {last}", flush=True)
                if result.returncode != 0:
                    failed.append(run)
                    print(result.stdout[:6000], flush=True)      # the first error: its cause
        finally:
            stop.set()
            for loader in loaders:
                loader.join()
    print(f"{args.runs - len(failed)} of {args.runs} runs passed, {sum(counts)} builds ran beside them"
          + (f"; failed: {failed}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
