"""The local server behind ``make serve`` and ``make devserver``: the built site, served the way
GitHub Pages serves it, so a career office can try the widget on a page of its own.

Pelican's own server cannot add headers; this one adds ``Access-Control-Allow-Origin: *`` to every
response (the API, and ``embed.js`` for Subresource Integrity, need it; GitHub Pages sends it for
everything) and ``Cache-Control: no-cache`` so a rebuilt file is seen at once. It listens on the
loopback address only.
"""

from __future__ import annotations

import functools
import http.server
import os
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from board.site.dev_builds import DevBuilds

TYPES = {".ics": "text/calendar; charset=utf-8", ".json": "application/json", ".xml": "application/xml",
         ".js": "text/javascript; charset=utf-8", ".wasm": "application/wasm"}


class BoardRequestHandler(http.server.SimpleHTTPRequestHandler):
    def guess_type(self, path: str | os.PathLike[str]) -> str:
        return TYPES.get(Path(path).suffix) or super().guess_type(path)

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


def make_server(folder: Path, port: int, host: str = "127.0.0.1") -> http.server.ThreadingHTTPServer:
    handler = functools.partial(BoardRequestHandler, directory=str(folder))
    return http.server.ThreadingHTTPServer((host, port), handler)


def serve(folder: Path, port: int, builds: DevBuilds | None = None) -> None:
    """Serve ``folder`` until interrupted; with ``builds``, rebuild it on every saved change meanwhile."""
    server = make_server(folder, port)
    print(f"Serving {folder}/ at http://localhost:{port}/ (Access-Control-Allow-Origin: *); Ctrl-C stops.",
          file=sys.stderr)
    stop = threading.Event()
    try:
        if builds is None:
            server.serve_forever()
        else:
            signal.signal(signal.SIGTERM, _interrupt)  # stopped as by Ctrl-C: the background build with it
            threading.Thread(target=server.serve_forever, daemon=True).start()
            builds.run(stop)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        if builds:
            server.shutdown()
        server.server_close()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
