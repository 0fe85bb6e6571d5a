"""MkDocs hook: the theme's templates drop the indentation before their block tags
(Jinja's ``lstrip_blocks``), about 5% of every page, the same on every page of every
tree: the pages render the same (a line's indentation before a ``{% ... %}`` tag is
whitespace next to the line break before it), their words are the same, and no text of
a page passes through these templates' whitespace. Jinja's ``trim_blocks`` is not set:
it joins the words on either side of a tag (measured: 18 of 144 pages).

- on_env   every language build, and make serve's (scripts/page_rebuild.py), before
           any template is compiled
"""


def on_env(env, config, files):
    env.lstrip_blocks = True
    return env
