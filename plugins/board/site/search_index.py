"""Index the open listings with Pagefind during every build.

Pagefind starts as soon as the listing pages are written (``article_writer_finalized``) and
indexes them on the second core while the feeds, API and calendars are written; the build
waits for it on ``finalized``, while the site is still in its staging folder, so ``make html``,
``make serve``, ``make devserver`` and ``make publish`` all ship a current index. Only open
listing pages carry ``data-pagefind-body``, so only they are indexed.
"""

from __future__ import annotations

import atexit
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from board.core.errors import BoardError
from board.render.facets import browser_definitions
from board.site.build import prepared_of

FACET_COUNTS = "search/facets.json"
_running: dict[str, subprocess.Popen[str]] = {}  # output folder -> its Pagefind process


class SearchIndexError(BoardError):
    """Raised by the search-index plugin when Pagefind fails; the build then fails too."""


def listing_pages_glob(article_save_as: str) -> str:
    """Pagefind's --glob for the listing pages, from ARTICLE_SAVE_AS: ``opportunities/*/index.html``."""
    return re.sub(r"\{[^}]*\}", "*", article_save_as)


def start_indexing(generator: Any, writer: Any) -> None:
    print("Indexing open listings with Pagefind…", file=sys.stderr)
    site = str(generator.output_path)
    _running[site] = subprocess.Popen(
        [sys.executable, "-m", "pagefind", "--site", site, "--glob",
         listing_pages_glob(generator.settings["ARTICLE_SAVE_AS"]), "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish_indexing(pelican: Any) -> None:
    process = _running.pop(str(pelican.output_path))
    output, _ = process.communicate()
    if process.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index the site:\n{output}")


@atexit.register
def _stop_abandoned_indexing() -> None:
    """A build that failed half-way leaves no Pagefind writing into its staging folder."""
    for process in _running.values():
        process.kill()


class FacetCountsGenerator(Generator):
    """Writes ``search/facets.json``: every facet value with its count of open listings, so the
    home page can show the filters at once and fetch Pagefind only when a student searches, and
    the facets' and sorts' definitions the browser needs (``render.facets``)."""

    def generate_output(self, writer: Any) -> None:
        counts: dict[str, Counter[str]] = {}
        for article in self.context["articles"]:
            for facet, value in prepared_of(article).view.search_filters:
                counts.setdefault(facet, Counter())[value] += 1
        payload = {"counts": {facet: dict(sorted(values.items())) for facet, values in sorted(counts.items())},
                   **browser_definitions()}
        target = Path(self.output_path) / FACET_COUNTS
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
