"""Fast "is this article in that list" for Pelican's tag, category and author pages.

For every tag, category and author, Pelican keeps the articles of ``dates`` that are ``in`` that
term's article list: a scan of a list per article, so N listings cost about N² comparisons in all
(50,000 listings: billions). Pelican's Content objects compare by identity, so a list that
answers ``in`` from a set of identities gives the same pages in linear time.
"""

from __future__ import annotations

from typing import Any


class ArticleList(list[Any]):
    """A list of articles whose ``in`` is a set lookup by identity, as ``in`` on a plain list of
    objects without ``__eq__`` is. Built once, after the taxonomy is complete; never changed."""

    def __init__(self, articles: list[Any]) -> None:
        super().__init__(articles)
        self._identities = {id(article) for article in articles}

    def __contains__(self, article: object) -> bool:
        return id(article) in self._identities


def use_fast_membership(generator: Any) -> None:
    # In place: the template context and other plugins hold these same dict and lists.
    generator.tags.update((tag, ArticleList(articles)) for tag, articles in generator.tags.items())
    generator.categories[:] = [(category, ArticleList(articles)) for category, articles in generator.categories]
    generator.authors[:] = [(author, ArticleList(articles)) for author, articles in generator.authors]
