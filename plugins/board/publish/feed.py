"""A small wrapper around feedgen: one feed, RSS 2.0 and Atom, with every date passed in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from html import escape

from feedgen.feed import FeedGenerator

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


def render(info: FeedInfo, entries: list[Entry]) -> tuple[bytes, bytes]:
    """The feed as (RSS 2.0, Atom) bytes. Entries are written in the order given."""
    feed = FeedGenerator()
    feed.id(info.url)
    feed.title(xml_text(info.title, "Listings"))
    feed.subtitle(xml_text(info.description, "Listings"))
    feed.language(info.language)
    feed.updated(info.updated)
    feed.lastBuildDate(info.updated)
    feed.generator("micro-internship board (feedgen)", uri=None, version=None)
    for entry in entries:
        _add(feed, entry)
    # feedgen uses the last link as the RSS <link>: the page, so it goes last.
    feed.link([{"href": info.atom_url, "rel": "self"}, {"href": info.url, "rel": "alternate"}], replace=True)
    atom = feed.atom_str(pretty=True)
    feed.link([{"href": info.rss_url, "rel": "self"}, {"href": info.url, "rel": "alternate"}], replace=True)
    rss = feed.rss_str(pretty=True)
    return rss, atom


def _add(feed: FeedGenerator, entry: Entry) -> None:
    item = feed.add_entry(order="append")
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
    for term in entry.categories:
        item.category(term=xml_text(term))
