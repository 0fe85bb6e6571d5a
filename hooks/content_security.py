"""MkDocs hook: every page gets its Content-Security-Policy (accord/content_security.py),
computed from the page as written, so the hashes of its inline scripts are its own;
the theme's own pages (404.html) too."""
from accord.content_security import with_policy


def on_post_page(output, page, config):
    return with_policy(output)


def on_post_template(output_content, template_name, config):
    return with_policy(output_content) if template_name.endswith(".html") else output_content
