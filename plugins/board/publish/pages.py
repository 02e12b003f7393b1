"""Pelican plugin: the board's pages beyond Pelican's own.

- every category and organization gets a page, even with no open listings today;
- each closed listing learns its similar open listings, for its "closed" notice;
- ``remote/`` lists open remote listings and ``closed/`` is the archive of closed ones.
"""

from __future__ import annotations

from typing import Any

from pelican import signals
from pelican.generators import Generator
from pelican.urlwrappers import Author, Category

SIMILAR_COUNT = 3


def complete_taxonomies(generator: Any) -> None:
    state = generator.settings["BOARD_BUILD"]
    _add_missing(generator.categories, Category, generator.settings,
                 {c.id: c.label for c in state.catalog.vocabulary.categories.values()})
    _add_missing(generator.authors, Author, generator.settings,
                 {o.id: o.name for o in state.catalog.organizations.values()})
    for article in generator.hidden_articles:
        if hasattr(article, "listing"):
            article.similar = similar_open(article, generator.articles)


def _add_missing(pairs: list, kind: type, settings: dict, names: dict[str, str]) -> None:
    present = {wrapper.slug for wrapper, _ in pairs}
    for slug, name in names.items():
        if slug not in present:
            wrapper = kind(name, settings)
            wrapper.slug = slug
            pairs.append((wrapper, []))
    pairs.sort(key=lambda pair: pair[0].name.lower())


def similar_open(closed: Any, open_articles: list) -> list:
    """Open listings most like a closed one: same category first, then most shared skills."""
    skills = set(closed.view.skills)

    def likeness(article: Any) -> tuple:
        same_category = article.view.category.id == closed.view.category.id
        return (-same_category, -len(skills & set(article.view.skills)), article.view.apply_by, article.slug)

    candidates = [article for article in open_articles
                  if article.view.category.id == closed.view.category.id or skills & set(article.view.skills)]
    return sorted(candidates, key=likeness)[:SIMILAR_COUNT]


class BoardPagesGenerator(Generator):
    """Writes the paginated remote and closed listing pages."""

    def generate_output(self, writer: Any) -> None:
        open_articles = self.context["articles"]
        closed = [a for a in self.context["hidden_articles"] if hasattr(a, "listing")]
        remote = [a for a in open_articles if a.view.mode == "remote"]
        self._write(writer, "remote", remote)
        self._write(writer, "closed", closed)

    def _write(self, writer: Any, name: str, articles: list) -> None:
        writer.write_file(
            self.settings[f"{name.upper()}_SAVE_AS"],
            self.get_template(name),
            self.context,
            self.settings["RELATIVE_URLS"],
            paginated={"articles": articles},
            template_name=name,
            url=self.settings[f"{name.upper()}_URL"],
            page_name=name,
        )


def get_generators(pelican: Any) -> type:
    return BoardPagesGenerator


def register() -> None:
    signals.article_generator_finalized.connect(complete_taxonomies)
    signals.get_generators.connect(get_generators)
