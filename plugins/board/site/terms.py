"""Pelican's tag, category and author pages, written in linear time.

For each term, Pelican's ``generate_tags``, ``generate_categories`` and ``generate_authors`` keep
the articles of ``dates`` that are ``in`` the term's list: a scan of every listing per term, so a
board of N listings and N/4 organizations costs N²/4 steps (10,000 listings: 25 million; 50,000:
625 million). Here each term's ``dates`` is its own articles in the order of ``dates``, the same
list found in one pass, and the pages are written with exactly the arguments Pelican gives, on
every core for many terms.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from pelican.writers import FileOverwriteFailedError

from board.site.pages_on_every_core import on_every_core

logger = logging.getLogger(__name__)


def write_terms_in_linear_time(generator: Any) -> None:
    """Connected to ``article_generator_finalized``: this generator's term pages are written by
    ``_write_term_pages`` instead of Pelican's own loops."""
    generator.generate_tags = partial(_write_term_pages, generator, "tag", lambda: generator.tags.items())
    generator.generate_categories = partial(_write_term_pages, generator, "category", lambda: generator.categories)
    generator.generate_authors = partial(_write_term_pages, generator, "author", lambda: generator.authors)


def positions(dates: list[Any]) -> dict[int, int]:
    """Each article's place in ``dates``, by identity (Pelican's articles compare by identity)."""
    return {id(article): place for place, article in enumerate(dates)}


def in_order_of(position: dict[int, int], articles: Iterable[Any]) -> list[Any]:
    """``[article for article in dates if article in articles]``, from ``positions(dates)``: the
    articles that are in ``dates``, each once, in the order of ``dates``."""
    present = {id(article): article for article in articles if id(article) in position}
    return [present[key] for key in sorted(present, key=position.__getitem__)]


def _write_term_pages(generator: Any, kind: str, terms: Callable[[], Iterable[tuple[Any, list[Any]]]],
                      write: Callable[..., None]) -> None:
    write_term_pages(generator, kind, list(terms()), write)


def write_term_pages(generator: Any, kind: str, pairs: list[tuple[Any, list[Any]]], write: Callable[..., None]) -> None:
    """These terms' pages (``kind`` is tag, category or author), each with its articles."""
    template = generator.get_template(kind)
    position = positions(generator.dates)

    def write_one(index: int) -> None:
        term, articles = pairs[index]
        try:
            write(term.save_as, template, generator.context, url=term.url, **{kind: term}, articles=articles,
                  dates=in_order_of(position, articles), template_name=kind, blog=True,
                  page_name=term.page_name, all_articles=generator.articles)
        except FileOverwriteFailedError:
            if term.slug:
                logger.error('Failed to write %s page for "%s".', kind.capitalize(), term)
                raise
            logger.info('%s "%s" has an invalid slug; skipping writing %s page...', kind.capitalize(), term, kind)

    on_every_core(len(pairs), write_one)
