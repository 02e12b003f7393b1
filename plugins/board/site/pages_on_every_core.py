"""Pelican's listing pages and term pages, rendered and written on every core.

Pelican renders its pages one by one on one core; Pagefind starts only once they are all written.
Here forked workers (``core.parallel.map_ordered``, from 400 pages) render and write them with the
same templates, context and arguments Pelican gives, so the files are the same; the workers inherit
the build's state, and only page numbers travel. The templates are loaded before the workers fork.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from itertools import chain
from typing import Any

from pelican import signals

from board.core.parallel import map_ordered


def write_articles_on_every_core(generator: Any) -> None:
    """Connected to ``article_generator_finalized``: the listing pages are written by ``_write_articles``."""
    generator.generate_articles = lambda write: _write_articles(generator, write)


def on_every_core(count: int, write_one: Callable[[int], None]) -> None:
    """``write_one(0)`` ... ``write_one(count - 1)``, in worker processes for many pages."""
    deque(map_ordered(write_one, range(count)), maxlen=0)


def _write_articles(generator: Any, write: Callable[..., None]) -> None:
    write_articles(generator, write, [*chain(generator.translations, generator.articles,
                                             generator.hidden_translations, generator.hidden_articles)])


def write_articles(generator: Any, write: Callable[..., None], articles: Sequence[Any]) -> None:
    """These listings' pages, as Pelican's ``generate_articles`` writes each."""
    templates = {article.template: generator.get_template(article.template) for article in articles}
    for article in articles:
        signals.article_generator_write_article.send(generator, content=article)

    def write_one(index: int) -> None:
        article = articles[index]
        write(article.save_as, templates[article.template], generator.context, article=article,
              category=getattr(article, "category", None), override_output=hasattr(article, "override_save_as"),
              url=article.url, blog=True)

    on_every_core(len(articles), write_one)
