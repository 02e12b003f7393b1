"""Pelican plugin: index the open listings with Pagefind after every build.

Runs on ``finalized``, while the build is still in its staging folder, so ``make html``,
``make serve``, ``make devserver`` and ``make publish`` all ship a current index. Only
open listing pages carry ``data-pagefind-body``, so only they are indexed.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from pelican import signals

from ..errors import BoardError


class SearchIndexError(BoardError):
    """Raised by the search-index plugin when Pagefind fails; the build then fails too."""


def index_site(pelican: Any) -> None:
    print("Indexing open listings with Pagefind…", file=sys.stderr)
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(pelican.output_path), "--quiet"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index the site:\n{result.stdout}{result.stderr}")


def register() -> None:
    signals.finalized.connect(index_site)
