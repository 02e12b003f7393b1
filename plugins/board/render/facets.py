"""The facets a student narrows the board by, and the sort orders: one definition for the listing
pages (Pagefind's filters and sorts), the search form (``_search.html``) and the browser
(``search.js`` reads each facet's order from ``search/facets.json``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from board.core.model import Listing
from board.core.vocabulary import Vocabulary
from board.render.display import ENGAGEMENT_LABELS, LEVEL_LABELS, MODE_LABELS, country_name

CHECKBOX, RADIO = "checkbox", "radio"  # any of several values, or exactly one

RATE_STEPS = (20, 30, 50)  # "N+ per hour", in the listing's own currency
EFFORT_BANDS = ((10, "Up to 10 hours"), (20, "11–20 hours"), (40, "21–40 hours"), (200, "More than 40 hours"))
DEADLINE_WINDOWS = ((7, "This week"), (31, "This month"))  # days until the deadline, at most


def rate_label(step: int) -> str:
    return f"{step}+ per hour"


@dataclass(frozen=True)
class Facet:
    name: str  # the URL parameter and Pagefind filter
    legend: str  # what the form calls it
    kind: str  # CHECKBOX or RADIO
    order: tuple[str, ...] = ()  # the values in the order they are offered; empty: alphabetical


FACETS = (
    Facet("category", "Category", CHECKBOX),
    Facet("skill", "Skills", CHECKBOX),
    Facet("mode", "Where", CHECKBOX),
    Facet("country", "Applicants from", CHECKBOX),
    Facet("pay", "Pay", RADIO),
    Facet("rate", "Minimum pay per hour", RADIO, tuple(rate_label(step) for step in RATE_STEPS)),
    Facet("effort", "Total effort", CHECKBOX, tuple(label for _, label in EFFORT_BANDS)),
    Facet("deadline", "Closing", RADIO, tuple(label for _, label in DEADLINE_WINDOWS)),
    Facet("engagement", "Engagement", CHECKBOX),
    Facet("level", "Who can apply", CHECKBOX),
)

@dataclass(frozen=True)
class Sort:
    name: str  # in the URL: ?sort=newest
    label: str
    key: str  # the Pagefind sort it uses (``sort_values``)
    direction: str  # asc or desc


SORTS = (Sort("deadline", "Soonest deadline", "deadline", "asc"), Sort("newest", "Newest", "posted", "desc"),
         Sort("effort", "Shortest effort", "effort", "asc"), Sort("pay", "Highest pay per hour", "pay", "desc"))


def browser_definitions() -> dict[str, Any]:
    """What search.js needs to know of the facets and sorts, for ``search/facets.json``."""
    return {"order": {facet.name: list(facet.order) for facet in FACETS if facet.order},
            "sorts": {sort.name: {sort.key: sort.direction} for sort in SORTS}}


def facet_values(listing: Listing, vocabulary: Vocabulary, today: date, locale: str) -> list[tuple[str, str]]:
    """The (facet, value) pairs the listing can be found by."""
    pay, effort, location = listing.compensation, listing.effort, listing.location
    rate = pay.lowest_hourly_rate(effort)
    days_left = listing.deadline.days_left(today)
    values = [("category", vocabulary.categories[listing.category].label), ("mode", MODE_LABELS[location.mode]),
              ("pay", "Paid" if pay.is_paid else "Unpaid"),
              ("effort", next(label for limit, label in EFFORT_BANDS if effort.max <= limit))]
    values += [("skill", skill) for skill in listing.skills]
    values += [("country", country_name(code, locale)) for code in location.country_codes]
    values += [("rate", rate_label(step)) for step in RATE_STEPS if rate >= step]
    values += [("deadline", label) for days, label in DEADLINE_WINDOWS if days_left <= days]
    if listing.engagement:
        values.append(("engagement", ENGAGEMENT_LABELS[listing.engagement]))
    values += [("level", LEVEL_LABELS[level]) for level in listing.levels]
    return values


def sort_values(listing: Listing) -> list[tuple[str, str]]:
    """What each of Pagefind's sorts compares for the listing."""
    return [("deadline", listing.apply_by.isoformat()), ("posted", listing.posted.isoformat()),
            ("effort", str(listing.effort.max)), ("pay", f"{listing.lowest_hourly_rate:.2f}")]
