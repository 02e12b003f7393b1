"""A listing field reaches everywhere it must: the record (API, feeds, JSON Feed), the API's schema
and the employers' field reference in the README. Adding a field to the listing schema without
them fails here, naming the field (CONTRIBUTING.md, "Adding a field", lists the places)."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from board.core.model import Listing, Organization
from board.core.vocabulary import Vocabulary
from board.read.yaml_loader import load_yaml
from board.render.annotated_yaml import schema_example
from board.render.record import opportunity_record
from board.render.view import build_view
from conftest import BOARD_TIMEZONE, CONTENT, EXAMPLES, ROOT

SCHEMA = json.loads((ROOT / "schemas" / "opportunity.schema.json").read_text())
API_SCHEMA = json.loads((ROOT / "schemas" / "api" / "opportunity.schema.json").read_text())
FIELDS = list(SCHEMA["properties"])
RENAMED = {"description": "description_html"}  # the record carries the description as safe HTML


def record_of_a_listing_with_every_field() -> dict[str, object]:
    data = schema_example(SCHEMA)
    assert set(data) == set(FIELDS), "every field of the schema needs an example"
    organization = Organization(data["organization"], load_yaml(EXAMPLES / "organizations" /
                                                                f"{data['organization']}.yaml").data)
    listing = Listing("every-field", data, organization)
    vocabulary = Vocabulary.from_data(load_yaml(CONTENT / "vocabulary.yaml").data)
    view = build_view(listing, vocabulary, date(2026, 11, 2), "en", BOARD_TIMEZONE)
    return opportunity_record(listing, view, "https://board.example/opportunities/every-field/")


RECORD = record_of_a_listing_with_every_field()


@pytest.mark.parametrize("field", FIELDS)
def test_a_listing_field_is_in_the_record(field: str) -> None:
    assert RENAMED.get(field, field) in RECORD


def test_the_api_schema_describes_exactly_the_record() -> None:
    assert set(API_SCHEMA["properties"]) == set(RECORD)


@pytest.mark.parametrize("field", FIELDS)
def test_a_listing_field_is_in_the_readmes_field_reference(field: str) -> None:
    readme = (ROOT / "README.md").read_text()
    reference = readme[readme.index("## For employers"):readme.index("Check your file before")]
    assert re.search(rf"^{field}:|^# .*\b{field}\b", reference, flags=re.MULTILINE), field
