"""Pelican's term pages keep the articles of `dates` that are `in` the term's list; the board finds
the same list in linear time."""

from __future__ import annotations

import random

from board.site.terms import in_order_of, positions


class Article:
    """Like Pelican's Content: no __eq__, so `in` on a list compares identities."""


def test_a_terms_dates_are_exactly_what_pelicans_scan_of_every_article_finds() -> None:
    rng = random.Random(3)
    dates = [Article() for _ in range(60)]
    position = positions(dates)
    elsewhere = [Article() for _ in range(3)]  # a hidden article, say: in a term's list, not in dates
    for size in (0, 1, 5, 30, 60):
        articles = rng.sample(dates, size) + elsewhere[: size % 4]
        articles += articles[:2]  # listed twice, found once
        assert in_order_of(position, articles) == [article for article in dates if article in articles]
