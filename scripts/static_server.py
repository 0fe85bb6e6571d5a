"""A built site served on 127.0.0.1 under the path it is published at (site_url's path,
as GitHub Pages serves it): for the browser tests and the Lighthouse benchmark. Every
address outside that path is a 404. (`make serve` is MkDocs' live-reload server,
mounted the same way: scripts/serve.py.)"""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

from accord.library import site_path, site_url

MOUNT = site_path(site_url())


class MountedSite(http.server.SimpleHTTPRequestHandler):
    """The files of ``directory`` under MOUNT, quietly."""

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        if not path.startswith(MOUNT):
            return str(Path(self.directory) / ".outside-the-site")
        return super().translate_path("/" + path[len(MOUNT):])


def start(site, handler=MountedSite) -> http.server.ThreadingHTTPServer:
    """``site`` served in a background thread on a free port; ``.shutdown()`` stops it."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def address(server) -> str:
    """Where the site's root is, without its last slash: ``address(s) + "/zh/"``."""
    return f"http://127.0.0.1:{server.server_port}{MOUNT.rstrip('/')}"
