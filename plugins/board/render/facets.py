"""The facets a student narrows the board by, and the sort orders: one definition for the search
form (``_search.html``, rendered with the build's counts), the build-time browse index
(``render/browse_index.py``) and the browser (``search.js`` reads the definitions from it).

Most facets are fixed values of a listing (its category, skills, ...). Two depend on figures the
browser compares itself, so a page built days ago still filters right: "Minimum pay per hour"
(the listing's comparable hourly pay, in the board's currency, against ``RATE_STEPS``) and
"Closing" (days until the deadline, against ``DEADLINE_WINDOWS``).
"""

from __future__ import annotations

from dataclasses import dataclass

from board.core.model import Listing
from board.core.vocabulary import Vocabulary
from board.render.display import ENGAGEMENT_LABELS, LEVEL_LABELS, MODE_LABELS, country_name, rate_step_text

CHECKBOX, RADIO = "checkbox", "radio"  # any of several values, or exactly one

RATE_STEPS = (15, 20, 30, 50)  # "€N+ per hour", in the board's currency (BOARD_CURRENCY)
EFFORT_BANDS = ((10, "Up to 10 hours"), (20, "11–20 hours"), (40, "21–40 hours"), (200, "More than 40 hours"))
DEADLINE_WINDOWS = ((7, "This week"), (31, "This month"))  # days until the deadline, at most


@dataclass(frozen=True)
class Facet:
    name: str  # the URL parameter and Pagefind filter
    legend: str  # what the form calls it
    kind: str  # CHECKBOX or RADIO
    order: tuple[str, ...] = ()  # the values in the order they are offered; empty: most listings first
    computed: bool = False  # compared in the browser from a figure, not a fixed value of the listing
    feed: str = ""  # the feed kind with one feed per value (site.feed_kinds), if any


FACETS = (
    Facet("category", "Category", CHECKBOX, feed="category"),
    Facet("skill", "Skills", CHECKBOX, feed="skill"),
    Facet("mode", "Where", CHECKBOX, ("Remote", "Hybrid", "On-site")),
    Facet("country", "Applicants from", CHECKBOX),
    Facet("pay", "Pay", RADIO),  # offered only on boards that accept unpaid listings
    Facet("rate", "Minimum pay per hour", RADIO, computed=True),
    Facet("effort", "Total effort", CHECKBOX, tuple(label for _, label in EFFORT_BANDS)),
    Facet("deadline", "Closing", RADIO, tuple(label for _, label in DEADLINE_WINDOWS), computed=True),
    Facet("engagement", "Engagement", CHECKBOX),
    Facet("level", "Who can apply", CHECKBOX),
)
FACET = {facet.name: facet for facet in FACETS}


@dataclass(frozen=True)
class Sort:
    name: str  # in the URL: ?sort=newest
    label: str
    key: str  # the browse index's column it compares (``render.browse_index``)
    direction: str  # asc or desc


SORTS = (Sort("deadline", "Soonest deadline", "apply_by", "asc"), Sort("newest", "Newest", "posted", "desc"),
         Sort("effort", "Shortest effort", "effort", "asc"), Sort("pay", "Highest pay per hour", "hourly", "desc"))


def rate_options(currency: str, locale: str) -> list[tuple[int, str]]:
    return [(step, rate_step_text(step, currency, locale)) for step in RATE_STEPS]


def computed_values(hourly: float | None, days_left: int, currency: str, locale: str) -> list[tuple[str, str]]:
    """The (facet, value) pairs of the two compared facets, on a day ``days_left`` before the deadline."""
    values = [("rate", label) for step, label in rate_options(currency, locale)
              if hourly is not None and hourly >= step]
    return values + [("deadline", label) for days, label in DEADLINE_WINDOWS if days_left <= days]


def facet_values(listing: Listing, vocabulary: Vocabulary, locale: str) -> list[tuple[str, str]]:
    """The (facet, value) pairs of the listing's fixed facets."""
    pay, effort, location = listing.compensation, listing.effort, listing.location
    values = [("category", vocabulary.categories[listing.category].label), ("mode", MODE_LABELS[location.mode]),
              ("pay", "Paid" if pay.is_paid else "Unpaid"),
              ("effort", next(label for limit, label in EFFORT_BANDS if effort.max <= limit))]
    values += [("skill", skill) for skill in listing.skills]
    values += [("country", country_name(code, locale)) for code in location.country_codes]
    if listing.engagement:
        values.append(("engagement", ENGAGEMENT_LABELS[listing.engagement]))
    values += [("level", LEVEL_LABELS[level]) for level in listing.levels]
    return values
