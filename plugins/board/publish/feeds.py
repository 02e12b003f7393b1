"""Pelican plugin: RSS 2.0 and Atom feeds of open listings (all, and one per category).

Pelican's own feeds are switched off in pelicanconf.py; these are written with feedgen. Paths come
from the ``BOARD_FEEDS`` setting, which the templates also use for their autodiscovery links.
"""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator

from .feed import Entry, FeedInfo, render


class FeedsGenerator(Generator):
    def generate_output(self, writer: Any) -> None:
        state = self.settings["BOARD_BUILD"]
        articles = sorted(self.context["articles"], key=lambda a: (a.view.posted, a.slug), reverse=True)
        site = self.settings["SITEURL"].rstrip("/")
        sitename = self.settings["SITENAME"]
        self._write(("all", "all"), articles, site + "/", sitename, f"Open micro-internships on {sitename}")
        for category in state.catalog.vocabulary.categories.values():
            in_category = [a for a in articles if a.view.category.id == category.id]
            page = f"{site}/{self.settings['CATEGORY_URL'].format(slug=category.id)}"
            self._write(("category", category.id), in_category, page,
                        f"{category.label} · {sitename}", category.description)

    def _write(self, feed: tuple[str, str], articles: list, page_url: str, title: str, description: str) -> None:
        site = self.settings["SITEURL"].rstrip("/")
        paths = {kind: feed_path(self.settings, *feed, kind) for kind in ("rss", "atom")}
        state = self.settings["BOARD_BUILD"]
        entries = [self._entry(article, site) for article in articles]
        newest = max((entry.published for entry in entries), default=None)
        info = FeedInfo(
            url=page_url,
            rss_url=f"{site}/{paths['rss']}",
            atom_url=f"{site}/{paths['atom']}",
            title=title,
            description=description,
            updated=newest or datetime.combine(state.today, time(0, 0), state.settings.timezone),
            language=self.settings.get("DEFAULT_LANG", "en"),
        )
        rss, atom = render(info, entries)
        for kind, body in (("rss", rss), ("atom", atom)):
            target = Path(self.output_path) / paths[kind]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)

    def _entry(self, article: Any, site: str) -> Entry:
        view = article.view
        return Entry(
            url=f"{site}/{article.url}",
            title=view.title,
            summary=view.summary,
            details=f"Pay: {view.pay}. Effort: {view.effort}. {view.location}. Apply by {view.apply_by_text}.",
            published=article.date,
            author=view.organization_name,
            categories=(view.category.label, *view.skills),
        )


def feed_path(settings: dict, feed: str, slug: str, kind: str) -> str:
    """Where a feed is written, e.g. ``feeds/categories/design.atom.xml``."""
    return settings["BOARD_FEEDS"][feed].format(slug=slug, kind=kind)


def get_generators(pelican: Any) -> type:
    return FeedsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
