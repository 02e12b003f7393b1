"""Feeds for every slice of the board (``feed_kinds``): RSS 2.0 and Atom with feedgen, and a JSON
Feed 1.1 of all open listings. Each feed carries its newest ``BOARD_FEED_MAX_ITEMS`` listings,
each item with the listing's structured fields."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from functools import cached_property
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from feedgen.entry import FeedEntry
from pelican.generators import Generator

from board.render.feed_xml import Entry, FeedInfo, feed_entry, render
from board.render.prepared import PreparedListing
from board.render.record import feed_fields
from board.render.view import ListingView
from board.site.build import BuildState, build_state, newest_first, prepared_of
from board.site.feed_kinds import FEED_KIND, FEED_KINDS, FORMATS, JSON_FEED, Feed, Pages, feed_path

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
Chosen = Callable[[str, str], bool]  # a feed's kind and key -> whether to include it


@dataclass(frozen=True)
class PublishedFeed:
    """A feed and the open listings it carries, newest first."""

    feed: Feed
    articles: tuple[Any, ...]


def published_feeds(state: BuildState, settings: dict[str, Any], articles: list[Any],
                    chosen: Chosen = lambda kind, key: True) -> list[PublishedFeed]:
    """Every feed the board publishes (or those ``chosen`` picks by kind and key), in the order the
    Subscribe page lists them, with every open listing it holds (newest first): sorted into all of
    them in one pass."""
    newest = newest_first(articles)
    carried: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for article in newest:
        listing = prepared_of(article).listing
        for kind in FEED_KINDS:
            for key in kind.keys(listing):
                if chosen(kind.name, key):
                    carried[kind.name, key].append(article)
    pages = _pages(settings)
    feeds = []
    for kind in FEED_KINDS:
        present = sorted(key for name, key in carried if name == kind.name)
        for key in dict.fromkeys([*kind.always(state.catalog), *present]):
            if chosen(kind.name, key):
                feed = kind.describe(key, state.catalog, state.settings, pages)
                feeds.append(PublishedFeed(feed, tuple(carried.get((kind.name, key), ()))))
    return feeds


class FeedsGenerator(Generator):
    def generate_output(self, writer: Any) -> None:
        self.write_feeds()

    def write_feeds(self, chosen: Chosen = lambda kind, key: True) -> list[str]:
        """The feeds ``chosen`` picks by kind and key (the JSON Feed with the "all" feed), from the
        open listings; the files written."""
        state = build_state(self.settings)
        feeds = published_feeds(state, self.settings, self.context["articles"], chosen)
        entries = self._entries
        written = []
        for published in feeds:
            newest = self._newest(published.articles, state)
            for article in newest:
                if article not in entries:
                    entries[article] = feed_entry(_entry(article))
            written += self._write(published.feed, newest, [entries[article] for article in newest], state)
        everything = [published for published in feeds if published.feed.kind == "all"]
        if everything:
            written.append(self._write_json_feed(everything[0], state))
        return written

    def files_of(self, kind: str, key: str) -> list[str]:
        """Where the feed of this kind and key is written (when it has listings or always exists)."""
        state = build_state(self.settings)
        feed = FEED_KIND[kind].describe(key, state.catalog, state.settings, _pages(self.settings))
        return [feed_path(kind, feed.slug, form) for form in FORMATS]

    @cached_property
    def _entries(self) -> WeakKeyDictionary[Any, FeedEntry]:
        """Each listing's entry, built once for all its feeds (and the dev server's later updates):
        by article, as an edited listing is a new one, and only while the article lives."""
        return WeakKeyDictionary()

    def _write(self, feed: Feed, articles: tuple[Any, ...], entries: list[FeedEntry], state: BuildState) -> list[str]:
        settings = state.settings
        paths = {form: feed_path(feed.kind, feed.slug, form) for form in FORMATS}
        info = FeedInfo(url=settings.absolute(feed.page), rss_url=settings.absolute(paths["rss"]),
                        atom_url=settings.absolute(paths["atom"]), title=_title(feed, state),
                        description=feed.description, updated=self._updated(articles, state),
                        language=settings.language)
        rss, atom = render(info, entries)
        for form, body in (("rss", rss), ("atom", atom)):
            self._save(paths[form], body)
        return list(paths.values())

    def _write_json_feed(self, everything: PublishedFeed, state: BuildState) -> str:
        settings = state.settings
        feed = {
            "version": JSON_FEED_VERSION,
            "title": _title(everything.feed, state),
            "description": everything.feed.description,
            "home_page_url": settings.absolute(""),
            "feed_url": settings.absolute(JSON_FEED),
            "language": settings.language,
            "items": [_json_item(article, settings.absolute(self.settings["API_DOCS_URL"]))
                      for article in self._newest(everything.articles, state)],
        }
        self._save(JSON_FEED, json.dumps(feed, ensure_ascii=False, indent=1).encode())
        return JSON_FEED

    def _newest(self, articles: tuple[Any, ...], state: BuildState) -> tuple[Any, ...]:
        """The listings a feed carries: the newest BOARD_FEED_MAX_ITEMS (all when it is None)."""
        return articles[:state.settings.feed_max_items]

    def _updated(self, articles: tuple[Any, ...], state: BuildState) -> datetime:
        newest = max((article.date for article in articles), default=None)
        return newest or datetime.combine(state.today, time(0, 0), state.settings.timezone)

    def _save(self, path: str, body: bytes) -> None:
        target = Path(self.output_path) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)


def _pages(settings: dict[str, Any]) -> Pages:
    return Pages(settings["REMOTE_URL"], settings["CATEGORY_URL"], settings["TAG_URL"], settings["AUTHOR_URL"])


def _title(feed: Feed, state: BuildState) -> str:
    name = state.settings.site_name
    return f"{feed.title} · {name}" if feed.title else name


def _entry(article: Any) -> Entry:
    prepared = prepared_of(article)
    view = prepared.view
    return Entry(url=prepared.record["url"], title=view.title, summary=view.summary, details=_details(view),
                 published=article.date, author=view.organization_name,
                 categories=(view.category.label, *view.skills), fields=tuple(feed_fields(prepared.record)))


def _json_item(article: Any, api_docs: str) -> dict[str, Any]:
    prepared: PreparedListing = prepared_of(article)
    view = prepared.view
    return {
        "id": prepared.record["url"],
        "url": prepared.record["url"],
        "title": view.title,
        "summary": view.summary,
        "content_text": f"{view.summary}\n\n{_details(view)}",
        "date_published": article.date.isoformat(),
        "authors": [{"name": view.organization_name}],
        "tags": [view.category.label, *view.skills],
        "_opportunity": {"about": api_docs, **prepared.record},
    }


def _details(view: ListingView) -> str:
    return f"Pay: {view.pay}. Effort: {view.effort}. {view.location}. Apply by {view.apply_by_text}."
