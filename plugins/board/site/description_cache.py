"""Listing descriptions rendered by earlier builds, kept in Pelican's CACHE_PATH (``cache/``, which
``make clean`` removes) by a hash of their text, so that a build renders only the descriptions that
changed: Python-Markdown and nh3 are most of the cost of preparing a listing.

The file's name holds a digest of the renderer (the source of our Markdown modules and the versions
of Python-Markdown and nh3), so a changed renderer starts a new cache, and the output is the same
warm or cold. The cache is the build's own, like Pelican's content cache: restore it only from
builds of your own (CI's cache is scoped to its branch).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path

import markdown

from board.read import bounded_markdown
from board.read import markdown as board_markdown
from board.read.markdown import description_key, known_descriptions
from board.render.prepared import PreparedListing


def load(cache_path: Path) -> None:
    """Make the descriptions an earlier build saved in ``cache_path`` known to the renderer."""
    known_descriptions.clear()
    try:
        entries = json.loads(_file(cache_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if isinstance(entries, dict):
        known_descriptions.update(entries)


def save(cache_path: Path, prepared: Iterable[PreparedListing], remote_images: bool) -> None:
    """Keep this build's descriptions for the next build (only when they changed), and drop caches
    of other renderers."""
    entries = {description_key(item.listing.description, remote_images): item.view.description_html
               for item in prepared}
    target = _file(cache_path)
    if entries.keys() != known_descriptions.keys() or not target.is_file():
        cache_path.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(entries, separators=(",", ":")), encoding="utf-8")
        partial.replace(target)  # whole or not at all, even with two builds at once
    for old in cache_path.glob("descriptions-*.json"):
        if old != target:
            old.unlink(missing_ok=True)
    known_descriptions.clear()


def _file(cache_path: Path) -> Path:
    return cache_path / f"descriptions-{_renderer_digest()}.json"


def _renderer_digest() -> str:
    digest = hashlib.sha256(f"{markdown.__version__}\0{version('nh3')}".encode())
    for module in (board_markdown, bounded_markdown):
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()[:16]
