"""Real feed readers see every open listing: Debian's newsboat reloads our feeds over HTTP,
non-interactively, and we read what it stored in its own cache."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from browser import serve
from test_build import OPEN


def newsboat_items(feed_url: str, folder: Path) -> list[tuple[str, str]]:
    if not shutil.which("newsboat"):
        if os.environ.get("CI"):
            pytest.fail("newsboat is missing; .ci/run installs Debian's newsboat package")
        pytest.skip("newsboat is not installed (apt-get install newsboat)")
    (folder / "urls").write_text(feed_url + "\n")
    (folder / "config").write_text("")
    command = ["newsboat", "-u", "urls", "-c", "cache.db", "-C", "config"]
    environment = {**os.environ, "HOME": str(folder)}
    subprocess.run([*command, "-x", "reload"], cwd=folder, env=environment, check=True, timeout=60,
                   capture_output=True)
    unread = subprocess.run([*command, "-x", "print-unread"], cwd=folder, env=environment, check=True,
                            timeout=60, capture_output=True, text=True).stdout
    assert unread.strip() == f"{len(OPEN)} unread articles"
    with sqlite3.connect(folder / "cache.db") as cache:
        return sorted(cache.execute("SELECT title, url FROM rss_item"))


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_newsboat_reads_every_open_listing_with_its_title_and_link(sample_site: Path, tmp_path: Path,
                                                                   kind: str) -> None:
    with serve(sample_site) as base:
        items = newsboat_items(f"{base}/feeds/all.{kind}.xml", tmp_path)
    expected = sorted((listing["title"], f"http://localhost:8000/opportunities/{key}/")
                      for key, listing in OPEN.items())
    assert items == expected
