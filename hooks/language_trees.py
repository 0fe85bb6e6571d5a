"""MkDocs hook: a build of some language trees only, `make site LANGS="ar zh"` (the
environment's ACCORD_LANGS), so that the six trees can be built on six machines and
merged (scripts/merge_sites.py): the trees not named are not built. mkdocs-static-i18n
always builds the default language's tree (the site's root, with the files every tree
shares: assets, data/, the sitemap), so each such build writes it too; the merge checks
that every copy of it is the same. A page links the trees that are not built as the
whole build does (hooks/site_content.py language links, overrides/sitemap.xml), so the
merged site equals a single build, byte for byte (tests/test_language_trees.py).

- on_config   the i18n plugin's ``build`` of each language, before it reads them
"""
import os

from mkdocs.exceptions import PluginError

VARIABLE = "ACCORD_LANGS"


def on_config(config):
    wanted = os.environ.get(VARIABLE, "").split()
    i18n = config.plugins.get("i18n")
    if not wanted or i18n is None:
        return config
    known = [lang.locale for lang in i18n.config.languages]
    unknown = [code for code in wanted if code not in known]
    if unknown:
        raise PluginError(f"{VARIABLE}={' '.join(wanted)}: no language tree {', '.join(unknown)} "
                          f"(the site's trees: {' '.join(known)})")
    for lang in i18n.config.languages:
        lang.build = lang.default or lang.locale in wanted
    return config
