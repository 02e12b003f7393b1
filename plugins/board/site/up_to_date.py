"""A build whose inputs have not changed since the last one does nothing.

The inputs are every file of the content, theme, plugins and schemas, the settings, the
installed packages and the build's idea of today. Their digest is recorded beside the output
folder (``.output.inputs`` for ``output/``) after each successful build; when the next build
finds the same digest and the output folder in place, it says so and leaves the site as it is.
Delete the output folder (``make clean``) to force a full build.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from board.core.settings import BoardSettings
from board.site.staging import FINAL


def record_path(output: Path) -> Path:
    """Where the digest of the last successful build's inputs is kept, beside the output folder."""
    return output.parent / f".{output.name}.inputs"


def inputs_digest(settings: dict[str, Any]) -> str:
    """One SHA-256 over everything a build reads, so any change to any of it changes the digest."""
    board = BoardSettings.from_pelican(settings)
    digest = hashlib.sha256()
    for folder in _input_folders(settings, board):
        for path in _entries(folder):
            digest.update(f"{path}\0".encode())
            digest.update(_fingerprint(path))
    stable_settings = {key: value for key, value in settings.items() if key != FINAL}
    digest.update(repr(sorted(stable_settings.items())).encode())
    digest.update(repr(sorted(_packages())).encode())
    digest.update(f"{sys.version}\0{board.today().isoformat()}".encode())
    return digest.hexdigest()


def skip_unchanged_builds(pelican: Any) -> None:
    build = pelican.run
    output = Path(pelican.settings.get(FINAL, pelican.output_path))

    def run_unless_unchanged() -> None:
        digest = inputs_digest(pelican.settings)
        record = record_path(output)
        if output.is_dir() and record.is_file() and record.read_text() == digest:
            print(f"Nothing changed since the last build: {output} is up to date.", file=sys.stderr)
            return
        build()
        record.write_text(digest)

    pelican.run = run_unless_unchanged


def _input_folders(settings: dict[str, Any], board: BoardSettings) -> list[Path]:
    plugin_folders = [Path(folder) for folder in settings.get("PLUGIN_PATHS", [])]
    return [board.content, Path(settings["THEME"]), board.schemas, *plugin_folders]


def _entries(folder: Path) -> Iterable[Path]:
    """Every file and link under ``folder``; rglob does not descend into linked folders."""
    return sorted(path for path in folder.rglob("*")
                  if (path.is_symlink() or path.is_file()) and "__pycache__" not in path.parts)


def _fingerprint(path: Path) -> bytes:
    """What a link says, or what a regular file holds: never what a link points to (the build gate
    refuses links in content, and must be the one to say so, without this reading a link to a FIFO)."""
    if path.is_symlink():
        return b"link\0" + os.fsencode(os.readlink(path))
    return hashlib.sha256(path.read_bytes()).digest()


def _packages() -> Iterable[str]:
    return {f"{dist.metadata['Name']}=={dist.version}" for dist in metadata.distributions()}
