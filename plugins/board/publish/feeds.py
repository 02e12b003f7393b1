"""Pelican plugin: feeds for every slice of the board.

RSS 2.0 and Atom (feedgen) for all open listings, each category, skill, organization and
country that has listings, and remote work; JSON Feed 1.1 for all. Each feed carries its newest
``BOARD_FEED_MAX_ITEMS`` listings, each item with the listing's structured fields. Paths come
from ``BOARD_FEEDS``, which the templates also use for their autodiscovery links and the
Subscribe page lists.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Any

from feedgen.entry import FeedEntry
from pelican import signals
from pelican.generators import Generator

from ..render.record import feed_fields
from ..render.view import country_name, listing_countries
from .feed import Entry, FeedInfo, prepare, render

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


@dataclass(frozen=True)
class FeedSpec:
    """One feed: which slice of the board, what it is called, and where its page is."""

    kind: str  # all, category, skill, organization, remote or country
    slug: str
    title: str
    description: str
    page: str  # the page the feed belongs to, relative to the site root
    articles: tuple


def feed_path(settings: dict, feed: str, slug: str, kind: str) -> str:
    """Where a feed is written, e.g. ``feeds/categories/design.atom.xml``."""
    return settings["BOARD_FEEDS"][feed].format(slug=slug, kind=kind)


def feed_specs(settings: dict, articles: list, catalog: Any) -> list[FeedSpec]:
    """Every feed the board publishes, in the order the Subscribe page lists them."""
    name, locale = settings["SITENAME"], settings.get("BOARD_LOCALE", "en")
    slices = _slices(articles)

    def spec(kind: str, slug: str, title: str, description: str, page: str, key: str | None = None) -> FeedSpec:
        return FeedSpec(kind, slug, f"{title} · {name}" if title else name, description, page,
                        tuple(slices.get((kind, key or slug), ())))

    skills = sorted(slug for kind, slug in slices if kind == "skill")
    countries = sorted(code for kind, code in slices if kind == "country")
    return [
        spec("all", "all", "", f"Open micro-internships on {name}", ""),
        spec("remote", "remote", "Remote listings", "Open listings you can do from home.", settings["REMOTE_URL"]),
        *[spec("category", c.id, c.label, c.description, settings["CATEGORY_URL"].format(slug=c.id))
          for c in catalog.vocabulary.categories.values()],
        *[spec("skill", skill, f"Skill: {skill}", f"Open listings asking for {skill}.",
               settings["TAG_URL"].format(slug=skill)) for skill in skills],
        *[spec("organization", o.id, o.name, f"Open listings from {o.name}.", settings["AUTHOR_URL"].format(slug=o.id))
          for o in sorted(catalog.organizations.values(), key=lambda o: o.id)],
        *[spec("country", code.lower(), country_name(code, locale),
               f"Open listings for people in {country_name(code, locale)}.", "", key=code) for code in countries],
    ]


def _slices(articles: list) -> dict[tuple[str, str], list]:
    """Each article under every (feed kind, key) it belongs to, in one pass, keeping the articles' order."""
    slices: dict[tuple[str, str], list] = defaultdict(list)
    for article in articles:
        view = article.view
        keys = [("all", "all"), ("category", view.category.id), ("organization", view.organization_id),
                *(("skill", skill) for skill in dict.fromkeys(view.skills)),
                *(("country", code) for code in dict.fromkeys(_countries(article)))]
        if view.mode == "remote":
            keys.append(("remote", "remote"))
        for key in keys:
            slices[key].append(article)
    return slices


def _countries(article: Any) -> list[str]:
    return listing_countries(article.record["location"])


class FeedsGenerator(Generator):
    def generate_output(self, writer: Any) -> None:
        state = self.settings["BOARD_BUILD"]
        articles = sorted(self.context["articles"], key=lambda a: (a.view.posted, a.slug), reverse=True)
        specs = feed_specs(self.settings, articles, state.catalog)
        entries: dict[str, FeedEntry] = {}  # each listing's entry, built once for all its feeds
        for spec in specs:
            newest = self._newest(spec)
            for article in newest:
                if article.slug not in entries:
                    entries[article.slug] = prepare(self._entry(article))
            self._write(spec, newest, [entries[article.slug] for article in newest])
        self._write_json_feed(specs[0])

    def _write(self, spec: FeedSpec, articles: tuple, entries: list[FeedEntry]) -> None:
        site = self.settings["SITEURL"].rstrip("/")
        paths = {kind: feed_path(self.settings, spec.kind, spec.slug, kind) for kind in ("rss", "atom")}
        info = FeedInfo(url=f"{site}/{spec.page}", rss_url=f"{site}/{paths['rss']}", atom_url=f"{site}/{paths['atom']}",
                        title=spec.title, description=spec.description, updated=self._updated(articles),
                        language=self.settings.get("DEFAULT_LANG", "en"))
        rss, atom = render(info, entries)
        for kind, body in (("rss", rss), ("atom", atom)):
            self._save(paths[kind], body)

    def _write_json_feed(self, spec: FeedSpec) -> None:
        site = self.settings["SITEURL"].rstrip("/")
        feed = {
            "version": JSON_FEED_VERSION,
            "title": spec.title,
            "description": spec.description,
            "home_page_url": f"{site}/",
            "feed_url": f"{site}/{self.settings['BOARD_JSON_FEED']}",
            "language": self.settings.get("DEFAULT_LANG", "en"),
            "items": [self._json_item(article) for article in self._newest(spec)],
        }
        self._save(self.settings["BOARD_JSON_FEED"], json.dumps(feed, ensure_ascii=False, indent=1).encode())

    def _json_item(self, article: Any) -> dict[str, Any]:
        view = article.view
        return {
            "id": article.record["url"],
            "url": article.record["url"],
            "title": view.title,
            "summary": view.summary,
            "content_text": f"{view.summary}\n\n{_details(view)}",
            "date_published": article.date.isoformat(),
            "authors": [{"name": view.organization_name}],
            "tags": [view.category.label, *view.skills],
            "_opportunity": {"about": f"{self.settings['SITEURL'].rstrip('/')}/{self.settings['API_DOCS_URL']}",
                             **article.record},
        }

    def _entry(self, article: Any) -> Entry:
        view = article.view
        return Entry(url=article.record["url"], title=view.title, summary=view.summary, details=_details(view),
                     published=article.date, author=view.organization_name,
                     categories=(view.category.label, *view.skills), fields=tuple(feed_fields(article.record)))

    def _newest(self, spec: FeedSpec) -> tuple:
        """The listings a feed carries: the newest BOARD_FEED_MAX_ITEMS (all when it is None)."""
        return spec.articles[:self.settings.get("BOARD_FEED_MAX_ITEMS")]

    def _updated(self, articles: tuple) -> datetime:
        state = self.settings["BOARD_BUILD"]
        newest = max((article.date for article in articles), default=None)
        return newest or datetime.combine(state.today, time(0, 0), state.settings.timezone)

    def _save(self, path: str, body: bytes) -> None:
        target = Path(self.output_path) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)


def _details(view: Any) -> str:
    return f"Pay: {view.pay}. Effort: {view.effort}. {view.location}. Apply by {view.apply_by_text}."


def get_generators(pelican: Any) -> type:
    return FeedsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
