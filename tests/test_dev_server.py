"""``make serve`` and ``make devserver`` serve the site the way GitHub Pages does, so a career
office can try the widget from a page on another origin: every response allows any origin."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from email.message import Message
from pathlib import Path

from conftest import CONTENT, ROOT, epoch_at, sample_today, settings_for


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


def wait_for(condition: Callable[[], bool], what: str, server: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert server.poll() is None, f"the server stopped while waiting for {what}"
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting after {seconds} s for {what}")
        time.sleep(0.1)


def test_the_dev_server_serves_an_edit_at_once_and_the_full_build_catches_up(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    listing = content / "opportunities" / "atelier-moustique-case-study-copy.yaml"
    output, log, port = tmp_path / "output", tmp_path / "server.log", free_port()
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "SOURCE_DATE_EPOCH": epoch_at(sample_today())}
    with log.open("w") as stderr:
        server = subprocess.Popen([sys.executable, "-m", "board", "-s", str(settings_for(content, tmp_path)), "serve",
                                   "--autoreload", "--output", str(output), "--port", str(port)],
                                  cwd=ROOT, env=environment, stderr=stderr)
    page = f"http://127.0.0.1:{port}/opportunities/atelier-moustique-case-study-copy/"
    shown = lambda url: fetch(url)[1].decode()  # noqa: E731
    try:
        wait_for(lambda: "Built the whole site" in log.read_text(), "the first build", server)

        listing.write_text(re.sub(r"^title: .*$", "title: Proofread three case studies", listing.read_text(),
                                  count=1, flags=re.MULTILINE))
        wait_for(lambda: "Updated atelier-moustique-case-study-copy" in log.read_text(), "the update", server)
        assert "Proofread three case studies" in shown(page)
        assert "Proofread three case studies" in shown(f"http://127.0.0.1:{port}/feeds/all.atom.xml")

        api = f"http://127.0.0.1:{port}/api/v1/opportunities/atelier-moustique-case-study-copy.json"
        wait_for(lambda: "The full build caught up" in log.read_text(), "the full build in the background", server)
        assert "Proofread three case studies" in shown(api)
        assert "Proofread three case studies" in shown(page)

        listing.write_text(listing.read_text().replace("category: writing-communications", "category: astrology"))
        wait_for(lambda: "astrology" in log.read_text(), "the error", server)
        assert "left as it was" in log.read_text() and "Proofread three case studies" in shown(page)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert server.returncode == 0, "SIGTERM stops the dev server as Ctrl-C does, its background build with it"
