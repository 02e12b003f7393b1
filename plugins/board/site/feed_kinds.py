"""Which feeds the board publishes: one entry per kind of feed.

Each kind says where its feeds go, which feeds of its kind a listing belongs to, which feeds exist
even when empty, and how each is titled, described and linked. The feed writer, the Subscribe
page, the API's links and the templates' autodiscovery links (``feed_path``) all read this list,
so a new kind of feed is one more entry here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from board.core.model import Catalog, Listing
from board.core.settings import BoardSettings
from board.render.display import country_name

FORMATS = ("rss", "atom")
JSON_FEED = "feeds/all.json"  # JSON Feed 1.1 of the "all" feed


@dataclass(frozen=True)
class Feed:
    """One feed of one kind: its key (``design``, ``DE``), how it reads, and its page."""

    kind: str
    key: str
    slug: str  # in the feed's path
    title: str  # without the site's name
    label: str  # its name among the feeds of its kind: "Design", "Power BI", "Germany"
    description: str
    page: str  # the page the feed belongs to, relative to the site root ("" for the home page)


Describe = Callable[[str, Catalog, BoardSettings, "Pages"], Feed]


@dataclass(frozen=True)
class Pages:
    """Pelican's URL patterns for the pages feeds belong to."""

    remote: str
    category: str
    skill: str
    organization: str


@dataclass(frozen=True)
class FeedKind:
    name: str
    heading: str  # its group on the Subscribe page
    path: str  # where its feeds go, with {slug} and {format}
    keys: Callable[[Listing], Iterable[str]]  # the feeds of this kind a listing is in
    always: Callable[[Catalog], Iterable[str]]  # the feeds of this kind that exist even when empty
    describe: Describe


def _all(key: str, catalog: Catalog, settings: BoardSettings, pages: Pages) -> Feed:
    return Feed("all", key, "all", "", "All open listings", f"Open micro-internships on {settings.site_name}", "")


def _remote(key: str, catalog: Catalog, settings: BoardSettings, pages: Pages) -> Feed:
    return Feed("remote", key, "remote", "Remote listings", "Remote listings", "Open listings you can do from home.",
                pages.remote)


def _category(key: str, catalog: Catalog, settings: BoardSettings, pages: Pages) -> Feed:
    category = catalog.vocabulary.categories[key]
    return Feed("category", key, key, category.label, category.label, category.description,
                pages.category.format(slug=key))


def _skill(key: str, catalog: Catalog, settings: BoardSettings, pages: Pages) -> Feed:
    return Feed("skill", key, key, f"Skill: {key}", catalog.vocabulary.skill_name(key),
                f"Open listings asking for {key}.", pages.skill.format(slug=key))


def _organization(key: str, catalog: Catalog, settings: BoardSettings, pages: Pages) -> Feed:
    name = catalog.organizations[key].name
    return Feed("organization", key, key, name, name, f"Open listings from {name}.",
                pages.organization.format(slug=key))


def _country(key: str, catalog: Catalog, settings: BoardSettings, pages: Pages) -> Feed:
    name = country_name(key, settings.locale)
    return Feed("country", key, key.lower(), name, name, f"Open listings for people in {name}.", "")


def _none(catalog: Catalog) -> Iterable[str]:
    return ()


FEED_KINDS = (
    FeedKind("all", "Everything", "feeds/all.{format}.xml", lambda listing: ("all",), lambda catalog: ("all",), _all),
    FeedKind("remote", "Everything", "feeds/remote.{format}.xml",
             lambda listing: ("remote",) if listing.location.is_remote else (), lambda catalog: ("remote",), _remote),
    FeedKind("category", "Categories", "feeds/categories/{slug}.{format}.xml", lambda listing: (listing.category,),
             lambda catalog: catalog.vocabulary.categories, _category),
    FeedKind("skill", "Skills", "feeds/skills/{slug}.{format}.xml", lambda listing: listing.skills, _none, _skill),
    FeedKind("organization", "Organizations", "feeds/organizations/{slug}.{format}.xml",
             lambda listing: (listing.organization.id,), lambda catalog: sorted(catalog.organizations), _organization),
    FeedKind("country", "Countries", "feeds/countries/{slug}.{format}.xml",
             lambda listing: listing.location.country_codes, _none, _country),
)
FEED_KIND = {kind.name: kind for kind in FEED_KINDS}


def feed_path(kind: str, slug: str, format: str) -> str:
    """Where a feed is written, relative to the site root: ``feeds/categories/design.atom.xml``."""
    return FEED_KIND[kind].path.format(slug=slug, format=format)
