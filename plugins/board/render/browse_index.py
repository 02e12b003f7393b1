"""The browse index: every open listing's facet values and figures, small enough to load with the
home page, so filters, counts, sorting and browsing run in the browser without Pagefind.

Columns, not records, in the order of ``ids``, and packed as text that gzip squeezes well (at
10,000 listings the index must stay under 60 KB gzipped; ``browse-index.js`` unpacks it):
- ``ids``: sorted, each written as how many characters it shares with the one before (one CODE
  character) and the rest, space-separated;
- a figure or a one-value facet: ``{"values": [...distinct...], "codes": "..."}``, one code per
  listing, ``width`` CODE characters each, an index into ``values`` (a facet's last code: none);
- a facet with several values a listing (skills, countries, levels): for each value, the gaps
  between the positions of the listings that have it, as CODE characters (a full "~" adds 92).
``apply_by`` and ``posted`` are days since 1970-01-01; ``hourly`` is the comparable pay per hour
in the board's currency, to 0.1 (None: no reference rate). ``open`` tells which listings are
open; the others closed recently, and are offered when a search matches them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from board.render.facets import (
    DEADLINE_WINDOWS,
    EFFORT_BANDS,
    FACETS,
    SORTS,
    Facet,
    computed_values,
    rate_options,
)
from board.render.prepared import PreparedListing

EPOCH = date(1970, 1, 1)
RECENTLY_CLOSED_DAYS = 30  # a closed listing is offered in searches this long after its deadline
MULTIPLE = {"skill", "country", "level"}  # facets with any number of values per listing
# 92 characters JSON never escapes: a code's digits, then "~", the gap-list continuation.
CODE = "".join(chr(point) for point in range(0x21, 0x7F) if chr(point) not in '"\\~')
FULL = "~"
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
    everyone = sorted([*open_listings, *closed], key=lambda item: item.id)
    counts = _counts(pair for item in open_listings for pair in item.view.search_filters)
    facets = _offered(counts, len(open_listings))
    values = {facet.name: _values(facet, counts.get(facet.name, Counter())) for facet in facets if not facet.computed}
    return {
        "today": day_number(today),
        "currency": currency,
        "facets": [_facet_entry(facet, values.get(facet.name), feeds) for facet in facets],
        "category_slugs": {item.view.category.label: item.view.category.id for item in everyone},
        "rate": rate_options(currency, locale),
        "deadline": list(DEADLINE_WINDOWS),
        "effort_bands": [[limit, label] for limit, label in EFFORT_BANDS],
        "sorts": {sort.name: [sort.key, sort.direction] for sort in SORTS},
        "count": len(everyone),
        "ids": front_coded([item.id for item in everyone]),
        "open": dictionary_codes([not item.view.closed for item in everyone]),
        "apply_by": dictionary_codes([day_number(item.listing.apply_by) for item in everyone]),
        "closes": _closing_instants(everyone, timezone),
        "posted": dictionary_codes([day_number(item.listing.posted) for item in everyone]),
        "effort": dictionary_codes([item.listing.effort.max for item in everyone]),
        "hourly": dictionary_codes([None if item.view.hourly is None else round(item.view.hourly, 1)
                                    for item in everyone]),
        "values": {name: _column(name, offered, everyone) for name, offered in values.items() if name != "effort"},
        "examples": example_queries(open_listings),
    }


def front_coded(ids: list[str]) -> str:
    """Sorted ids, each as the length it shares with the one before (a CODE character) and the rest."""
    parts, previous = [], ""
    for listing_id in ids:
        shared = 0
        limit = min(len(listing_id), len(previous), len(CODE) - 1)
        while shared < limit and listing_id[shared] == previous[shared]:
            shared += 1
        parts.append(CODE[shared] + listing_id[shared:])
        previous = listing_id
    return " ".join(parts)


def unpack_front_coded(text: str) -> list[str]:
    ids, previous = [], ""
    for entry in text.split(" "):
        previous = previous[: CODE.index(entry[0])] + entry[1:]
        ids.append(previous)
    return ids


def dictionary_codes(column: Sequence[Any]) -> dict[str, Any]:
    """A column as its distinct values (sorted, None last) and one fixed-width code per entry."""
    values = sorted(set(column), key=lambda value: (value is None, value))
    width = 1 if len(values) <= len(CODE) else 2
    index = {value: _code(number, width) for number, value in enumerate(values)}
    return {"values": values, "width": width, "codes": "".join(index[value] for value in column)}


def gap_lists(positions: dict[int, list[int]], count: int) -> list[str]:
    """For each value, the gaps between the (ascending) positions of the listings that have it."""
    lists = []
    for value in range(count):
        text, previous = [], -1
        for position in positions.get(value, []):
            gap = position - previous - 1
            text.append(FULL * (gap // len(CODE)) + CODE[gap % len(CODE)])
            previous = position
        lists.append("".join(text))
    return lists


def _code(number: int, width: int) -> str:
    return "".join(CODE[number // len(CODE) ** power % len(CODE)] for power in reversed(range(width)))


def _column(name: str, offered: list[str], listings: Sequence[PreparedListing]) -> Any:
    number = {value: index for index, value in enumerate(offered)}
    mine = [[number[value] for value in _by_facet(item).get(name, ()) if value in number] for item in listings]
    if name in MULTIPLE:
        positions: dict[int, list[int]] = {}
        for position, indexes in enumerate(mine):
            for index in indexes:
                positions.setdefault(index, []).append(position)
        return {"gaps": gap_lists(positions, len(offered))}
    return dictionary_codes([indexes[0] if indexes else len(offered) for indexes in mine])


def _offered(counts: dict[str, Counter[str]], total: int) -> list[Facet]:
    """The facets worth offering: a facet every listing shares one value of filters nothing (every
    listing is paid on a board that refuses unpaid ones), so it is left out."""
    return [facet for facet in FACETS
            if facet.computed or not (len(counts.get(facet.name, {})) == 1
                                      and next(iter(counts[facet.name].values())) == total)]


def facet_counts(listings: Sequence[PreparedListing], today: date, currency: str,
                 locale: str) -> dict[str, Counter[str]]:
    """How many listings have each facet value (the compared facets as of ``today``)."""
    return _counts(pair for item in listings for pair in
                   [*item.view.search_filters,
                    *computed_values(item.view.hourly, (item.listing.apply_by - today).days, currency, locale)])


def _counts(pairs: Iterable[tuple[str, str]]) -> dict[str, Counter[str]]:
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for facet, value in pairs:
        counts[facet][value] += 1
    return dict(counts)


def facet_panel(listings: Sequence[PreparedListing], today: date, currency: str,
                locale: str) -> list[tuple[Facet, list[tuple[str, int]]]]:
    """Each offered facet with its values in offering order and their counts, for the search form."""
    counts = facet_counts(listings, today, currency, locale)
    panel = []
    for facet in _offered(counts, len(listings)):  # the computed facets' counts play no part in it
        if facet.name == "rate":
            order = [label for _, label in rate_options(currency, locale)]
        else:
            order = list(facet.order) or _most_first(counts.get(facet.name, Counter()))
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


def _values(facet: Facet, counts: Counter[str]) -> list[str]:
    """A fixed facet's values that listings have: in its own order, else the most listings first."""
    if facet.order:
        return [value for value in facet.order if counts[value]]
    return _most_first(counts)


def _most_first(counts: Counter[str]) -> list[str]:
    """The values, the most listings first, then by name."""
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
