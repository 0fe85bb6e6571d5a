"""Serve the built site on 127.0.0.1 and rebuild what an edit changes (`make serve`).

    python -m scripts.serve [--port 8000] [--config mkdocs.yml]

The site must have been built first (`make site`, which `make serve` runs). Then:

- an edit of a page in docs/ renders again only the pages it touches, in the six
  language trees (scripts/page_rebuild.py): the browser reloads the page by itself;
- an edit in sources/ runs the normalizer, whose new pages are then rendered the same way;
- an edit of mkdocs.yml, hooks/, accord/ or overrides/ rebuilds the whole site (`mkdocs build`
  and the search index), as those change every page.

The search index and the data/ downloads are those of the last full build: `make site`
(or an edit of mkdocs.yml) brings them up to date.

The server is MkDocs' own live-reload server (it injects the reload script into the
pages it serves; the published site never has it), bound to 127.0.0.1 only.
"""
from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import watchdog.events
import watchdog.observers
from accord.content_security import with_policy_again
from accord.library import site_path, site_url

from . import mkdocs_private
from .mkdocs_private import ReloadServer

from . import page_rebuild
from .page_rebuild import PageRebuilder, changes, snapshot

HOST = "127.0.0.1"
# What a change under each watched path calls for.
SITE_WIDE = ("mkdocs.yml", "hooks", "accord", "overrides")
# Folders that the normalizer and `make add` replace whole (a new folder swapped in).
REPLACED_WHOLE = ("docs", "sources")
log = logging.getLogger("accord.serve")
# Only what changes a file: reading one (the rebuild reads many) is an event for inotify too.
EDIT_EVENTS = [watchdog.events.FileCreatedEvent, watchdog.events.FileModifiedEvent,
               watchdog.events.FileDeletedEvent, watchdog.events.FileMovedEvent,
               watchdog.events.FileClosedEvent]


class EditObserver(watchdog.observers.Observer):
    """The platform's file-system observer (inotify on Linux: no polling delay), told
    only of the events that change a file."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        return super().schedule(event_handler, path, recursive=recursive,
                                event_filter=event_filter or EDIT_EVENTS, follow_symlink=follow_symlink)


class Server(ReloadServer):
    """MkDocs' live-reload server, whose reload script the pages' Content-Security-Policy
    allows."""

    def rewrite_page(self, html: str) -> str:
        """MkDocs adds an inline script (its epoch and a request id: new on each request)
        before </body>; the page's policy gets that script's hash too, else the tab
        would never reload itself."""
        return with_policy_again(html)


def watch_replaced_trees(server: Server, project: Path, names=REPLACED_WHOLE) -> None:
    """Watch docs/ and sources/ again each time they are replaced whole.

    The normalizer and `make add` swap in a new docs/ (and sources/) folder in one step
    (scripts/transaction.py). inotify watches an inode, not a name: the watch stays on
    the old folder, which is then deleted, and every later edit of the new folder would
    go unseen. A watch of the project folder itself (not recursive: two events per swap)
    sees a folder of that name arrive; its watch is then made again, and the site rebuilt
    from the new tree, which no file event inside a watched folder announced."""
    paths = {str(project / name) for name in names}

    def arrived(event) -> None:
        path = os.fsdecode(getattr(event, "dest_path", "") or event.src_path)
        if event.is_directory and path in paths:
            with contextlib.suppress(KeyError):       # not watched yet: it did not exist
                server.unwatch(path)
            server.watch(path)
            log.debug("%s replaced: watching the new folder", path)
            server.request_rebuild()

    handler = watchdog.events.FileSystemEventHandler()
    handler.on_any_event = arrived
    server.observer.schedule(handler, str(project), recursive=False,
                             event_filter=[watchdog.events.DirCreatedEvent, watchdog.events.DirMovedEvent])


class SiteWatcher:
    """Rebuilds after edits: called by the server, one edit (or burst of edits) at a time."""

    def __init__(self, project: Path, config_file: str):
        self.project = project
        self.config_file = config_file
        self.rebuilder: PageRebuilder | None = None
        self.ready = threading.Event()
        self.lock = threading.Lock()
        self.sources = project / "sources"
        self.sources_state = snapshot(self.sources) if self.sources.is_dir() else {}
        self.site_wide_state = self._site_wide_snapshot()

    def _site_wide_snapshot(self) -> dict:
        state = {}
        for name in SITE_WIDE:
            path = self.project / name
            if path.is_dir():
                state.update({f"{name}/{rel}": key for rel, key in snapshot(path).items()
                              if "__pycache__" not in rel})
            elif path.exists():
                stat = path.stat()
                state[name] = (stat.st_mtime_ns, stat.st_size)
        return state

    def prepare(self) -> None:
        """Work out the six language trees (in the background while the server starts)."""
        with self.lock:
            self._prepare()
        self.ready.set()

    def _prepare(self) -> None:
        started = time.monotonic()
        try:
            rebuilder = page_rebuild.PageRebuilder(self.config_file)
            rebuilder.prepare()
        except Exception as error:                 # say so; the next edit builds the whole site
            self.rebuilder = None
            log.error("Cannot rebuild single pages: %s", error)
            return
        self.rebuilder = rebuilder
        log.info("Ready to rebuild single pages (%d languages, %.1f s)",
                 len(rebuilder.languages), time.monotonic() - started)

    def __call__(self) -> None:
        self.ready.wait()
        with self.lock:
            site_wide = self._site_wide_snapshot()
            if site_wide != self.site_wide_state or self.rebuilder is None:
                self.site_wide_state = site_wide
                self._full_build()
                return
            if self.sources.is_dir():
                self._normalize_if_changed()
            started = time.monotonic()
            try:
                result = self.rebuilder.rebuild()
            except Exception as error:             # the pages stay as they were; fix and save again
                log.error("Could not rebuild: %s", error)
                return
            if result.count() or result.removed:
                pages = sorted({os.path.relpath(path, self.rebuilder.config.site_dir)
                                for paths in result.written.values() for path in paths})
                shown = ", ".join(pages[:6]) + (f" and {len(pages) - 6} more" if len(pages) > 6 else "")
                log.info("Rebuilt %d page(s) in %.2f s: %s%s", result.count(), time.monotonic() - started,
                         shown, f"; {result.warnings} warning(s) above" if result.warnings else "")

    def _normalize_if_changed(self) -> None:
        after = snapshot(self.sources)
        if any(changes(self.sources_state, after)):
            self.sources_state = after
            log.info("sources/ changed: running the normalizer")
            subprocess.run([sys.executable, "-m", "scripts.normalize"], cwd=self.project, check=False)

    def _full_build(self) -> None:
        """mkdocs.yml, a hook or a template changed: every page and the search index."""
        log.info("Rebuilding the whole site (mkdocs.yml, hooks/, accord/ or overrides/ changed)")
        if self.sources.is_dir():
            self._normalize_if_changed()
        for command in (["-m", "mkdocs", "build", "--strict", "--quiet", "-f", self.config_file],
                        ["-m", "scripts.build_search", str(self.project / "site")]):
            if subprocess.run([sys.executable, *command], cwd=self.project).returncode != 0:
                log.error("The build failed; fix the error above and save again.")
                return
        # the hooks and the content logic (accord/) may have changed too: import them
        # afresh, and the single-page rebuilder with them
        changed = tuple(str(self.project / name) + os.sep for name in ("hooks", "accord"))
        for name, module in list(sys.modules.items()):
            if (getattr(module, "__file__", None) or "").startswith(changed):
                del sys.modules[name]
        mkdocs_private.forget_hooks()
        importlib.reload(page_rebuild)
        self._prepare()
        log.info("Site rebuilt")


def serve(project: Path, config_file: str, port: int) -> None:
    watcher = SiteWatcher(project, config_file)
    site_dir = project / "site"
    # mounted where the published site lives (site_url's path), as `mkdocs serve` does: the
    # 404 page's absolute links hold; "/" sends the browser there
    server = Server(builder=watcher, host=HOST, port=port, root=str(site_dir),
                    mount_path=site_path(site_url(config_file)))
    server.observer = EditObserver()
    server.build_delay = 0.05
    not_found = site_dir / "404.html"
    server.error_handler = lambda code: not_found.read_bytes() if code == 404 and not_found.exists() else None
    for name in ("docs", "sources", *SITE_WIDE):
        if (project / name).exists():
            server.watch(str(project / name))
    watch_replaced_trees(server, project)
    threading.Thread(target=watcher.prepare, daemon=True).start()
    try:
        server.serve()
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        server.shutdown()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--config", default="mkdocs.yml")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)           # the i18n plugin's chatter
    logging.getLogger("mkdocs.livereload").setLevel(logging.INFO)   # "Serving on ..."
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.dont_write_bytecode = True        # no __pycache__ written into the watched hooks/
    config_file = Path(args.config).resolve()
    project = config_file.parent
    if not (project / "site" / "index.html").exists():
        print("error: site/index.html not found: build the site first (make site)", file=sys.stderr)
        return 1
    serve(project, str(config_file), args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
