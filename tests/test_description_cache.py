"""A build keeps its rendered descriptions in Pelican's CACHE_PATH and the next build reuses them: a
warm build publishes exactly what a cold one does."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import CONTENT, _pelican_command, _pelican_env, epoch_at, sample_today, stable_files

LISTING = "atelier-moustique-accessibility-audit"


def build(output: Path, cache: Path) -> None:
    command = [*_pelican_command(CONTENT, output, "pelicanconf.py"), "-e", f"CACHE_PATH={json.dumps(str(cache))}"]
    result = subprocess.run(command, cwd=output.parent, env=_pelican_env(epoch_at(sample_today()), None),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


def test_a_warm_build_publishes_the_same_bytes_as_a_cold_one_and_reads_the_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build(tmp_path / "cold", cache)
    [saved] = cache.glob("descriptions-*.json")
    entries = json.loads(saved.read_text(encoding="utf-8"))
    assert len(entries) == len(list((CONTENT / "opportunities").glob("*.yaml")))

    build(tmp_path / "warm", cache)
    assert stable_files(tmp_path / "warm") == stable_files(tmp_path / "cold")

    page = tmp_path / "cold" / "opportunities" / LISTING / "index.html"
    key = next(key for key, html in entries.items() if html in page.read_text(encoding="utf-8"))
    saved.write_text(json.dumps({**entries, key: "<p>from the cache</p>"}), encoding="utf-8")
    build(tmp_path / "marked", cache)
    assert "<p>from the cache</p>" in (tmp_path / "marked" / "opportunities" / LISTING / "index.html").read_text()
