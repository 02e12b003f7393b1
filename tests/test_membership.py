"""Pelican's term pages ask `article in articles` for every article; the board answers it by identity."""

from __future__ import annotations

from board.site.membership import ArticleList


class Article:
    """Like Pelican's Content: no __eq__, so a plain list's `in` compares identities."""


def test_an_article_list_answers_in_exactly_as_a_plain_list_of_articles_does() -> None:
    articles = [Article() for _ in range(5)]
    members = articles[1:4]
    fast = ArticleList(members)
    assert fast == members
    assert [article in fast for article in articles] == [article in members for article in articles]
