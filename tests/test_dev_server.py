"""``make serve`` and ``make devserver`` serve the site the way GitHub Pages does, so a career
office can try the widget from a page on another origin: every response allows any origin."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from email.message import Message
from pathlib import Path

from conftest import ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str, attempts: int = 100) -> tuple[Message, bytes]:
    for _ in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.headers, response.read()
        except (ConnectionError, urllib.error.URLError):
            time.sleep(0.1)
    raise AssertionError(f"nothing answered at {url}")


def test_the_local_server_allows_any_origin_and_serves_the_api_as_json(tmp_path: Path) -> None:
    (tmp_path / "api" / "v1").mkdir(parents=True)
    (tmp_path / "api" / "v1" / "slices.json").write_text('{"slices": []}')
    (tmp_path / "embed.js").write_text("/* widget */")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "board", "serve", "--output", str(tmp_path), "--port", str(port)],
                              cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")},
                              stderr=subprocess.PIPE, text=True)
    try:
        headers, body = fetch(f"http://127.0.0.1:{port}/api/v1/slices.json")
        assert headers["Access-Control-Allow-Origin"] == "*"
        assert headers["Content-Type"] == "application/json" and body == b'{"slices": []}'
        headers, _ = fetch(f"http://127.0.0.1:{port}/embed.js")
        assert headers["Access-Control-Allow-Origin"] == "*" and headers["Content-Type"].startswith("text/javascript")
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert f"http://localhost:{port}/" in server.stderr.read()


def test_make_serve_and_devserver_use_the_boards_server() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert "-m board serve --output $(OUTPUT)" in makefile
    assert "-m board serve --autoreload" in makefile
    assert "--listen" not in makefile
