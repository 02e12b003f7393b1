"""The board's pages beyond Pelican's own.

- every category and organization gets a page, even with no open listings today;
- each closed listing learns its similar open listings, for its "closed" notice, and which of its
  skills have a page (a skill only closed listings ask for has none, so it is not a link);
- ``remote/`` lists open remote listings and ``closed/`` is the archive of closed ones.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pelican.generators import Generator
from pelican.urlwrappers import Author, Category

from board.site.build import build_state, prepared_of

SIMILAR_COUNT = 3
SIMILAR = "similar_open"  # in the template context: a closed listing's slug -> open listings like it
SKILL_PAGES = "skill_pages"  # in the template context: the skills with a page (those of open listings)


def complete_taxonomies(generator: Any) -> None:
    state = build_state(generator.settings)
    _add_missing(generator.categories, Category, generator.settings,
                 {c.id: c.label for c in state.catalog.vocabulary.categories.values()})
    _add_missing(generator.authors, Author, generator.settings,
                 {o.id: o.name for o in state.catalog.organizations.values()})
    generator.context[SIMILAR] = {closed.slug: similar_open(closed, generator.articles)
                                  for closed in generator.hidden_articles}
    generator.context[SKILL_PAGES] = frozenset(tag.slug for tag in generator.tags)


def _add_missing(pairs: list[Any], kind: type, settings: dict[str, Any], names: dict[str, str]) -> None:
    present = {wrapper.slug for wrapper, _ in pairs}
    for slug, name in names.items():
        if slug not in present:
            wrapper = kind(name, settings)
            wrapper.slug = slug
            pairs.append((wrapper, []))
    pairs.sort(key=lambda pair: pair[0].name.lower())


def similar_open(closed: Any, open_articles: list[Any]) -> list[Any]:
    """Open listings most like a closed one: same category first, then most shared skills."""
    listing = prepared_of(closed).listing
    skills = set(listing.skills)

    def shared(article: Any) -> tuple[bool, int]:
        other = prepared_of(article).listing
        return other.category == listing.category, len(skills & set(other.skills))

    def likeness(article: Any) -> tuple[bool, int, date, str]:
        same_category, common = shared(article)
        return (not same_category, -common, prepared_of(article).listing.apply_by, article.slug)

    candidates = [article for article in open_articles if any(shared(article))]
    return sorted(candidates, key=likeness)[:SIMILAR_COUNT]


class BoardPagesGenerator(Generator):
    """Writes the paginated remote and closed listing pages."""

    def generate_output(self, writer: Any) -> None:
        open_articles = self.context["articles"]
        closed = self.context["hidden_articles"]
        remote = [article for article in open_articles if prepared_of(article).listing.location.is_remote]
        self._write(writer, "remote", remote)
        self._write(writer, "closed", closed)

    def _write(self, writer: Any, name: str, articles: list[Any]) -> None:
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
