"""What the build makes of each checked listing before any page is written: what students see
(the view), what machines read (the record), what search engines read (JSON-LD), and what calendars
read (its deadline event)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from board.core.errors import blame
from board.core.model import Catalog, Listing
from board.core.money import ExchangeRates, exchange_rates
from board.core.parallel import map_ordered
from board.core.settings import BoardSettings
from board.render.calendar_event import deadline_event
from board.render.jsonld import job_posting, script_json
from board.render.record import opportunity_record
from board.render.view import ListingView, build_view

Record = dict[str, Any]  # the API's, feeds' and JSON Feed's structured record of a listing


@dataclass(frozen=True)
class PreparedListing:
    listing: Listing
    view: ListingView
    record: Record
    jsonld: str | None  # schema.org JobPosting, for open listings only
    event: bytes | None  # its deadline as an iCalendar VEVENT, for open listings only

    @property
    def id(self) -> str:
        return self.listing.id


@dataclass(frozen=True)
class ListingPreparer:
    """Prepares the listings of one build, where pages link as ``page_url`` says."""

    catalog: Catalog
    settings: BoardSettings
    today: date
    page_url: Callable[[str], str]  # a listing id -> its page's absolute address

    @cached_property
    def rates(self) -> ExchangeRates:
        """The build's exchange rates: the ECB's for its day, and the board's rates.yaml."""
        return exchange_rates(self.today, self.catalog.extra_rates)

    def __call__(self, listing: Listing) -> PreparedListing:
        settings = self.settings
        view = build_view(listing, self.catalog.vocabulary, self.today, settings.locale, settings.timezone,
                          remote_images=settings.remote_images, rates=self.rates, currency=settings.currency)
        url = self.page_url(listing.id)
        jsonld = None if view.closed else self._jsonld(listing, view, url)
        event = None if view.closed else deadline_event(view, url, self.host)
        return PreparedListing(listing, view, opportunity_record(listing, view, url), jsonld, event)

    @cached_property
    def host(self) -> str:
        return urlsplit(self.settings.site_url).hostname or "localhost"

    def _jsonld(self, listing: Listing, view: ListingView, url: str) -> str:
        logo = listing.organization.logo
        logo_url = self.settings.absolute(logo) if logo else None
        return script_json(job_posting(listing, view.description_html, url, self.settings.timezone,
                                       self.settings.locale, logo_url, self.catalog.vocabulary.skill_name))

    def prepare_all(self, listings: Iterable[Listing]) -> dict[str, PreparedListing]:
        """Every listing prepared, by id, on every core for a large board."""
        ordered = sorted(listings, key=lambda listing: listing.id)
        self.rates  # noqa: B018 (computed once here, before the workers fork)
        pieces = map_ordered(self._pieces, [listing.id for listing in ordered])
        return {listing.id: PreparedListing(listing, *parts) for listing, parts in zip(ordered, pieces, strict=True)}

    def _pieces(self, listing_id: str) -> tuple[ListingView, Record, str | None, bytes | None]:
        """What a worker sends back: the listing itself stays where it is."""
        with blame(f"opportunities/{listing_id}.yaml"):
            prepared = self(self.catalog.listings[listing_id])
        return prepared.view, prepared.record, prepared.jsonld, prepared.event
