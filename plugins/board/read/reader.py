"""Pelican plugin: the board's two readers, the only ones Pelican uses (pelicanconf.py turns its
RST and HTML readers off). Each validated ``content/opportunities/<id>.yaml`` becomes an article,
each ``content/pages/<name>.md`` a page with its title, its slug and sanitized HTML, nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, ClassVar

from pelican import signals
from pelican.readers import BaseReader
from pelican.urlwrappers import Author, Category, Tag
from pelican.utils import SafeDatetime

from ..model import Listing
from ..render.jsonld import job_posting, script_json
from ..render.markdown import render_page
from ..render.record import opportunity_record
from ..render.view import ListingView, build_view
from ..settings import BoardSettings
from .page import PAGE_FIELDS, load_page
from .vocabulary import Vocabulary


@dataclass(frozen=True)
class Prepared:
    """What the build makes of one listing before Pelican reads it."""

    view: ListingView
    record: dict[str, Any]  # the API's, feeds' and JSON Feed's structured record
    jsonld: str | None  # schema.org JobPosting for open listings


@dataclass(frozen=True)
class ListingPreparer:
    """Prepares listings for one build; the build gate runs it beside validation, on every core."""

    today: date
    settings: BoardSettings
    site: str  # SITEURL, without a trailing slash
    article_url: str  # ARTICLE_URL

    def __call__(self, listing: Listing, vocabulary: Vocabulary) -> Prepared:
        view = build_view(listing, vocabulary, self.today, self.settings.locale, self.settings.timezone,
                          remote_images=self.settings.remote_images)
        page_url = f"{self.site}/{self.article_url.format(slug=listing.id)}"
        return Prepared(view, opportunity_record(listing, view, page_url),
                        None if view.closed else self._jsonld(listing, view, page_url))

    def _jsonld(self, listing: Listing, view: ListingView, url: str) -> str:
        logo = listing.organization.data.get("logo")
        logo_url = f"{self.site}/{logo}" if logo else None
        return script_json(job_posting(listing, view.description_html, url, self.settings.timezone,
                                       self.settings.locale, logo_url))


class OpportunityReader(BaseReader):
    enabled = True
    file_extensions: ClassVar[list[str]] = ["yaml"]

    def read(self, filename: str) -> tuple[str, dict[str, Any]]:
        state = self.settings["BOARD_BUILD"]
        listing = state.catalog.listings[Path(filename).stem]
        prepared = state.catalog.prepared[listing.id]
        view = prepared.view
        posted = datetime.combine(listing.posted, time(0, 0), state.settings.timezone)
        metadata = {
            "title": view.title,
            "slug": listing.id,
            "date": SafeDatetime.fromtimestamp(posted.timestamp(), state.settings.timezone),
            "category": self._wrap(Category, view.category.label, view.category.id),
            "tags": [self._wrap(Tag, skill, skill) for skill in view.skills],
            "authors": [self._wrap(Author, view.organization_name, view.organization_id)],
            "listing": listing,
            "view": view,
            "record": prepared.record,
            "jsonld": prepared.jsonld,
        }
        return view.description_html, metadata

    def _wrap(self, kind: type, name: str, slug: str) -> Any:
        wrapper = kind(name, self.settings)
        wrapper.slug = slug
        return wrapper


class PageReader(BaseReader):
    """Reads a page as the validator did (``read.page``): no other metadata reaches Pelican."""

    enabled = True
    file_extensions: ClassVar[list[str]] = ["md"]

    def read(self, filename: str) -> tuple[str, dict[str, Any]]:
        page = load_page(Path(filename))
        html = render_page(page.body, BoardSettings.from_pelican(self.settings).remote_images).html
        return html, {key: value for key in PAGE_FIELDS if (value := page.value(key)) is not None}


def add_readers(readers: Any) -> None:
    readers.reader_classes["yaml"] = OpportunityReader
    readers.reader_classes["md"] = PageReader


def register() -> None:
    signals.readers_init.connect(add_readers)
