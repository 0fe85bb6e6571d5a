"""MkDocs hook: the sitemap of each language tree (accord/sitemap.py), beside the index
that the theme writes as sitemap.xml (overrides/sitemap.xml).

- on_env         the default language's build keeps its files (every page of the site)
- on_post_build  that build writes every tree's sitemap from them
"""
from accord import sitemap

STATE = {"files": None}


def _i18n(config):
    return config.plugins.get("i18n")


def _is_default_build(config):
    i18n = _i18n(config)
    return i18n is None or getattr(i18n, "is_default_language_build", True)


def on_env(env, config, files):
    if _is_default_build(config):
        STATE["files"] = files
    return env


def on_post_build(config):
    i18n = _i18n(config)
    if i18n is None or not _is_default_build(config) or STATE["files"] is None:
        return
    pages = [file.page for file in STATE["files"].documentation_pages() if file.page and not file.page.is_link]
    trees = [lang.locale for lang in i18n.config.languages]
    lastmod = pages[0].update_date if pages else None
    sitemap.write(config.site_dir, [page.url for page in pages], trees, i18n.default_language, config.site_url, lastmod)
