"""A small wrapper around feedgen: one feed, RSS 2.0 and Atom, with every date passed in."""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Any

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

# The namespace of the structured fields in each item (documented on the site's API page).
OPPORTUNITY_NS = "urn:micro-internship-board:opportunity:1"

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Entry:
    """One item, all plain text: the wrapper escapes it for each place it goes."""

    url: str
    title: str
    summary: str
    details: str
    published: datetime
    author: str
    categories: tuple[str, ...]
    fields: tuple[tuple[str, str], ...] = ()  # structured data, written as <opp:name>value</opp:name>


@dataclass(frozen=True)
class FeedInfo:
    url: str  # the page the feed belongs to
    rss_url: str
    atom_url: str
    title: str
    description: str
    updated: datetime
    language: str


def xml_text(text: str, fallback: str = "") -> str:
    """Drop the characters XML 1.0 cannot carry, so an employer's text never breaks a feed.
    feedgen refuses empty required fields, so those get a fallback."""
    return _NOT_XML.sub("", text).strip() or fallback


def feed_entry(entry: Entry) -> FeedEntry:
    """The feedgen entry for one listing, built once and shared by every feed that carries it."""
    item = _ReusedEntry()
    item.register_extension("opportunity", _OpportunityEntry)
    item.load_extension("dc", atom=False, rss=True)  # RSS's <author> takes only an email address
    item.id(entry.url)
    item.guid(entry.url, permalink=True)
    item.title(xml_text(entry.title, "Untitled listing"))
    item.link(href=entry.url)
    # Feed readers render RSS descriptions and Atom html content as HTML, so employer text is
    # HTML-escaped before feedgen XML-escapes it: markup in a title arrives as visible text.
    html_body = f"<p>{escape(entry.summary, quote=False)}</p><p>{escape(entry.details, quote=False)}</p>"
    item.summary(xml_text(f"{entry.summary}\n\n{entry.details}"), type="text")
    item.description(xml_text(html_body))
    item.content(xml_text(html_body), type="html")
    item.published(entry.published)
    item.updated(entry.published)
    item.author(name=xml_text(entry.author, "Unknown organization"))
    item.dc.dc_creator(xml_text(entry.author, "Unknown organization"))
    for term in entry.categories:
        item.category(term=xml_text(term))
    item.opportunity.fields([(name, xml_text(value)) for name, value in entry.fields])
    return item


def render(info: FeedInfo, entries: list[FeedEntry]) -> tuple[bytes, bytes]:
    """The feed as (RSS 2.0, Atom) bytes, with the entries from `feed_entry` in the order given."""
    feed = FeedGenerator()
    feed.id(info.url)
    feed.title(xml_text(info.title, "Listings"))
    # Some readers render a channel's description as HTML; it may hold an organization's name.
    feed.subtitle(xml_text(info.description, "Listings").replace("<", "&lt;").replace(">", "&gt;"))
    feed.language(info.language)
    feed.updated(info.updated)
    feed.lastBuildDate(info.updated)
    feed.generator("micro-internship board (feedgen)", uri=None, version=None)
    feed.register_extension("opportunity", _OpportunityFeed, _OpportunityEntry)
    feed.load_extension("dc", atom=False, rss=True)
    for entry in entries:
        feed.add_entry(entry, order="append")  # feedgen skips the extension the entry already has
    # feedgen uses the last link as the RSS <link>: the page, so it goes last.
    feed.link([{"href": info.atom_url, "rel": "self"}, {"href": info.url, "rel": "alternate"}], replace=True)
    atom = feed.atom_str(pretty=True)
    feed.link([{"href": info.rss_url, "rel": "self"}, {"href": info.url, "rel": "alternate"}], replace=True)
    rss = feed.rss_str(pretty=True)
    return rss, atom


class _ReusedEntry(FeedEntry):
    """A feedgen entry that builds its RSS item and Atom entry once, however many feeds carry it.
    Each feed gets its own copy, because an XML element has one parent."""

    def __init__(self) -> None:
        super().__init__()
        self._built: dict[tuple[str, bool], Any] = {}

    def rss_entry(self, extensions: bool = True) -> Any:
        return self._copy("rss", super().rss_entry, extensions)

    def atom_entry(self, extensions: bool = True) -> Any:
        return self._copy("atom", super().atom_entry, extensions)

    def _copy(self, kind: str, build: Any, extensions: bool) -> Any:
        if (kind, extensions) not in self._built:
            self._built[kind, extensions] = build(extensions)
        return deepcopy(self._built[kind, extensions])


class _OpportunityFeed(BaseExtension):
    def extend_ns(self) -> dict[str, str]:
        return {"opp": OPPORTUNITY_NS}


class _OpportunityEntry(BaseEntryExtension):
    """feedgen's extension hook: the same elements in RSS items and Atom entries."""

    def __init__(self) -> None:
        self._fields: list[tuple[str, str]] = []

    def fields(self, fields: list[tuple[str, str]]) -> None:
        self._fields = fields

    def extend_rss(self, item: Any) -> Any:
        return self._extend(item)

    def extend_atom(self, entry: Any) -> Any:
        return self._extend(entry)

    def _extend(self, element: Any) -> Any:
        for name, value in self._fields:
            xml_elem(f"{{{OPPORTUNITY_NS}}}{name}", element).text = value
        return element
