"""Closed listings leave the board before Pelican builds its taxonomies and feeds: their pages are
still written (as hidden articles) with a "closed" notice. When a listing closes is the
``Deadline``'s to say (``board.core.deadline``); its view already knows."""

from __future__ import annotations

from typing import Any

from board.site.build import by_deadline, prepared_of


def move_closed_out(generator: Any) -> None:
    closed = [article for article in generator.articles if prepared_of(article).view.closed]
    generator.articles = by_deadline(article for article in generator.articles
                                     if not prepared_of(article).view.closed)
    generator.hidden_articles = list(reversed(by_deadline([*generator.hidden_articles, *closed])))
