"""The board cut into slices for widgets: one small file per category, skill, organization,
country and place of work, so a widget for one category downloads that category only.

Each slice holds compact cards (what a widget shows and filters on, with dates already worded as
the board words them), soonest deadline first; ``slices.json`` names every slice there is, so a
widget can tell a value the board does not know from one with no open listings today.

A widget reads the whole board's slice, or a place of work's, only when no other setting narrows
it, so it never filters those further: they hold the listings that close within a week and the
next ``WIDGET_MAX`` (``"complete": false``), which lasts a widget through days without a build
while keeping them small on a large board. The other slices hold every open listing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from board.render.prepared import PreparedListing

KINDS = ("category", "skill", "organization", "country", "mode")  # as the widget's data-* names them
ALL = "all"
SHORTENED = (ALL, "mode")  # the slices a widget never narrows further
WIDGET_MAX = 50  # the most listings a widget shows
MARGIN_DAYS = 7


@dataclass(frozen=True)
class Slice:
    kind: str  # one of KINDS, or ALL
    id: str
    label: str
    listings: tuple[PreparedListing, ...]  # in the file
    total: int  # open listings in the slice, in the file or not

    @property
    def complete(self) -> bool:
        return len(self.listings) == self.total

    @property
    def path(self) -> str:
        """Relative to ``/api/v1/``."""
        return f"slices/{ALL}.json" if self.kind == ALL else f"slices/{self.kind}/{self.id}.json"


def slice_values(prepared: PreparedListing) -> list[tuple[str, str]]:
    """The (kind, id) of every slice the listing belongs to."""
    listing = prepared.listing
    return [("category", listing.category), *(("skill", skill) for skill in listing.skills),
            ("organization", listing.organization.id),
            *(("country", code) for code in listing.location.country_codes), ("mode", listing.location.mode)]


def cut(open_listings: Iterable[PreparedListing], known: dict[str, dict[str, str]], today: date) -> list[Slice]:
    """Every slice: the whole board, each value of ``known`` (kind -> id -> label; these get a file
    even when no listing is open), and each value an open listing has. Listings keep their order
    (soonest deadline first, as given)."""
    ordered = tuple(open_listings)
    members: dict[tuple[str, str], list[PreparedListing]] = {}
    for kind, values in known.items():
        for value in values:
            members[kind, value] = []
    for prepared in ordered:
        for key in dict.fromkeys(slice_values(prepared)):
            members.setdefault(key, []).append(prepared)
    labels = {(kind, value): label for kind, values in known.items() for value, label in values.items()}
    parts = [(ALL, ALL, "All open listings", ordered)]
    parts += [(kind, value, labels.get((kind, value), value), tuple(listings))
              for (kind, value), listings in sorted(members.items(), key=lambda item: (KINDS.index(item[0][0]),
                                                                                     item[0][1]))]
    return [Slice(kind, value, label, _shortened(listings, today) if kind in SHORTENED else listings, len(listings))
            for kind, value, label, listings in parts]


def _shortened(listings: tuple[PreparedListing, ...], today: date) -> tuple[PreparedListing, ...]:
    """The listings closing within ``MARGIN_DAYS`` and the ``WIDGET_MAX`` after them."""
    soon = sum(1 for prepared in listings if prepared.listing.apply_by <= today + timedelta(days=MARGIN_DAYS))
    return listings[:soon + WIDGET_MAX]


def card(prepared: PreparedListing) -> dict[str, Any]:
    """What a widget shows of a listing, and filters it by."""
    view, listing = prepared.view, prepared.listing
    return {
        "id": prepared.id,
        "url": prepared.record["url"],
        "title": view.title,
        "organization": {"id": view.organization_id, "name": view.organization_name},
        "category": {"id": view.category.id, "label": view.category.label},
        "skills": list(view.skills),
        "pay": view.pay,
        "effort": view.effort,
        "place": view.location,
        "mode": view.mode,
        "countries": list(listing.location.country_codes),
        "apply_by": view.apply_by.isoformat(),
        "apply_by_text": view.apply_by_text,
        "closes_at": view.closes_at,
    }


def compact(payload: Any) -> str:
    """A slice's JSON text: no spaces, for the smallest download."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def slice_text(part: Slice, cards: dict[str, str]) -> str:
    """The slice's file, from each listing's card already encoded with ``compact``."""
    about = compact({"kind": part.kind, "id": part.id, "label": part.label, "complete": part.complete})
    return f'{{"slice":{about},"opportunities":[{",".join(cards[prepared.id] for prepared in part.listings)}]}}'


def index_document(slices: list[Slice], url_of: Callable[[str], str]) -> dict[str, Any]:
    """``slices.json``: every slice with its label, size and address (``url_of(path)``)."""
    return {"slices": [{"kind": part.kind, "id": part.id, "label": part.label, "open_listings": part.total,
                        "url": url_of(part.path)} for part in slices]}
