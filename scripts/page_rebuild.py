"""Rebuild only the pages an edit of docs/ touches, in every language tree.

`mkdocs build` (and `mkdocs serve`, which runs it again on every change) renders every
page of the six language trees: minutes at 1,000 instruments. `make serve` keeps, per
language, what MkDocs and the i18n plugin worked out for the whole site (the files of
the tree, its navigation, its template environment) and, after an edit, renders again
only:

- the edited page in each tree (its own text, and the fallback page of every other
  language, which shows that text);
- both ends of every citation link the edit added, removed or changed (the citing
  page's link, the cited page's "Cited by"), and, when front matter changed, the pages
  linked with the edited one (they show its title);
- the navigation pages (catalogue, data, citations, history) when front matter changed
  or a page was added or removed, and the other parts of the catalogue and the citation
  graph (accord/listing.py) with their list's own page; the citation graph when citations changed; the
  history when a text it quotes changed; every page of a tree (and the theme's 404 page) when a navigation
  title changed.

tests/test_serve.py holds each of these to a full build of the edited docs/: every
HTML page must be byte-identical.

The hooks see the edit as in a full build: their corpus scan (accord/docs_scan.py)
parses again only the changed pages. What is left to `make site`: the search index and
the data/ downloads (both are built from the whole site after a build).
"""
from __future__ import annotations

import gc
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import Files, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from accord import corpus as corpus_model
from accord import asset_bundle, docs_scan, listing, reader_data
from accord.identifiers import PagePath

from . import mkdocs_private

log = logging.getLogger("accord.rebuild")


def _page_key(path: str) -> str:
    return PagePath.parse(path).key


@dataclass
class Tree:
    """What one language build knows about the whole site."""

    files: Files
    nav: Navigation
    env: object
    pages_by_key: dict = field(default_factory=dict)     # page key -> [File]
    doc_files: list = field(default_factory=list)        # files.documentation_pages()


@dataclass
class Rebuilt:
    """The outcome of one rebuild: the HTML files written, per language, and warnings."""

    written: dict = field(default_factory=dict)           # lang -> [path]
    removed: list = field(default_factory=list)
    warnings: int = 0
    full: bool = False

    def count(self) -> int:
        return sum(len(paths) for paths in self.written.values())


def snapshot(folder: Path) -> dict:
    """{path relative to folder: (mtime_ns, size)} of every file under folder."""
    found = {}
    root = str(folder)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        rel_dir = os.path.relpath(dirpath, root)
        for name in filenames:
            stat = os.stat(os.path.join(dirpath, name))
            rel = name if rel_dir == "." else f"{rel_dir}/{name}".replace(os.sep, "/")
            found[rel] = (stat.st_mtime_ns, stat.st_size)
    return found


def changes(before: dict, after: dict) -> tuple[set, set, set]:
    """(changed, added, removed) paths between two snapshots."""
    changed = {rel for rel, key in after.items() if rel in before and before[rel] != key}
    return changed, set(after) - set(before), set(before) - set(after)


class PageRebuilder:
    """The six language trees of a built site, kept to rebuild single pages."""

    def __init__(self, config_file: str = "mkdocs.yml"):
        self.config_file = config_file
        self.config = load_config(config_file)
        self.config.plugins.on_startup(command="serve", dirty=False)
        self.i18n = self.config.plugins["i18n"]
        default = self.i18n.default_language
        self.languages = [default] + [lang for lang in self.i18n.build_languages if lang != default]
        self.docs = Path(self.config.docs_dir)
        self.trees: dict[str, Tree] = {}
        self.docs_state: dict = {}

    # ------------------------------------------------------------------ set-up

    def _configure(self, lang: str):
        """Run the config and pre-build events for one language, as its build does."""
        self.i18n.current_language = lang
        config = self.config.plugins.on_config(self.config)
        # the i18n plugin puts its sitemap template folder first again on every call
        config.theme.dirs[:] = list(dict.fromkeys(config.theme.dirs))
        config.plugins.on_pre_build(config=config)
        self.config = config
        return config

    def prepare(self) -> None:
        """Work out every language tree as its build does, rendering only the
        navigation pages (which the theme needs to draw any page)."""
        state = snapshot(self.docs)
        trees = {}
        for lang in self.languages:
            config = self._configure(lang)
            files = get_files(config)
            env = config.theme.get_env()
            files.add_files_from_theme(env, config)
            files = config.plugins.on_files(files, config=config)
            set_exclusions(files, config)
            nav = get_navigation(files, config)
            nav = config.plugins.on_nav(nav, config=config, files=files)
            for page in nav.pages:
                mkdocs_private.populate_page(page, config, files)
            env = config.plugins.on_env(env, config=config, files=files)
            tree = Tree(files=files, nav=nav, env=env, doc_files=files.documentation_pages())
            for file in tree.doc_files:
                tree.pages_by_key.setdefault(_page_key(file.src_uri), []).append(file)
            trees[lang] = tree
            self._warm_up(config, tree)
        self.trees, self.docs_state = trees, state
        self._keep()

    @staticmethod
    def _keep() -> None:
        """What the trees and the corpus model hold lives until the next edit: out of the
        garbage collector's reach (its full passes over them took a second at 5,000
        instruments, in the middle of a rebuild). Garbage made later is still collected."""
        gc.collect()
        gc.freeze()

    @staticmethod
    def _warm_up(config, tree: Tree) -> None:
        """Compile the page templates now rather than on the first edit: render the first
        instrument page of the tree (the same HTML as the full build wrote)."""
        for file in tree.doc_files:
            if file.src_uri.startswith("instruments/"):
                Page(None, file, config)
                mkdocs_private.populate_page(file.page, config, tree.files)
                mkdocs_private.build_page(file.page, config, tree.files.documentation_pages(), tree.nav, tree.env)
                return

    # ------------------------------------------------------------------ rebuild

    def _corpus(self, fresh: bool):
        """The corpus as the pages see it: {rel: meta} and the citation links (the graph's
        edges by key); as the last build saw it, or (fresh) as docs/ stands now."""
        if fresh:
            self._configure(self.languages[0])        # the pre-build: the model sees the edit
            pages = docs_scan.instrument_pages(self.docs)
        else:
            pages = docs_scan.last_scan(self.docs)
        meta = {rel: m for _, rel, m, _ in pages}
        model = corpus_model.last(self.docs)
        return meta, (model.graph.keyed if model is not None and model.graph is not None else {})

    def _series_instruments(self) -> set:
        """The instruments the history page quotes (accord/series.yml)."""
        found = set()
        for series in reader_data.series():
            for step in series.get("steps") or []:
                found.add(step.get("instrument"))
                found.add((step.get("source") or {}).get("instrument"))
        return found - {None}

    def rebuild(self) -> Rebuilt:
        """Compare docs/ with the last look at it and render again what changed."""
        after = snapshot(self.docs)
        changed, added, removed = changes(self.docs_state, after)
        result = Rebuilt()
        if not (changed or added or removed):
            return result
        counter = CountHandler()
        counter.setLevel(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(counter)
        try:
            meta_before, edges_before = self._corpus(fresh=False)
            with docs_scan.pinned(self.docs, after):
                self._rebuild(changed, added, removed, result, meta_before, edges_before)
        finally:
            logging.getLogger("mkdocs").removeHandler(counter)
        result.warnings = sum(count for _, count in counter.get_counts())
        self.docs_state = after
        return result

    def _rebuild(self, changed: set, added: set, removed: set, result: Rebuilt,
                 meta_before: dict, edges_before: set) -> None:
        if added or removed:
            old_trees = self.trees
            self.prepare()
            self._remove_outputs(old_trees, result)
        meta_after, edges_after = self._corpus(fresh=True)
        pages = {rel for rel in changed | added | removed if rel.endswith(".md")}
        keys = {_page_key(rel) for rel in pages}
        # a citation link added, removed or changed (say its paragraph id is gone): the
        # citing page's link and the cited page's "Cited by" both change
        for edge_key in edges_before.keys() ^ edges_after.keys():
            edge = edges_before.get(edge_key) or edges_after[edge_key]
            keys.update(edge[name] for name in ("from_page", "to_page") if edge[name])
        # new front matter (a title): the pages that name this one in their links or "Cited by"
        retitled = {_page_key(rel) for rel in pages if meta_before.get(rel) != meta_after.get(rel)}
        for edge in edges_after.values():
            if edge["from_page"] in retitled and edge["to_page"]:
                keys.add(edge["to_page"])
            if edge["to_page"] in retitled:
                keys.add(edge["from_page"])
        # a page of an instrument added, removed or retitled: every page of the instrument
        # shows it (an agreement's articles list one another and name the agreement)
        touched = {PagePath.parse(rel).instrument for rel in added | removed | pages
                   if rel.endswith(".md") and (rel in added or rel in removed or _page_key(rel) in retitled)}
        keys.update(_page_key(rel) for rel, meta in meta_after.items()
                    if (meta or {}).get("instrument") in touched - {None})
        nav_pages = [page.file.src_uri for page in self.trees[self.languages[0]].nav.pages]
        if added or removed or retitled:
            nav_sources = set(nav_pages)
        else:
            nav_sources = set()
            if edges_before.keys() != edges_after.keys():
                nav_sources.add("citations.md")
            edited = {(meta_after.get(rel) or {}).get("instrument") for rel in pages}
            if edited & self._series_instruments():
                nav_sources.add("history.md")
        for lang in self.languages:
            result.written[lang] = self._render(lang, keys, nav_sources)
        for rel in (changed | added) - pages:
            self._copy_static(rel, result)

    def _render(self, lang: str, keys: set, nav_sources: set) -> list:
        """Render again, in one language tree, the pages with these keys."""
        tree = self.trees[lang]
        config = self._configure(lang)
        nav = config.plugins.on_nav(tree.nav, config=config, files=tree.files)
        targets = [file for key in sorted(keys) for file in tree.pages_by_key.get(key, [])]
        targets += [page.file for page in nav.pages if page.file.src_uri in nav_sources]
        doc_files = tree.doc_files
        # the other parts of a list rendered again with its own page (accord/listing.py)
        lists = {kind for kind, home in listing.HOMES.items() if home in nav_sources}
        if lists:
            targets += [file for file in doc_files if listing.is_part_path(file.src_uri)
                        and file.src_uri.split("/")[0] in lists and file not in targets]
        titles = [page.title for page in nav.pages]
        for file in targets:
            if file.page is None:
                Page(None, file, config)
            mkdocs_private.populate_page(file.page, config, tree.files)
        every_page = [page.title for page in nav.pages] != titles
        if every_page:
            # a navigation page has a new title: it stands in every page's navigation
            log.info("%s: a navigation title changed: rendering every page of the tree", lang)
            rest = [file for file in doc_files if file not in targets]
            for file in rest:
                if file.page is None:
                    Page(None, file, config)
                mkdocs_private.populate_page(file.page, config, tree.files)
            targets += rest
        env = config.plugins.on_env(tree.env, config=config, files=tree.files)
        for file in targets:
            mkdocs_private.build_page(file.page, config, doc_files, nav, env)
        written = [file.abs_dest_path for file in targets]
        if every_page:
            # the theme's own pages (404.html) show the navigation too; each tree's
            # build writes them, where the hooks put them (hooks/site_content.py), as in
            # a full build
            for name in config.theme.static_templates:
                mkdocs_private.build_theme_template(name, env, tree.files, config, nav)
                written.append(os.path.join(config.site_dir, name))   # or into the tree
        return written

    def _copy_static(self, rel: str, result: Rebuilt) -> None:
        """A changed asset (stylesheet, script, image) copied again into every tree, and
        the bundle it is part of made again (accord/asset_bundle.py)."""
        for lang, tree in self.trees.items():
            file = tree.files.get_file_from_path(rel)
            if file is not None and not file.is_documentation_page():
                file.copy_file(dirty=False)
                result.written.setdefault(lang, []).append(file.abs_dest_path)
        bundles = asset_bundle.write_for(self.config, changed=rel)
        result.written.setdefault(self.languages[0], []).extend(map(str, bundles))

    def _remove_outputs(self, old_trees: dict, result: Rebuilt) -> None:
        """The output of pages and assets that no tree has any more (their source was deleted)."""
        old = {file.abs_dest_path for tree in old_trees.values() for file in tree.files}
        new = {file.abs_dest_path for tree in self.trees.values() for file in tree.files}
        for dest in sorted(old - new):
            if os.path.exists(dest):
                os.unlink(dest)
                result.removed.append(dest)
