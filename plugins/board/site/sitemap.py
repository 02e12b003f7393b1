"""``sitemap.xml`` and ``robots.txt``: what search engines should find.

Listed: the open listings (dated the day they were posted), the board and each category, skill and
organization page with open listings (dated by its newest listing), and the guide pages. Left out:
closed listings (their pages stay up, out of the way), later pages of a list (every listing is listed
itself), the Saved page, the embed frame, completion records and the 404 page, which ask not to be
indexed.

Pelican's sitemap plugin (pelican-sitemap 1.2) was considered: it lists every page written, closed
listings included (they are published articles that the board moves aside), dates every list page
with the build's clock (so identical content would publish different bytes daily), and writes one
file however many addresses there are, where search engines read 50,000.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from board.render.sitemap import SitemapEntry, robots_txt, sitemap_files
from board.site.build import build_state, prepared_of
from board.site.digest_archive import ARCHIVE
from board.site.outcomes import OUTCOMES_PAGE
from board.site.search_index import CARDS

GUIDE_PAGES = ("POST_URL", "SUBSCRIBE_URL", "API_DOCS_URL", "EMBED_BUILDER_URL")
DIGEST_INDEX = f"{ARCHIVE}/"


class SitemapGenerator(Generator):
    def generate_output(self, writer: Any) -> None:
        settings = build_state(self.settings).settings
        output = Path(self.output_path)
        for path, text in sitemap_files(self.entries(), settings.absolute).items():
            (output / path).parent.mkdir(parents=True, exist_ok=True)
            (output / path).write_text(text, encoding="utf-8")
        (output / "robots.txt").write_text(robots_txt(settings.site_url, [f"{CARDS}/"]), encoding="utf-8")

    def entries(self) -> list[SitemapEntry]:
        absolute = build_state(self.settings).settings.absolute
        articles = self.context["articles"]
        remote = [article for article in articles if prepared_of(article).listing.location.is_remote]
        lists = [("", articles), (self.settings["REMOTE_URL"], remote),
                 (self.settings["CATEGORIES_URL"], articles), (self.settings["TAGS_URL"], articles),
                 (self.settings["AUTHORS_URL"], articles)]
        for name in ("categories", "tags", "authors"):
            lists += [(term.url, listed) for term, listed in sorted(self.context[name], key=lambda pair: pair[0].url)]
        guides = [self.settings[key] for key in GUIDE_PAGES] + [page.url for page in self.context["pages"]]
        return ([SitemapEntry(absolute(url), _newest(listed)) for url, listed in lists if listed]
                + [SitemapEntry(absolute(url)) for url in [*guides, OUTCOMES_PAGE, DIGEST_INDEX]]
                + [SitemapEntry(absolute(article.url), prepared_of(article).listing.posted)
                   for article in sorted(articles, key=lambda article: article.url)])


def _newest(articles: Iterable[Any]) -> date | None:
    return max((prepared_of(article).listing.posted for article in articles), default=None)
