"""What the theme's templates get besides Pelican's own context: the build's state and the paths of
what pages link to, so no template spells out a feed's, calendar's or index's address."""

from __future__ import annotations

from typing import Any

from board.render.facets import FACETS, SORTS
from board.site.build import BuildState
from board.site.calendar import ALL_DEADLINES, category_calendar, listing_calendar
from board.site.feed_kinds import JSON_FEED, feed_path
from board.site.outcomes import OUTCOMES_PAGE
from board.site.search_index import FACET_COUNTS


def template_context(state: BuildState) -> dict[str, Any]:
    return {
        "board": state,
        # Pelican rewrites SITEURL to a relative path on each page when RELATIVE_URLS is on;
        # canonical links and structured data need the absolute one.
        "BOARD_SITEURL": state.settings.site_url,
        "feed_path": feed_path,
        "json_feed_path": JSON_FEED,
        "all_deadlines_path": ALL_DEADLINES,
        "category_calendar_path": category_calendar,
        "listing_calendar_path": listing_calendar,
        "facet_counts_path": FACET_COUNTS,
        "outcomes_path": OUTCOMES_PAGE,
        "facets": FACETS,
        "sorts": SORTS,
    }
