"""Which listings are open today. A listing closes at the end of its apply_by day in the board's
time zone, or as soon as its status says filled or closed.

As a Pelican plugin, it moves closed listings out of the board before taxonomies and feeds exist:
their pages are still written (as hidden articles) with a "closed" notice.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pelican import signals

from .model import Listing


def closed_reason(listing: Listing, today: date) -> str | None:
    """Why the listing is closed ("filled", "closed", "deadline passed"), or None when open."""
    if listing.status != "open":
        return listing.status
    if today > listing.apply_by:
        return "deadline passed"
    return None


def sort_key(article: Any) -> tuple:
    """By deadline, then id, so the order never depends on the file system."""
    return (article.listing.apply_by, article.listing.id)


def move_closed_out(generator: Any) -> None:
    listings = [article for article in generator.articles if hasattr(article, "listing")]
    closed = [article for article in listings if article.view.closed]
    generator.articles = sorted((a for a in listings if not a.view.closed), key=sort_key)
    generator.hidden_articles = sorted([*generator.hidden_articles, *closed], key=sort_key, reverse=True)


def register() -> None:
    signals.article_generator_pretaxonomy.connect(move_closed_out)
