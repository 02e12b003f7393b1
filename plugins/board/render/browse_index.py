"""The browse index: every open listing's facet values and figures, small enough to load with the
home page, so filters, counts, sorting and browsing run in the browser without Pagefind.

Columns, not records: ``ids[i]`` is listing ``i`` in every column. A fixed facet's column holds
indexes into that facet's ``values`` (a list of them for facets with several values a listing);
``apply_by`` and ``posted`` are days since 1970-01-01; ``hourly`` is the comparable pay per hour in
the board's currency (None: no reference rate). Recently closed listings follow the open ones
(``open`` says how many are open); they are offered when a search matches them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from board.render.facets import DEADLINE_WINDOWS, FACETS, SORTS, Facet, computed_values, rate_options
from board.render.prepared import PreparedListing

EPOCH = date(1970, 1, 1)
RECENTLY_CLOSED_DAYS = 30  # a closed listing is offered in searches this long after its deadline
MULTIPLE = {"skill", "country", "level"}  # facets with any number of values per listing
EXAMPLES = 3  # example queries offered, each matching open listings today
WORD = re.compile(r"[^\W\d_]{3,}")


def day_number(day: date) -> int:
    return (day - EPOCH).days


def recently_closed(closed: Sequence[PreparedListing], today: date) -> list[PreparedListing]:
    """Closed listings whose deadline was at most RECENTLY_CLOSED_DAYS ago, most recent first."""
    since = today - timedelta(days=RECENTLY_CLOSED_DAYS)
    recent = [item for item in closed if item.listing.apply_by >= since]
    return sorted(recent, key=lambda item: (item.listing.apply_by, item.id), reverse=True)


def browse_index(open_listings: Sequence[PreparedListing], closed: Sequence[PreparedListing], today: date,
                 currency: str, locale: str, timezone: ZoneInfo, feeds: dict[str, str]) -> dict[str, Any]:
    """The index as JSON-ready data; ``feeds`` maps a facet to its feeds' path with ``{slug}``."""
    everyone = [*open_listings, *closed]
    facets = offered_facets(open_listings)
    values = {facet.name: _values(facet, open_listings) for facet in facets if not facet.computed}
    columns: dict[str, list[Any]] = {name: [] for name in values}
    for item in everyone:
        mine = _by_facet(item)
        for name, offered in values.items():
            indexes = [offered.index(value) for value in mine.get(name, ()) if value in offered]
            columns[name].append(indexes if name in MULTIPLE else (indexes[0] if indexes else -1))
    return {
        "today": day_number(today),
        "currency": currency,
        "facets": [_facet_entry(facet, values.get(facet.name), feeds) for facet in facets],
        "category_slugs": {item.view.category.label: item.view.category.id for item in everyone},
        "rate": rate_options(currency, locale),
        "deadline": list(DEADLINE_WINDOWS),
        "sorts": {sort.name: [sort.key, sort.direction] for sort in SORTS},
        "ids": [item.id for item in everyone],
        "open": len(open_listings),
        "apply_by": [day_number(item.listing.apply_by) for item in everyone],
        "closes": _closing_instants(everyone, timezone),
        "posted": [day_number(item.listing.posted) for item in everyone],
        "effort": [item.listing.effort.max for item in everyone],
        "hourly": [item.view.hourly for item in everyone],
        "values": columns,
        "examples": example_queries(open_listings),
    }


def offered_facets(listings: Sequence[PreparedListing]) -> list[Facet]:
    """The facets worth offering: a facet every listing shares one value of filters nothing (every
    listing is paid on a board that refuses unpaid ones), so it is left out."""
    counts = _counts(pair for item in listings for pair in item.view.search_filters)
    return [facet for facet in FACETS
            if facet.computed or not (len(counts.get(facet.name, {})) == 1
                                      and next(iter(counts[facet.name].values())) == len(listings))]


def facet_counts(listings: Sequence[PreparedListing], today: date, currency: str,
                 locale: str) -> dict[str, Counter[str]]:
    """How many listings have each facet value (the compared facets as of ``today``)."""
    return _counts(pair for item in listings for pair in
                   [*item.view.search_filters,
                    *computed_values(item.view.hourly, (item.listing.apply_by - today).days, currency, locale)])


def _counts(pairs: Iterable[tuple[str, str]]) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {}
    for facet, value in pairs:
        counts.setdefault(facet, Counter())[value] += 1
    return counts


def facet_panel(listings: Sequence[PreparedListing], today: date, currency: str,
                locale: str) -> list[tuple[Facet, list[tuple[str, int]]]]:
    """Each offered facet with its values in offering order and their counts, for the search form."""
    counts = facet_counts(listings, today, currency, locale)
    panel = []
    for facet in offered_facets(listings):
        if facet.name == "rate":
            order = [label for _, label in rate_options(currency, locale)]
        else:
            order = list(facet.order) or _values(facet, listings)
        panel.append((facet, [(value, counts.get(facet.name, Counter())[value]) for value in order]))
    return panel


def example_queries(listings: Sequence[PreparedListing]) -> list[str]:
    """Words that find open listings today: the most used one-word skills."""
    skills = Counter(skill for item in listings for skill in item.listing.skills if WORD.fullmatch(skill))
    return [skill for skill, _ in sorted(skills.items(), key=lambda pair: (-pair[1], pair[0]))[:EXAMPLES]]


def index_words(listings: Sequence[PreparedListing]) -> list[str]:
    """The words open listings use, most used first: what "did you mean" suggests from."""
    counts: Counter[str] = Counter()
    for item in listings:
        listing = item.listing
        text = " ".join([listing.title, listing.summary, listing.description, *listing.skills,
                         listing.organization.name]).lower()
        counts.update(set(WORD.findall(text)))
    return [word for word, _ in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))]


def _by_facet(item: PreparedListing) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for facet, value in item.view.search_filters:
        found.setdefault(facet, []).append(value)
    return found


def _values(facet: Facet, listings: Sequence[PreparedListing]) -> list[str]:
    """A fixed facet's values: in its own order, else the most listings first, then by name."""
    counts = Counter(value for item in listings for name, value in item.view.search_filters if name == facet.name)
    if facet.order:
        return [value for value in facet.order if counts[value]]
    return sorted(counts, key=lambda value: (-counts[value], value.casefold()))


def _facet_entry(facet: Facet, values: list[str] | None, feeds: dict[str, str]) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": facet.name, "legend": facet.legend, "kind": facet.kind}
    if values is not None:
        entry["values"] = values
    if facet.feed in feeds:
        entry["feed"] = feeds[facet.feed]
    return entry


def _closing_instants(listings: Sequence[PreparedListing], timezone: ZoneInfo) -> dict[str, str]:
    """Each deadline day's closing instant (midnight after it in the board's zone), by day number."""
    return {str(day_number(item.listing.apply_by)): item.listing.deadline.closes_at(timezone).isoformat()
            for item in listings}
