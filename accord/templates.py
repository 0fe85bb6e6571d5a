"""The site's HTML comes from Jinja partials in overrides/partials/, under one policy:
autoescaping on, so a value is text unless a stage passes it as ``markup()`` (Markdown
that the page policy, accord/page_policy.py, checks once the page is rendered).

Engine-independent: the partials are read from overrides/ directly, not through the
engine's theme, so the same partial renders the same HTML for MkDocs (hooks/) and for
make zensical's pre-build.
"""
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

OVERRIDES = Path(__file__).resolve().parent.parent / "overrides"


@lru_cache(maxsize=2)
def _environment(trim_blocks: bool) -> jinja2.Environment:
    base = _base()
    return base.overlay(trim_blocks=True, lstrip_blocks=True) if trim_blocks else base


@lru_cache(maxsize=1)
def _base() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(OVERRIDES)), autoescape=True,
                              undefined=jinja2.StrictUndefined)


def render(name: str, trim_blocks: bool = False, **values) -> str:
    """overrides/<name> rendered with ``values``. ``trim_blocks`` for a partial written
    one HTML element a line, with its block tags on lines of their own (the reader
    pages): the lines of those tags leave nothing in the output (Jinja's trim_blocks and
    lstrip_blocks, on an overlay of the same environment, so the same escaping)."""
    return _environment(trim_blocks).get_template(name).render(**values)


def markup(text: str) -> Markup:
    """Text a stage made (Markdown, or HTML from another partial) that goes in unescaped."""
    return Markup(text)
