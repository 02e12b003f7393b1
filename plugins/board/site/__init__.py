"""The board as a Pelican site: every adapter between the board and Pelican, wired in one place.

Pelican loads this package as its one plugin (``PLUGINS = ["board.site"]``) and calls
``register``, which connects each step to the signal Pelican sends when it is due, in the order
a build needs them: settings checked, output staged, unchanged builds skipped; content validated
and prepared before anything is read; closed listings moved aside; the board's own pages, feeds,
API, calendars and logos written; Pagefind started as soon as the listing pages exist and waited
for, ``_headers`` written, and the staged site swapped in last.
"""

from __future__ import annotations

import logging
from typing import Any

from pelican import signals

from board.core.errors import BoardError
from board.core.settings import BoardSettings
from board.site import (
    gate,
    headers,
    lifecycle,
    pages,
    pages_on_every_core,
    reader,
    search_index,
    staging,
    terms,
    up_to_date,
)
from board.site.api import ApiGenerator
from board.site.calendar import CalendarGenerator
from board.site.completions import CompletionsGenerator
from board.site.digest_archive import DigestArchiveGenerator
from board.site.feeds import FeedsGenerator
from board.site.guide_pages import GuidePagesGenerator
from board.site.icons import IconsGenerator
from board.site.logos import LogosGenerator
from board.site.not_found import NotFoundPageGenerator
from board.site.outcomes import OutcomesGenerator
from board.site.pages import BoardPagesGenerator
from board.site.post_page import PostPageGenerator
from board.site.preview_images import PreviewImagesGenerator
from board.site.saved_page import SavedPageGenerator
from board.site.search_index import BrowseIndexGenerator
from board.site.sitemap import SitemapGenerator

# Written after Pelican's articles and pages, in this order.
GENERATORS = (BrowseIndexGenerator, BoardPagesGenerator, FeedsGenerator, PostPageGenerator, ApiGenerator,
              CalendarGenerator, GuidePagesGenerator, LogosGenerator, SavedPageGenerator, CompletionsGenerator,
              OutcomesGenerator, DigestArchiveGenerator,
              NotFoundPageGenerator, SitemapGenerator, IconsGenerator, PreviewImagesGenerator)


def register() -> None:
    logging.getLogger("pelican").addFilter(_NoTracebackForBoardErrors())
    signals.initialized.connect(check_settings)
    signals.initialized.connect(staging.build_in_staging)
    signals.initialized.connect(up_to_date.skip_unchanged_builds)  # needs the final output folder, from staging
    signals.article_generator_init.connect(gate.validate_before_reading)
    signals.readers_init.connect(reader.add_readers)
    signals.article_generator_pretaxonomy.connect(lifecycle.move_closed_out)
    signals.article_generator_finalized.connect(pages.complete_taxonomies)
    signals.article_generator_finalized.connect(terms.write_terms_in_linear_time)
    signals.article_generator_finalized.connect(pages_on_every_core.write_articles_on_every_core)
    signals.get_generators.connect(board_generators)
    signals.article_writer_finalized.connect(search_index.start_indexing)
    signals.finalized.connect(search_index.finish_indexing)  # the index is written into the staging folder,
    signals.finalized.connect(headers.write_headers)  # and so is _headers,
    signals.finalized.connect(staging.swap_in)  # before the staging folder becomes the site


def check_settings(pelican: Any) -> None:
    """Every BOARD_* setting checked before anything else happens."""
    BoardSettings.from_pelican(pelican.settings)


def board_generators(pelican: Any) -> tuple[type, ...]:
    return GENERATORS


class _NoTracebackForBoardErrors(logging.Filter):
    """Pelican logs a traceback for any failure; bad content or a wrong setting is not a bug, so
    keep the message only."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], BoardError):
            record.exc_info = None
        return True
