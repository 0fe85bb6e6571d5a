"""MkDocs hook: every page gets its Content-Security-Policy (accord/content_security.py),
computed from the page as written, so the hashes of its inline scripts are its own."""
from accord.content_security import with_policy


def on_post_page(output, page, config):
    return with_policy(output)
