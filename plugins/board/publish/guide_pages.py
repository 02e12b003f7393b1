"""Pelican plugin: the pages for subscribers and career offices, and the embeddable widget.

- ``subscribe/``: every feed and calendar, with a short how-to for feed readers;
- ``api/``: the JSON API, the feeds' namespace and the JSON Feed extension, with examples;
- ``embed-listings/``: pick filters, copy a snippet, see a live preview;
- ``embed/``: the page inside the iframe alternative; ``embed.js`` at the site root.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator

from .feed import OPPORTUNITY_NS
from .feeds import feed_path, feed_specs

PAGES = ("subscribe", "api_docs", "embed_builder", "embed_frame")


class GuidePagesGenerator(Generator):
    def generate_output(self, writer: Any) -> None:
        state = self.settings["BOARD_BUILD"]
        articles = sorted(self.context["articles"], key=lambda a: (a.view.posted, a.slug), reverse=True)
        specs = feed_specs(self.settings, articles, state.catalog)
        extra = {
            "feed_groups": _groups(specs, self.settings),
            "opportunity_ns": OPPORTUNITY_NS,
            "example_record": _example(articles),
            "skills": sorted({skill for article in articles for skill in article.view.skills}),
            "board_url": self.settings["SITEURL"].rstrip("/") + "/",
        }
        for page in PAGES:
            name = page.upper()
            writer.write_file(self.settings[f"{name}_SAVE_AS"], self.get_template(page), self.context,
                              self.settings["RELATIVE_URLS"], url=self.settings[f"{name}_URL"], page_name=page, **extra)
        shutil.copyfile(Path(self.theme) / "static" / "js" / "embed.js", Path(self.output_path) / "embed.js")


def _groups(specs: list, settings: dict) -> list[tuple[str, list[dict[str, str]]]]:
    headings = {"all": "Everything", "remote": "Remote work", "category": "By category", "skill": "By skill",
                "organization": "By organization", "country": "By country"}
    groups: dict[str, list[dict[str, str]]] = {}
    for spec in specs:
        groups.setdefault(headings[spec.kind], []).append({
            "title": spec.title, "count": len(spec.articles),
            "rss": feed_path(settings, spec.kind, spec.slug, "rss"),
            "atom": feed_path(settings, spec.kind, spec.slug, "atom"),
        })
    return list(groups.items())


def _example(articles: list) -> str:
    if not articles:
        return "{}"
    record = dict(articles[0].record)
    record["description_html"] = record["description_html"][:120] + "…"
    return json.dumps(record, ensure_ascii=False, indent=2)


def get_generators(pelican: Any) -> type:
    return GuidePagesGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
