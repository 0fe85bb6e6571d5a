"""Every HTML page of the built site carries its Content-Security-Policy (accord/
content_security.py) as the first element of its head after the charset, the theme's own pages (404.html)
included, and the policy allows each of the page's inline scripts by its hash."""
import base64
import hashlib

from lxml import html

from accord.content_security import DIRECTIVES


def test_every_page_has_its_policy_first_with_the_hashes_of_its_inline_scripts(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert (built_site / "404.html") in pages
    for path in pages:
        root = html.parse(str(path)).getroot()
        head = root.find("head")
        first = next(child for child in head if isinstance(child.tag, str) and child.get("charset") is None)
        assert first.get("http-equiv") == "Content-Security-Policy", path
        policy = dict(part.strip().split(" ", 1) for part in first.get("content").split(";") if part.strip())
        assert policy["default-src"] == " ".join(DIRECTIVES["default-src"]), path
        for script in root.iter("script"):
            if script.get("src") or (script.get("type") or "text/javascript") not in ("text/javascript", "module"):
                continue
            digest = base64.b64encode(hashlib.sha256((script.text or "").encode("utf-8")).digest()).decode()
            assert f"'sha256-{digest}'" in policy["script-src"], (path, (script.text or "")[:60])
