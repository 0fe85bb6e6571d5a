"""The one module that reaches into MkDocs' private functions (MkDocs 1.6.1, pinned).

`make serve` renders the pages an edit touches, one by one, and lets its live-reload
server be asked for a reload and rewrite the pages it serves: MkDocs has no public API
for any of it. Everything private it uses is here, and tests/test_mkdocs_private.py
calls each one, so that a MkDocs release that changes them fails a test by name instead
of breaking `make serve` in a contributor's terminal.
"""
from mkdocs.commands import build as _build
from mkdocs.config import config_options as _config_options
from mkdocs.livereload import LiveReloadServer


def populate_page(page, config, files):
    """Read a page's Markdown and render it to HTML (MkDocs' _populate_page)."""
    _build._populate_page(page, config, files)


def build_page(page, config, doc_files, nav, env):
    """Render a page into its template and write it (MkDocs' _build_page)."""
    _build._build_page(page, config, doc_files, nav, env)


def build_theme_template(name, env, files, config, nav):
    """Render one of the theme's static templates (404.html, sitemap.xml) and write it
    (MkDocs' _build_theme_template): its navigation shows the pages' titles."""
    _build._build_theme_template(name, env, files, config, nav)


def forget_hooks():
    """Load the hook modules afresh at the next load_config: MkDocs keeps each hook
    module it loaded, by path, for the life of the process (the lru_cache of
    config_options.Hooks._load_hook), so an edited hook would otherwise never run."""
    _config_options.Hooks._load_hook.cache_clear()


class ReloadServer(LiveReloadServer):
    """MkDocs' live-reload server with two additions: a rebuild can be asked for
    directly (not only by a watched file), and every HTML page it serves, with its reload
    script added, passes through ``rewrite_page``."""

    def request_rebuild(self) -> None:
        """What the server's own watch callback does on an edit."""
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()

    def rewrite_page(self, html: str) -> str:
        """A served page, its reload script in place; as it is, unless overridden."""
        return html

    def _inject_js_into_html(self, content, epoch):
        content = super()._inject_js_into_html(content, epoch)
        return self.rewrite_page(content.decode("utf-8")).encode("utf-8")
