"""The full build of two checkouts side by side, on the same synthetic corpus.

    python -m bench.side_by_side OTHER_CHECKOUT [--size 100] [--runs 3] [--work /tmp/accord-side]

Each checkout makes its own throw-away project with its own bench/generate.py (its own
hooks, accord/ and templates) from the same synthetic corpus size, normalizes it, then
`mkdocs build --strict` runs alternately in the two projects, ``--runs`` times each, so
that the machine's load falls on both alike. Printed: the median wall and CPU time of
each and their ratio. A benchmark report, not a test (make bench's companion: issue 12
asks that the build at 100 instruments be no slower than before the change).
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def make(checkout: Path, project: Path, size: int) -> None:
    """A project of ``size`` instruments made by ``checkout``'s own generator, normalized."""
    code = (f"import sys; sys.path.insert(0, {str(checkout)!r}); "
            f"from bench.generate import make_project; make_project({str(project)!r}, {size})")
    env = dict(ENV, PYTHONPATH=str(checkout))
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=checkout)
    if not (project / "accord").exists():        # a generator from before accord/ was copied
        shutil.copytree(checkout / "accord", project / "accord", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "scripts.normalize", "--no-cache", "--sources", "sources", "--docs", "docs"],
                   check=True, env=dict(ENV, PYTHONPATH=f"{project}:{checkout}"), cwd=project, stdout=subprocess.DEVNULL)


def build(checkout: Path, project: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the build process) of one full build."""
    shutil.rmtree(project / "site", ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", "site"], check=True,
                   env=dict(ENV, PYTHONPATH=f"{project}:{checkout}"), cwd=project, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="the other checkout (a git worktree of the commit before)")
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/accord-side"))
    args = parser.parse_args(argv)
    checkouts = {"this": ROOT, "other": args.other.resolve()}
    projects = {name: args.work / name for name in checkouts}
    for name, checkout in checkouts.items():
        make(checkout, projects[name], args.size)
    figures = {name: [] for name in checkouts}
    for _ in range(args.runs):
        for name, checkout in checkouts.items():
            figures[name].append(build(checkout, projects[name]))
    medians = {name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
               for name, runs in figures.items()}
    for name, (wall, cpu) in medians.items():
        print(f"{name:5} {checkouts[name]}: build of {args.size} instruments, median of {args.runs}: "
              f"{wall:.1f} s wall, {cpu:.1f} s CPU")
    print(f"this / other: {medians['this'][0] / medians['other'][0]:.2f} wall, "
          f"{medians['this'][1] / medians['other'][1]:.2f} CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
