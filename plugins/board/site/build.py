"""What one build knows, handed from the gate to every other part of the site as one typed value.

Pelican hands its plugins only its settings dict and its content objects, so the state rides in
the settings under a private key, and is reached only through ``build_state``; a listing's
prepared view rides on its article, reached only through ``prepared_of``.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from board.core.model import Catalog
from board.core.money import ExchangeRates
from board.core.settings import BoardSettings
from board.render.prepared import ListingPreparer, PreparedListing

_STATE = "_board_build_state"
PREPARED = "prepared"  # the article metadata key, and so the attribute, of a listing's PreparedListing


@dataclass(frozen=True)
class BuildState:
    settings: BoardSettings
    catalog: Catalog
    today: date
    prepared: dict[str, PreparedListing]  # every checked listing, by id
    preparer: ListingPreparer  # how they were prepared (the dev server prepares an edited one again)

    @property
    def rates(self) -> ExchangeRates:
        """What pay is compared with (render.display.rates_text says whence)."""
        return self.preparer.rates


def remember(settings: MutableMapping[str, Any], state: BuildState) -> None:
    settings[_STATE] = state


def build_state(settings: MutableMapping[str, Any]) -> BuildState:
    """The state the gate left for this build."""
    state = settings.get(_STATE)
    if not isinstance(state, BuildState):
        raise RuntimeError("the board's build gate has not run: is 'board.site' in PLUGINS?")
    return state


def prepared_of(article: Any) -> PreparedListing:
    """The prepared listing a Pelican article was read from."""
    prepared = getattr(article, PREPARED, None)
    if not isinstance(prepared, PreparedListing):
        raise TypeError(f"{article!r} is not one of the board's listings")
    return prepared


def by_deadline(articles: Iterable[Any]) -> list[Any]:
    """Soonest deadline first, then by id, so the order never depends on the file system."""
    return sorted(articles, key=lambda article: (prepared_of(article).listing.apply_by, article.slug))


def newest_first(articles: Iterable[Any]) -> list[Any]:
    return sorted(articles, key=lambda article: (prepared_of(article).view.posted, article.slug), reverse=True)
