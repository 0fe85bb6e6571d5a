"""MkDocs hook: Accord's own stylesheets and scripts as one minified file each
(accord/asset_bundle.py).

- on_config      every page links the two bundles in place of the files mkdocs.yml
                 lists (each language build asks again: the lists are read once); the
                 search box is told where the third is (config.extra.accord_later_css)
- on_post_build  the bundles written into the site from those files (docs/, then the
                 theme's folders); make serve writes them again when one of the files
                 changes (scripts/page_rebuild.py)
"""
from mkdocs.config.config_options import ExtraScriptValue

from accord import asset_bundle

SOURCES = asset_bundle.SOURCES


def on_config(config):
    if SOURCES not in config.extra:
        config.extra[SOURCES] = {"css": list(config.extra_css),
                                 "js": [getattr(script, "path", script) for script in config.extra_javascript]}
        config.extra_css[:] = [asset_bundle.CSS]
        config.extra_javascript[:] = [ExtraScriptValue(asset_bundle.JS)]
        # the stylesheet the search box loads when it is first opened (partials/search.html)
        config.extra["accord_later_css"] = asset_bundle.LATER_CSS
    return config


def on_post_build(config):
    asset_bundle.write_for(config)
