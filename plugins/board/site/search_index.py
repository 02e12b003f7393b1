"""Index the open listings with Pagefind during every build.

Pagefind starts as soon as the listing pages are written (``article_writer_finalized``) and
indexes them on the second core while the feeds, API and calendars are written; the build
waits for it on ``finalized``, while the site is still in its staging folder, so ``make html``,
``make serve``, ``make devserver`` and ``make publish`` all ship a current index. Only open and
recently closed listing pages carry ``data-pagefind-body``, so only they are indexed. Pagefind
answers words only; facets, counts and sorting run on the browse index written here.
"""

from __future__ import annotations

import atexit
import gzip
import json
import re
import subprocess
import sys
from itertools import pairwise
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from board.core.errors import BoardError
from board.render.browse_index import browse_index, index_words, recently_closed, unpack_front_coded
from board.render.prepared import PreparedListing
from board.site.build import build_state, prepared_of
from board.site.feed_kinds import feed_path

BROWSE_INDEX = "search/index.json"
INDEX_WORDS = "search/words.json"
PAGEFIND_MAP = "search/pagefind.json"
CARDS = "search/cards"
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
    write_pagefind_map(Path(pelican.output_path))


@atexit.register
def _stop_abandoned_indexing() -> None:
    """A build that failed half-way leaves no Pagefind writing into its staging folder."""
    for process in _running.values():
        process.kill()


class BrowseIndexGenerator(Generator):
    """Writes the browse index (``search/index.json``, ``render.browse_index``) of the open and
    recently closed listings, each one's card as the board shows it (``search/cards/<id>.html``,
    so search results are the board's own cards), and the words "did you mean" suggests from."""

    def generate_output(self, writer: Any) -> None:
        state = build_state(self.settings)
        settings = state.settings
        open_articles = self.context["articles"]
        closed = recently_closed([prepared_of(article) for article in self.context["hidden_articles"]], state.today)
        chosen = [prepared_of(article) for article in open_articles]
        feeds = {kind: feed_path(kind, "{slug}", "atom") for kind in ("category", "skill")}
        index = browse_index(chosen, closed, state.today, settings.currency, settings.locale, settings.timezone, feeds)
        output = Path(self.output_path)
        _write_json(output / BROWSE_INDEX, index)
        _write_json(output / INDEX_WORDS, index_words(chosen))
        self.write_cards(self.searchable())

    def searchable(self) -> list[Any]:
        """The listings search finds: the open ones and the recently closed ones."""
        state = build_state(self.settings)
        hidden = self.context["hidden_articles"]
        closed = recently_closed([prepared_of(article) for article in hidden], state.today)
        return [*self.context["articles"], *_articles_of(hidden, closed)]

    def write_cards(self, articles: list[Any]) -> list[str]:
        """Each listing's card, as search results show it; the files written."""
        template = self.env.get_template("_card_fragment.html")
        output = Path(self.output_path)
        (output / CARDS).mkdir(parents=True, exist_ok=True)
        context = {**self.context, "SITEURL": "."}  # links relative to the site root; search.js rebases them
        written = [card(article.slug) for article in articles]
        for article, name in zip(articles, written, strict=True):
            (output / name).write_text(template.render(context, article=article), encoding="utf-8")
        return written


def card(listing_id: str) -> str:
    """Where a listing's search card is, relative to the site."""
    return f"{CARDS}/{listing_id}.html"


def _articles_of(articles: list[Any], chosen: list[PreparedListing]) -> list[Any]:
    wanted = {item.id for item in chosen}
    return [article for article in articles if prepared_of(article).id in wanted]


def _write_json(target: Path, payload: Any) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def write_pagefind_map(output: Path) -> None:
    """``search/pagefind.json``: the Pagefind page of each listing in the browse index (by position),
    so search.js can intersect Pagefind's results with the filters without loading any fragment.
    Each page is named by the shortest start of its hash that no other page's hash shares."""
    ids = unpack_front_coded(json.loads((output / BROWSE_INDEX).read_text(encoding="utf-8"))["ids"])
    position = {listing_id: index for index, listing_id in enumerate(ids)}
    pages = [""] * len(ids)
    for fragment in sorted((output / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        listing_id = json.loads(data)["url"].rstrip("/").rsplit("/", 1)[-1]
        if listing_id in position:
            pages[position[listing_id]] = fragment.name.removesuffix(".pf_fragment").split("_", 1)[-1]
    _write_json(output / PAGEFIND_MAP, " ".join(shortest_unique_starts(pages)))


def shortest_unique_starts(names: list[str], least: int = 4) -> list[str]:
    """Each name cut to its shortest start (of at least ``least`` characters) no other name shares."""
    ordered = sorted(name for name in names if name)
    need: dict[str, int] = {}
    for before, after in pairwise(ordered):
        shared = next((place for place, (a, b) in enumerate(zip(before, after, strict=False)) if a != b),
                      min(len(before), len(after)))
        need[before] = max(need.get(before, least), shared + 1)
        need[after] = max(need.get(after, least), shared + 1)
    return [name[: need.get(name, least)] for name in names]
