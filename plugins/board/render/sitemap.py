"""``sitemap.xml`` (sitemaps.org 0.9) and the ``robots.txt`` that points to it.

A sitemap file holds at most 50,000 addresses; past that the entries are split into
``sitemaps/sitemap-<n>.xml`` and ``sitemap.xml`` becomes their index, each part dated by its newest
entry. ``lastmod`` is a day from the content, never the build's clock, so a rebuild of the same
content publishes the same bytes and does not tell crawlers that everything changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

MAX_URLS = 50_000  # per file, as sitemaps.org and every search engine allow
SITEMAP = "sitemap.xml"
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


@dataclass(frozen=True)
class SitemapEntry:
    address: str  # absolute
    lastmod: date | None = None


def sitemap_files(entries: Sequence[SitemapEntry], absolute: Callable[[str], str],
                  limit: int = MAX_URLS) -> dict[str, str]:
    """Every sitemap file by its path in the site: one ``sitemap.xml``, or an index and its parts."""
    if len(entries) <= limit:
        return {SITEMAP: _document("urlset", "url", entries)}
    parts = {f"sitemaps/sitemap-{number}.xml": entries[start:start + limit]
             for number, start in enumerate(range(0, len(entries), limit), start=1)}
    index = [SitemapEntry(absolute(path), _newest(part)) for path, part in parts.items()]
    return {SITEMAP: _document("sitemapindex", "sitemap", index)} | {
        path: _document("urlset", "url", part) for path, part in parts.items()}


def robots_txt(site_url: str, disallowed: Sequence[str] = ()) -> str:
    """Every page may be crawled but ``disallowed`` folders; the sitemap's absolute address.

    ``site_url`` may have a path (a GitHub Pages project site): crawlers read robots.txt only at
    the host's root, so the paths here include it for a host that serves this file there."""
    base = urlsplit(site_url).path.rstrip("/")
    rules = "".join(f"Disallow: {base}/{folder}\n" for folder in disallowed) or "Disallow:\n"
    return f"User-agent: *\n{rules}\nSitemap: {site_url}/{SITEMAP}\n"


def _document(root: str, item: str, entries: Sequence[SitemapEntry]) -> str:
    lines = [f'<?xml version="1.0" encoding="UTF-8"?>\n<{root} xmlns="{NAMESPACE}">\n']
    for entry in entries:
        lastmod = f"<lastmod>{entry.lastmod.isoformat()}</lastmod>" if entry.lastmod else ""
        lines.append(f"<{item}><loc>{escape(entry.address)}</loc>{lastmod}</{item}>\n")
    lines.append(f"</{root}>\n")
    return "".join(lines)


def _newest(entries: Sequence[SitemapEntry]) -> date | None:
    return max((entry.lastmod for entry in entries if entry.lastmod), default=None)
