"""Lighthouse 12, mobile preset, on pages of the built site served as GitHub Pages serves
it (gzip, under site_url's path), in Debian's Chromium (issue 14). Not part of make test.

    make lighthouse        (npm ci in bench/lighthouse/, make site, then this)
    python -m bench.lighthouse [--site site] [--out docs/benchmark/lighthouse.md] [PAGE ...]

Prints the four category scores of each page and writes them, with the command and the
versions, to ``--out``. PAGE is a path from the site's root (default: the English home,
the Chinese page of A/RES/71/19, the Arabic page of the 2018 draft).
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts import static_server

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync"
PAGES = ["", "zh/instruments/a-res-71-19/", "ar/instruments/ga-73-draft-un-interpol-cooperation/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".wasm", ".pf_meta", ".pf_index",
              ".pf_fragment", ".pf_filter"}


class Compressed(static_server.MountedSite):
    """The site as GitHub Pages serves it: gzip where the browser accepts it."""

    def send_head(self):
        path = Path(self.translate_path(self.path.split("?", 1)[0]))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix not in COMPRESSED or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")          # as GitHub Pages
        self.end_headers()
        return io.BytesIO(body)


def audit(url: str) -> dict:
    with tempfile.TemporaryDirectory() as temp:
        report = Path(temp) / "report.json"
        subprocess.run([str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet",
                        f"--chrome-path={CHROMIUM}", f"--chrome-flags={FLAGS}",
                        f"--only-categories={','.join(CATEGORIES)}"], check=True)
        data = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round(100 * data["categories"][name]["score"]) for name in CATEGORIES}
    failing = {name: [ref["id"] for ref in data["categories"][name]["auditRefs"]
                      if ref["weight"] and (data["audits"][ref["id"]]["score"] or 0) < 0.9]
               for name in CATEGORIES}
    return {"scores": scores, "below": failing, "version": data["lighthouseVersion"],
            "transfer": data["audits"]["total-byte-weight"]["numericValue"]}


def report(results: dict, version: str) -> str:
    lines = ["# Lighthouse", "",
             f"Lighthouse {version}, mobile preset (its default), Debian's Chromium, the site built by",
             "`make site` and served on 127.0.0.1 with gzip as GitHub Pages serves it:",
             "`make lighthouse` (`python -m bench.lighthouse`). Not part of `make test`; scores move a",
             "little from run to run, more on a loaded machine.", "",
             "| page | " + " | ".join(CATEGORIES) + " | transferred (KB) |",
             "|---|" + "---|" * (len(CATEGORIES) + 1)]
    for page, result in results.items():
        cells = [str(result["scores"][name]) for name in CATEGORIES] + [f"{result['transfer'] / 1024:.0f}"]
        lines.append(f"| `/{page}` | " + " | ".join(cells) + " |")
    lines += ["", "Audits below 0.9 that count towards a score:", ""]
    for page, result in results.items():
        below = "; ".join(f"{name}: {', '.join(ids)}" for name, ids in result["below"].items() if ids) or "none"
        lines.append(f"- `/{page}`: {below}")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmark" / "lighthouse.md")
    parser.add_argument("pages", nargs="*", default=PAGES)
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print(f"error: {LIGHTHOUSE} missing: make lighthouse installs it (npm ci in bench/lighthouse)", file=sys.stderr)
        return 1
    httpd = static_server.start(args.site.resolve(), Compressed)
    origin = static_server.address(httpd) + "/"
    results, version = {}, "?"
    try:
        for page in args.pages:
            result = audit(origin + page)
            version = result["version"]
            results[page] = result
            print(f"/{page}: {result['scores']}  {result['transfer'] / 1024:.0f} KB")
    finally:
        httpd.shutdown()
    args.out.write_text(report(results, version), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
