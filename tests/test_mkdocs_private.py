"""Every private MkDocs function `make serve` uses (scripts/mkdocs_private.py) is called
here, so that a MkDocs release that renames or changes one fails this test by name."""
import inspect
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation

from scripts import mkdocs_private

ROOT = Path(__file__).resolve().parent.parent


def test_the_private_functions_have_the_signatures_the_adapter_calls():
    assert list(inspect.signature(mkdocs_build._populate_page).parameters)[:3] == ["page", "config", "files"]
    assert list(inspect.signature(mkdocs_build._build_page).parameters)[:5] == [
        "page", "config", "doc_files", "nav", "env"]
    assert list(inspect.signature(mkdocs_build._build_theme_template).parameters)[:5] == [
        "template_name", "env", "files", "config", "nav"]


def test_a_page_is_rendered_and_written_through_the_adapter(tmp_path):
    """A one-page site: populate_page renders the Markdown, build_page writes the HTML."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Title\n\nA *page*.\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\nplugins: []\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    files = get_files(config)
    nav = get_navigation(files, config)
    env = config.theme.get_env()
    page = files.documentation_pages()[0].page
    mkdocs_private.populate_page(page, config, files)
    assert "<em>page</em>" in page.content
    mkdocs_private.build_page(page, config, files.documentation_pages(), nav, env)
    assert "<em>page</em>" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    mkdocs_private.build_theme_template("404.html", env, files, config, nav)
    assert "404" in (tmp_path / "site" / "404.html").read_text(encoding="utf-8")


def test_hook_modules_are_loaded_afresh_once_forgotten(tmp_path):
    hook = tmp_path / "hook.py"
    hook.write_text("VERSION = 1\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\nplugins: []\nhooks: [hook.py]\n", encoding="utf-8")

    def loaded():
        config = load_config(str(tmp_path / "mkdocs.yml"))
        return next(plugin for name, plugin in config.plugins.items() if name.endswith("hook.py"))

    assert loaded().VERSION == 1
    hook.write_text("VERSION = 2\n", encoding="utf-8")
    assert loaded().VERSION == 1               # MkDocs keeps the module it loaded
    mkdocs_private.forget_hooks()
    assert loaded().VERSION == 2


def test_the_reload_server_can_be_asked_to_rebuild_and_rewrites_pages(tmp_path):
    class Marked(mkdocs_private.ReloadServer):
        def rewrite_page(self, html):
            return html.replace("<body>", '<body data-rewritten="yes">')

    server = Marked(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        server.request_rebuild()
        assert server._want_rebuild is True
        page = server._inject_js_into_html(b"<html><head></head><body><p>x</p></body></html>", 1)
        assert b'data-rewritten="yes"' in page
        assert b"livereload" in page
    finally:
        server.server_close()
