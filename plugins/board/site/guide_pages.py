"""The pages for subscribers and career offices, and the embeddable widget.

- ``subscribe/``: every feed and calendar, with a short how-to for feed readers;
- ``api/``: the JSON API, the feeds' namespace and the JSON Feed extension, with examples;
- ``embed-listings/``: pick filters, copy a snippet, see a live preview;
- ``embed/``: the page inside the iframe alternative; ``embed.js`` at the site root, and the same
  file under a name made from its content (``embed.<hash>.js``), which never changes, for a snippet
  with a Subresource Integrity hash.
"""

from __future__ import annotations

import base64
import hashlib
import json
import unicodedata
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from board.render.display import country_name
from board.render.feed_xml import OPPORTUNITY_NS
from board.render.prepared import PreparedListing
from board.site.build import build_state, newest_first, prepared_of
from board.site.calendar import category_calendar
from board.site.feed_kinds import FEED_KIND, FORMATS, feed_path
from board.site.feeds import PublishedFeed, published_feeds

PAGES = ("subscribe", "api_docs", "embed_builder", "embed_frame")


class GuidePagesGenerator(Generator):
    def generate_output(self, writer: Any) -> None:
        state = build_state(self.settings)
        newest = [prepared_of(article) for article in newest_first(self.context["articles"])]
        widget = (Path(self.theme) / "static" / "js" / "embed.js").read_bytes()
        versioned = versioned_name(widget)
        for name in ("embed.js", versioned):
            (Path(self.output_path) / name).write_bytes(widget)
        extra = {
            "feed_groups": _groups(published_feeds(state, self.settings, self.context["articles"])),
            "opportunity_ns": OPPORTUNITY_NS,
            "example_record": _example(newest),
            "skills": sorted({skill for prepared in newest for skill in prepared.listing.skills}),
            "board_url": state.settings.absolute(""),
            "organizations": sorted(((organization.id, organization.name)
                                     for organization in state.catalog.organizations.values()),
                                    key=lambda pair: pair[1].casefold()),
            "countries": sorted(((code, country_name(code, state.settings.locale)) for code in
                                 {code for prepared in newest for code in prepared.listing.location.country_codes}),
                                key=lambda pair: pair[1]),
            "widget_url": state.settings.absolute(versioned),
            "widget_integrity": integrity(widget),
        }
        for page in PAGES:
            name = page.upper()
            writer.write_file(self.settings[f"{name}_SAVE_AS"], self.get_template(page), self.context,
                              self.settings["RELATIVE_URLS"], url=self.settings[f"{name}_URL"], page_name=page, **extra)


def versioned_name(widget: bytes) -> str:
    """``embed.<hash>.js``: a new name whenever the widget changes, so the file at a name never does."""
    return f"embed.{hashlib.sha256(widget).hexdigest()[:12]}.js"


def integrity(widget: bytes) -> str:
    """The Subresource Integrity value of the widget (SHA-384, as browsers recommend)."""
    return "sha384-" + base64.b64encode(hashlib.sha384(widget).digest()).decode("ascii")


def _groups(feeds: list[PublishedFeed]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The feeds under their kind's heading, as the Subscribe page lists them: by name within a
    group (countries by their name, not their code), the whole board's first."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for published in feeds:
        feed = published.feed
        calendar = category_calendar(feed.key) if feed.kind == "category" else None
        groups.setdefault(FEED_KIND[feed.kind].heading, []).append(
            {"label": feed.label, "count": len(published.articles), "calendar": calendar}
            | {form: feed_path(feed.kind, feed.slug, form) for form in FORMATS})
    first, *rest = groups.items()
    return [first, *((heading, sorted(items, key=lambda item: _sort_key(item["label"]))) for heading, items in rest)]


def _sort_key(label: str) -> str:
    """Alphabetical whatever the accents: "Égypte" among the E's."""
    letters = unicodedata.normalize("NFKD", label)
    return "".join(letter for letter in letters if not unicodedata.combining(letter)).casefold()


def _example(newest: list[PreparedListing]) -> str:
    if not newest:
        return "{}"
    record = dict(newest[0].record)
    record["description_html"] = record["description_html"][:120] + "…"
    return json.dumps(record, ensure_ascii=False, indent=2)
