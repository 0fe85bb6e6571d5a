"""What a reader's browser downloads for a cold view of a page (issue 15).

    python -m bench.cold_view SITE [PATH ...]      (PATH relative to the site's root: "", "zh/citations/")

Each page is opened in a new Chromium context (an empty cache), served under its published
path (scripts/static_server.py), and left until the network is idle. Every response is
counted as GitHub Pages serves it: gzip for text (level 6, as a reader's browser receives
it), the bytes as they are for what is compressed already (images, Pagefind's files). A
request that fails or answers 400 or more is listed. Prints one JSON object per page;
``measure(site, paths)`` returns them.
"""
import gzip
import json
import sys
from pathlib import Path

from scripts import static_server

from .measure import ALREADY_COMPRESSED, launch

PAGES = ("", "zh/", "ar/")
COMPRESSED_TYPES = ("image/", "font/woff", "application/wasm")


def served_bytes(url, content_type, body):
    """The bytes of one response as GitHub Pages sends them (gzip for text)."""
    if url.split("?")[0].endswith(ALREADY_COMPRESSED) or content_type.startswith(COMPRESSED_TYPES):
        return len(body)
    return len(gzip.compress(body, 6))


def view(browser, origin, path):
    """{path, requests, bytes (as served), raw_bytes, largest [(bytes, url)], failed [url]}."""
    context = browser.new_context()
    page = context.new_page()
    seen, failed = [], []

    def on_response(response):
        try:
            body = response.body()
        except Exception:              # a redirect or an aborted response has no body
            body = b""
        if response.status >= 400:
            failed.append(f"{response.status} {response.url}")
        seen.append((served_bytes(response.url, response.headers.get("content-type", ""), body),
                     len(body), response.url))

    page.on("response", on_response)
    page.on("requestfailed", lambda request: failed.append(f"failed {request.url}"))
    page.goto(f"{origin}/{path}", wait_until="networkidle")
    context.close()
    return {"path": "/" + path, "requests": len(seen), "bytes": sum(s[0] for s in seen),
            "raw_bytes": sum(s[1] for s in seen),
            "largest": sorted(((s[0], s[2][len(origin):]) for s in seen), reverse=True)[:5],
            "failed": failed}


def measure(site, paths=PAGES):
    from playwright.sync_api import sync_playwright
    server = static_server.start(Path(site))
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            try:
                return [view(browser, static_server.address(server), path) for path in paths]
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    for figure in measure(argv[0], argv[1:] or PAGES):
        print(json.dumps(figure, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
