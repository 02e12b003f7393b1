"""The read-only JSON API under ``/api/v1/``, and its JSON Schemas beside it.

- ``opportunities.json``: every open listing, soonest deadline first;
- ``opportunities/<id>.json``: one listing, open or closed (its ``status`` says which);
- ``organizations.json`` and ``categories.json``, with their pages and feeds;
- ``slices.json`` and ``slices/<kind>/<id>.json``: the open listings of one category, skill,
  organization, country or place of work as compact cards, for widgets (``render/slices.py``).
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from board.core.model import Organization
from board.core.vocabulary import Category
from board.render import slices
from board.render.display import MODE_LABELS, country_name
from board.render.prepared import PreparedListing
from board.site.build import BuildState, build_state, prepared_of
from board.site.feed_kinds import FORMATS, feed_path

API = "api/v1"


class ApiGenerator(Generator):
    def generate_output(self, writer: Any) -> None:
        state = build_state(self.settings)
        open_listings = [prepared_of(article) for article in self.context["articles"]]
        every = [*open_listings, *(prepared_of(article) for article in self.context["hidden_articles"])]
        records = {prepared.id: encode(prepared.record) for prepared in every}  # each encoded once
        self._write("opportunities.json",
                    encode_with_list("opportunities", [records[prepared.id] for prepared in open_listings]))
        for listing_id, record in records.items():
            self._write(f"opportunities/{listing_id}.json", record)
        by_organization = Counter(prepared.listing.organization.id for prepared in open_listings)
        by_category = Counter(prepared.listing.category for prepared in open_listings)
        self._save("organizations.json", {"organizations": [
            self._organization(organization, by_organization[organization.id])
            for organization in sorted(state.catalog.organizations.values(), key=lambda o: o.id)]})
        self._save("categories.json", {"categories": [
            self._category(category, by_category[category.id])
            for category in state.catalog.vocabulary.categories.values()]})
        self._write_slices(state, open_listings)
        for schema in sorted((state.settings.schemas / "api").glob("*.schema.json")):
            shutil.copyfile(schema, Path(self.output_path) / API / schema.name)

    def _write_slices(self, state: BuildState, open_listings: list[PreparedListing]) -> None:
        catalog, locale = state.catalog, state.settings.locale
        known = {"category": {category.id: category.label for category in catalog.vocabulary.categories.values()},
                 "organization": {organization.id: organization.name
                                  for organization in catalog.organizations.values()},
                 "country": {code: country_name(code, locale) for prepared in open_listings
                             for code in prepared.listing.location.country_codes},
                 "mode": dict(MODE_LABELS)}
        cut = slices.cut(open_listings, known, state.today)
        cards = {prepared.id: slices.compact(slices.card(prepared)) for prepared in open_listings}  # each once
        for part in cut:
            self._write(part.path, slices.slice_text(part, cards))
        self._save("slices.json", slices.index_document(
            cut, lambda path: state.settings.absolute(f"{API}/{path}")))

    def _organization(self, organization: Organization, open_listings: int) -> dict[str, Any]:
        settings = build_state(self.settings).settings
        record = {"id": organization.id, "name": organization.name, "url": organization.url,
                  "summary": organization.summary,
                  "page": settings.absolute(self.settings["AUTHOR_URL"].format(slug=organization.id)),
                  "open_listings": open_listings,
                  "feeds": self._feeds("organization", organization.id)}
        if organization.logo:
            record["logo"] = settings.absolute(organization.logo)
        return record

    def _category(self, category: Category, open_listings: int) -> dict[str, Any]:
        settings = build_state(self.settings).settings
        return {"id": category.id, "label": category.label, "description": category.description,
                "page": settings.absolute(self.settings["CATEGORY_URL"].format(slug=category.id)),
                "open_listings": open_listings,
                "feeds": self._feeds("category", category.id)}

    def _feeds(self, kind: str, slug: str) -> dict[str, str]:
        settings = build_state(self.settings).settings
        return {form: settings.absolute(feed_path(kind, slug, form)) for form in FORMATS}

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

