"""Pelican plugin: index the open listings with Pagefind after every build.

Runs on ``finalized``, while the build is still in its staging folder, so ``make html``,
``make serve``, ``make devserver`` and ``make publish`` all ship a current index. Only
open listing pages carry ``data-pagefind-body``, so only they are indexed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator

from ..errors import BoardError


class SearchIndexError(BoardError):
    """Raised by the search-index plugin when Pagefind fails; the build then fails too."""


def index_site(pelican: Any) -> None:
    print("Indexing open listings with Pagefind…", file=sys.stderr)
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(pelican.output_path), "--quiet"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index the site:\n{result.stdout}{result.stderr}")


class FacetCountsGenerator(Generator):
    """Writes ``search/facets.json``: every facet value with its count of open listings, so the
    home page can show the filters at once and fetch Pagefind only when a student searches."""

    def generate_output(self, writer: Any) -> None:
        counts: dict[str, Counter] = {}
        for article in self.context["articles"]:
            for facet, value in article.view.search_filters:
                counts.setdefault(facet, Counter())[value] += 1
        payload = {facet: dict(sorted(values.items())) for facet, values in sorted(counts.items())}
        target = Path(self.output_path) / self.settings["BOARD_FACETS"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def get_generators(pelican: Any) -> type:
    return FacetCountsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(index_site)
