"""Pelican plugin: the read-only JSON API under ``/api/v1/``, and its JSON Schemas beside it.

- ``opportunities.json``: every open listing, soonest deadline first;
- ``opportunities/<id>.json``: one listing, open or closed (its ``status`` says which);
- ``organizations.json`` and ``categories.json``, with their pages and feeds.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator

from .feeds import feed_path

API = "api/v1"


class ApiGenerator(Generator):
    def generate_output(self, writer: Any) -> None:
        state = self.settings["BOARD_BUILD"]
        open_articles = self.context["articles"]
        every = [a for a in [*open_articles, *self.context["hidden_articles"]] if hasattr(a, "listing")]
        records = {article.listing.id: encode(article.record) for article in every}  # each encoded once
        self._write("opportunities.json",
                    encode_with_list("opportunities", [records[a.listing.id] for a in open_articles]))
        for listing_id, record in records.items():
            self._write(f"opportunities/{listing_id}.json", record)
        by_organization = Counter(a.view.organization_id for a in open_articles)
        by_category = Counter(a.view.category.id for a in open_articles)
        self._save("organizations.json", {"organizations": [
            self._organization(organization, by_organization[organization.id])
            for organization in sorted(state.catalog.organizations.values(), key=lambda o: o.id)]})
        self._save("categories.json", {"categories": [
            self._category(category, by_category[category.id])
            for category in state.catalog.vocabulary.categories.values()]})
        for schema in sorted((state.settings.schemas / "api").glob("*.schema.json")):
            shutil.copyfile(schema, Path(self.output_path) / API / schema.name)

    def _organization(self, organization: Any, open_listings: int) -> dict[str, Any]:
        data, site = organization.data, self._site()
        record = {"id": organization.id, "name": data["name"], "url": data["url"], "summary": data["summary"],
                  "page": f"{site}/{self.settings['AUTHOR_URL'].format(slug=organization.id)}",
                  "open_listings": open_listings,
                  "feeds": self._feeds("organization", organization.id)}
        if "logo" in data:
            record["logo"] = f"{site}/{data['logo']}"
        return record

    def _category(self, category: Any, open_listings: int) -> dict[str, Any]:
        return {"id": category.id, "label": category.label, "description": category.description,
                "page": f"{self._site()}/{self.settings['CATEGORY_URL'].format(slug=category.id)}",
                "open_listings": open_listings,
                "feeds": self._feeds("category", category.id)}

    def _feeds(self, kind: str, slug: str) -> dict[str, str]:
        return {form: f"{self._site()}/{feed_path(self.settings, kind, slug, form)}" for form in ("rss", "atom")}

    def _site(self) -> str:
        return self.settings["SITEURL"].rstrip("/")

    def _save(self, name: str, payload: dict[str, Any]) -> None:
        self._write(name, encode(payload))

    def _write(self, name: str, text: str) -> None:
        target = Path(self.output_path) / API / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text + "\n", encoding="utf-8")


def encode(payload: Any) -> str:
    """The API's JSON text: UTF-8 as is, one space of indent per level."""
    return json.dumps(payload, ensure_ascii=False, indent=1)


def encode_with_list(key: str, items: list[str]) -> str:
    """``encode({key: [...]})`` for items already encoded with ``encode``, without encoding them again.
    Encoded JSON has no raw line breaks inside strings, so indenting each line moves an item to its depth."""
    if not items:
        return encode({key: []})
    body = ",\n".join("  " + item.replace("\n", "\n  ") for item in items)
    return f"{{\n {encode(key)}: [\n{body}\n ]\n}}"


def get_generators(pelican: Any) -> type:
    return ApiGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
