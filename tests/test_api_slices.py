"""Widgets download only their slice: one file per category, skill, organization, country and
place of work under /api/v1/slices/, each matching its published schema, holding exactly the open
listings of that slice, soonest deadline first, with dates worded as the board words them."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from refresh import SYNTHETIC_TODAY

from board.render.display import date_text
from board.render.slices import MARGIN_DAYS, WIDGET_MAX, cut
from conftest import CONTENT
from test_build import OPEN

SITE = "http://localhost:8000"


def by_deadline(keys) -> list[str]:
    return sorted(keys, key=lambda key: (OPEN[key]["apply_by"], key))


def countries(listing: dict) -> list[str]:
    return listing["location"].get("countries") or [listing["location"]["address"]["country"]]


def expected_slices() -> dict[tuple[str, str], list[str]]:
    """(kind, id) -> open listing ids, from the sample files themselves."""
    groups: dict[tuple[str, str], list[str]] = {("all", "all"): list(OPEN)}
    for key, listing in OPEN.items():
        values = [("category", listing["category"]), ("organization", listing["organization"]),
                  ("mode", listing["location"]["mode"]), *(("skill", skill) for skill in listing["skills"]),
                  *(("country", code) for code in countries(listing))]
        for value in dict.fromkeys(values):
            groups.setdefault(value, []).append(key)
    return {value: by_deadline(keys) for value, keys in groups.items()}


@pytest.fixture(scope="module")
def api(sample_site: Path) -> Path:
    return sample_site / "api" / "v1"


@pytest.fixture(scope="module")
def index(api: Path) -> list[dict]:
    return json.loads((api / "slices.json").read_text())["slices"]


def validator(api: Path, name: str) -> Draft202012Validator:
    schemas = [(path.name, json.loads(path.read_text())) for path in api.glob("*.schema.json")]
    registry = Registry().with_resources((name_, Resource.from_contents(schema)) for name_, schema in schemas)
    return Draft202012Validator(registry.contents(name), registry=registry,
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_every_slice_file_and_the_index_match_their_published_schemas(api: Path, index: list[dict]) -> None:
    slice_schema, index_schema = validator(api, "slice.schema.json"), validator(api, "slices.schema.json")
    assert [error.message for error in index_schema.iter_errors(json.loads((api / "slices.json").read_text()))] == []
    files = sorted((api / "slices").rglob("*.json"))
    assert len(files) == len(index)
    for path in files:
        assert [f"{path.name}: {error.message}" for error in slice_schema.iter_errors(json.loads(path.read_text()))] \
            == []


def test_each_slice_holds_exactly_its_open_listings_soonest_deadline_first(api: Path, index: list[dict]) -> None:
    for (kind, value), keys in expected_slices().items():
        name = "slices/all.json" if kind == "all" else f"slices/{kind}/{value}.json"
        document = json.loads((api / name).read_text())
        assert document["slice"]["kind"] == kind and document["slice"]["id"] == value
        assert [card["id"] for card in document["opportunities"]] == keys, name
    listed = {(entry["kind"], entry["id"]): entry for entry in index}
    assert {key: len(keys) for key, keys in expected_slices().items()} == \
        {key: entry["open_listings"] for key, entry in listed.items() if entry["open_listings"]}
    assert all(entry["url"] == f"{SITE}/api/v1/slices/{entry['kind']}/{entry['id']}.json"
               for entry in index if entry["kind"] != "all")


def test_known_values_without_open_listings_get_an_empty_slice_so_a_widget_can_tell_them_from_typos() -> None:
    known = {"category": {"design": "Design"}, "mode": {"onsite": "On-site"}}
    parts = {(part.kind, part.id): part for part in cut([], known, date(2026, 11, 22))}
    assert set(parts) == {("all", "all"), ("category", "design"), ("mode", "onsite")}
    assert parts["category", "design"].listings == () and parts["mode", "onsite"].label == "On-site"
    assert parts["category", "design"].path == "slices/category/design.json"


def test_every_category_organization_and_place_of_work_is_in_the_index(index: list[dict]) -> None:
    listed = {(entry["kind"], entry["id"]) for entry in index}
    assert {("mode", mode) for mode in ("remote", "hybrid", "onsite")} <= listed
    assert {("category", category) for category in yaml.safe_load(
        (CONTENT / "vocabulary.yaml").read_text())["categories"]} <= listed
    assert {("organization", path.stem) for path in (CONTENT / "organizations").glob("*.yaml")} <= listed


def test_cards_word_dates_as_the_board_does_and_carry_no_email_address(api: Path) -> None:
    cards = json.loads((api / "slices" / "all.json").read_text())["opportunities"]
    for card in cards:
        listing = OPEN[card["id"]]
        assert card["apply_by_text"] == date_text(date.fromisoformat(str(listing["apply_by"])), "en")
        assert card["title"] == listing["title"] and card["url"] == f"{SITE}/opportunities/{card['id']}/"
    text = (api / "slices" / "all.json").read_text()
    assert all(listing["apply"]["email"] not in text for listing in OPEN.values() if "email" in listing["apply"])
    assert "description_html" not in text  # a card is what a widget shows, not the whole record


def test_a_slice_is_much_smaller_than_the_whole_api(api: Path) -> None:
    whole = (api / "opportunities.json").stat().st_size
    assert (api / "slices" / "all.json").stat().st_size < whole / 3


def test_on_a_large_board_the_slices_a_widget_never_narrows_hold_what_it_can_show_and_the_rest_are_whole(
        synthetic_site: Path) -> None:
    api = synthetic_site / "api" / "v1"
    every = json.loads((api / "opportunities.json").read_text())["opportunities"]
    week_after = (SYNTHETIC_TODAY + timedelta(days=MARGIN_DAYS)).isoformat()
    soon = sum(1 for record in every if record["apply_by"] <= week_after)
    shortened = json.loads((api / "slices" / "all.json").read_text())
    assert shortened["slice"]["complete"] is False
    assert [card["id"] for card in shortened["opportunities"]] == [record["id"] for record in every][:soon + WIDGET_MAX]
    remote = json.loads((api / "slices" / "mode" / "remote.json").read_text())
    assert len(remote["opportunities"]) < sum(1 for record in every if record["location"]["mode"] == "remote")
    index = {(entry["kind"], entry["id"]): entry for entry in json.loads((api / "slices.json").read_text())["slices"]}
    assert index["all", "all"]["open_listings"] == len(every)
    in_categories = []
    for path in sorted((api / "slices" / "category").glob("*.json")):
        document = json.loads(path.read_text())
        assert document["slice"]["complete"] is True
        in_categories += [card["id"] for card in document["opportunities"]]
    assert sorted(in_categories) == sorted(record["id"] for record in every)
