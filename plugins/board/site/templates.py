"""What the theme's templates get besides Pelican's own context: the build's state and the paths of
what pages link to, so no template spells out a feed's, calendar's or index's address."""

from __future__ import annotations

from typing import Any

from board.render.browse_index import example_queries, facet_panel, recently_closed
from board.render.display import rates_text
from board.render.facets import SORTS
from board.site.build import BuildState
from board.site.calendar import ALL_DEADLINES, category_calendar, listing_calendar
from board.site.feed_kinds import JSON_FEED, feed_path
from board.site.icons import ICONS
from board.site.outcomes import OUTCOMES_PAGE
from board.site.preview_images import BOARD_PREVIEW, listing_preview
from board.site.search_index import BROWSE_INDEX, CARDS, INDEX_WORDS, PAGEFIND_MAP

SAVED_URL = "saved/"


def template_context(state: BuildState) -> dict[str, Any]:
    settings = state.settings
    prepared = sorted(state.prepared.values(), key=lambda item: (item.listing.apply_by, item.id))
    open_listings = [item for item in prepared if not item.view.closed]
    searchable_closed = recently_closed([item for item in prepared if item.view.closed], state.today)
    return {
        "board": state,
        # Pelican rewrites SITEURL to a relative path on each page when RELATIVE_URLS is on;
        # canonical links and structured data need the absolute one.
        "BOARD_SITEURL": settings.site_url,
        "feed_path": feed_path,
        "json_feed_path": JSON_FEED,
        "all_deadlines_path": ALL_DEADLINES,
        "category_calendar_path": category_calendar,
        "listing_calendar_path": listing_calendar,
        "outcomes_path": OUTCOMES_PAGE,
        "search_paths": {"index": BROWSE_INDEX, "words": INDEX_WORDS, "pagefind_map": PAGEFIND_MAP, "cards": CARDS},
        "search_panel": facet_panel(open_listings, state.today, settings.currency, settings.locale),
        "search_examples": example_queries(open_listings),
        "searchable_ids": {item.id for item in [*open_listings, *searchable_closed]},
        "sorts": SORTS,
        "rates_text": rates_text(state.rates, settings.locale),
        "board_currency": settings.currency,
        "SAVED_URL": SAVED_URL,
        "page_address": lambda output_file: settings.absolute(output_file.removesuffix("index.html")),
        "icons": ICONS,
        "board_preview": BOARD_PREVIEW,
        "preview_path": listing_preview,
    }
