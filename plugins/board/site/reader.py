"""The board's two readers, the only ones Pelican uses (pelicanconf.py turns its
RST and HTML readers off). Each validated ``content/opportunities/<id>.yaml`` becomes an article,
each ``content/pages/<name>.md`` a page with its title, its slug and sanitized HTML, nothing else."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from typing import Any, ClassVar

from pelican.readers import BaseReader
from pelican.urlwrappers import Author, Category, Tag
from pelican.utils import SafeDatetime

from board.read.markdown import render_page
from board.read.page import PAGE_FIELDS, load_page
from board.site.build import PREPARED, build_state


class OpportunityReader(BaseReader):
    enabled = True
    file_extensions: ClassVar[list[str]] = ["yaml"]

    def read(self, filename: str) -> tuple[str, dict[str, Any]]:
        state = build_state(self.settings)
        prepared = state.prepared[Path(filename).stem]
        listing, view = prepared.listing, prepared.view
        posted = datetime.combine(listing.posted, time(0, 0), state.settings.timezone)
        metadata = {
            "title": view.title,
            "slug": listing.id,
            "date": SafeDatetime.fromtimestamp(posted.timestamp(), state.settings.timezone),
            "category": self._wrap(Category, view.category.label, view.category.id),
            "tags": [self._wrap(Tag, skill, skill) for skill in view.skills],
            "authors": [self._wrap(Author, view.organization_name, view.organization_id)],
            PREPARED: prepared,
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
        html = render_page(page.body, build_state(self.settings).settings.remote_images).html
        return html, {key: value for key in PAGE_FIELDS if (value := page.value(key)) is not None}


def add_readers(readers: Any) -> None:
    readers.reader_classes["yaml"] = OpportunityReader
    readers.reader_classes["md"] = PageReader

