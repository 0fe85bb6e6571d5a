"""A Content-Security-Policy on every page: what a page may load and run.

GitHub Pages, where the site is published, sets no headers of the site's choosing, so
the policy is a ``<meta http-equiv="Content-Security-Policy">`` as the first element of
the head. It allows scripts, styles, images, fonts and connections from the site itself
only, no frame, no plugin, no inline event handler and no ``javascript:`` address; the
inline scripts the theme writes (Material's scope, palette and anchor scripts) are
allowed by their SHA-256 hash, computed from each page as built, since they differ
with the page's depth. Pagefind's search runs WebAssembly, hence 'wasm-unsafe-eval'
(which allows compiling WebAssembly, not JavaScript's eval).

    >>> page = '<html><head><meta charset="utf-8"><script>x=1</script></head><body></body></html>'
    >>> out = with_policy(page)
    >>> out.index('http-equiv="Content-Security-Policy"') < out.index("<script>")
    True
    >>> "script-src 'self' 'wasm-unsafe-eval' 'sha256-" in out
    True
"""
import base64
import hashlib
import re

from lxml import html as lxml_html

# The directives, in the order written. The hashes of the page's inline scripts are
# added to script-src.
DIRECTIVES = {
    "default-src": ["'none'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],          # Material's icons are data: SVGs in its CSS
    "font-src": ["'self'"],
    "connect-src": ["'self'"],               # Pagefind's index, the data downloads
    "manifest-src": ["'self'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-src": ["'none'"],
    "object-src": ["'none'"],
}
# Script types a browser runs (anything else, like Material's application/json
# configuration, is data and needs no hash).
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
# Where the policy goes: right after the opening <head> tag (and the charset, which must
# stay within the first bytes), before any script.
HEAD = re.compile(r"<head[^>]*>\s*(?:<meta charset=[^>]*>)?", re.I)


def inline_script_hashes(page_html):
    """'sha256-...' of each inline script that runs, in page order, without repeats."""
    root = lxml_html.document_fromstring(page_html)
    hashes = []
    for script in root.iter("script"):
        if script.get("src") is None and (script.get("type") or "").strip().lower() in SCRIPT_TYPES:
            digest = hashlib.sha256((script.text or "").encode("utf-8")).digest()
            source = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
            if source not in hashes:
                hashes.append(source)
    return hashes


def policy(page_html):
    """The policy of one page: the directives, with its inline scripts' hashes."""
    directives = {name: list(values) for name, values in DIRECTIVES.items()}
    directives["script-src"] += inline_script_hashes(page_html)
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def with_policy(page_html):
    """The page with its policy as the first element of the head (after the charset)."""
    match = HEAD.search(page_html)
    if match is None:
        raise ValueError("the page has no <head>: no Content-Security-Policy can be given to it")
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(page_html)}">'
    return page_html[: match.end()] + tag + page_html[match.end():]


# The policy as with_policy writes it.
POLICY_TAG = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def with_policy_again(page_html):
    """The page's policy made anew, for a page that gained inline scripts after it was
    built (make serve's live-reload script)."""
    return with_policy(POLICY_TAG.sub("", page_html, count=1))
