"""A real browser for tests: Debian's Chromium, headless, against pages served over HTTP.

In CI a missing browser is a failure (.ci/run installs it); elsewhere the tests that need it skip.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

# Debian's chromium here and in .ci/run; CHROMIUM names another build (GitHub's runners have Chrome).
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-quic"]


def require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        pytest.fail("Chromium is missing; .ci/run installs Debian's chromium package")
    pytest.skip("Chromium is not installed (apt-get install chromium)")


@contextmanager
def serve(folder: Path, cors: bool = False, crawlable: bool = False) -> Iterator[str]:
    """Serve ``folder`` on a free loopback port for the duration of the block; with ``cors``,
    every response says ``Access-Control-Allow-Origin: *`` as GitHub Pages does; with ``crawlable``,
    it lets LinkChecker ask as fast as it likes (else it keeps to about three requests a second)."""
    kind = _CrawlableHandler if crawlable else _CorsHandler if cors else _QuietHandler
    handler = functools.partial(kind, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def rendered_dom(url: str, *extra_flags: str) -> str:
    """The page's DOM after its scripts ran, as Chromium serialises it."""
    require_chromium()
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [CHROMIUM, *FLAGS, *extra_flags, f"--user-data-dir={profile}", "--virtual-time-budget=3000",
             "--dump-dom", url],
            capture_output=True, text=True, timeout=60,
        )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@contextmanager
def playwright_browser() -> Iterator[object]:
    """Playwright driving Debian's Chromium (never a downloaded browser)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[flag for flag in FLAGS
                                                                             if flag != "--headless"])
        try:
            yield browser
        finally:
            browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as any real host: a page's requests share connections
    disable_nagle_algorithm = True  # else each small response waits for a delayed ACK (40 ms)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _CorsHandler(_QuietHandler):
    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()


class _CrawlableHandler(_QuietHandler):
    def end_headers(self) -> None:
        self.send_header("LinkChecker", "any rate")  # LinkChecker's maxrequestspersecond above 10 needs it
        super().end_headers()
