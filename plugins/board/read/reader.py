"""Pelican plugin: each validated ``content/opportunities/<id>.yaml`` becomes an article."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from typing import Any, ClassVar

from pelican import signals
from pelican.readers import BaseReader
from pelican.urlwrappers import Author, Category, Tag
from pelican.utils import SafeDatetime

from ..render.jsonld import job_posting, script_json
from ..render.record import opportunity_record
from ..render.view import build_view


class OpportunityReader(BaseReader):
    enabled = True
    file_extensions: ClassVar[list[str]] = ["yaml"]

    def read(self, filename: str) -> tuple[str, dict[str, Any]]:
        state = self.settings["BOARD_BUILD"]
        listing = state.catalog.listings[Path(filename).stem]
        view = build_view(listing, state.catalog.vocabulary, state.today, state.settings.locale,
                          state.settings.timezone)
        posted = datetime.combine(listing.posted, time(0, 0), state.settings.timezone)
        page_url = f"{self._site()}/{self.settings['ARTICLE_URL'].format(slug=listing.id)}"
        metadata = {
            "title": view.title,
            "slug": listing.id,
            "date": SafeDatetime.fromtimestamp(posted.timestamp(), state.settings.timezone),
            "category": self._wrap(Category, view.category.label, view.category.id),
            "tags": [self._wrap(Tag, skill, skill) for skill in view.skills],
            "authors": [self._wrap(Author, view.organization_name, view.organization_id)],
            "listing": listing,
            "view": view,
            "record": opportunity_record(listing, view, page_url),
            "jsonld": None if view.closed else self._jsonld(listing, view, page_url),
        }
        return view.description_html, metadata

    def _wrap(self, kind: type, name: str, slug: str) -> Any:
        wrapper = kind(name, self.settings)
        wrapper.slug = slug
        return wrapper

    def _site(self) -> str:
        return self.settings["SITEURL"].rstrip("/")

    def _jsonld(self, listing: Any, view: Any, url: str) -> str:
        site = self._site()
        logo = listing.organization.data.get("logo")
        logo_url = f"{site}/{logo}" if logo else None
        board = self.settings["BOARD_BUILD"].settings
        return script_json(job_posting(listing, view.description_html, url, board.timezone, board.locale, logo_url))


def add_reader(readers: Any) -> None:
    readers.reader_classes["yaml"] = OpportunityReader


def register() -> None:
    signals.readers_init.connect(add_reader)
