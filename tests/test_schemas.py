"""The JSON Schemas are valid, self-documenting, and agree with the board's vocabulary."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from board.core.vocabulary import Vocabulary
from board.read.yaml_loader import load_yaml
from conftest import CONTENT, ROOT

SCHEMAS = sorted((ROOT / "schemas").glob("*.schema.json"))


def properties(schema: dict[str, Any], path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    for name, sub in schema.get("properties", {}).items():
        if isinstance(sub, dict):
            yield f"{path}{name}", sub
            yield from properties(sub, f"{path}{name}.")
            if isinstance(sub.get("items"), dict):
                yield from properties(sub["items"], f"{path}{name}[].")


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_against_the_2020_12_metaschema(path: Path) -> None:
    Draft202012Validator.check_schema(json.loads(path.read_text()))


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_property_has_a_description_and_examples_that_validate(path: Path) -> None:
    schema = json.loads(path.read_text())
    for name, sub in properties(schema):
        assert sub.get("description"), f"{path.name}: {name} has no description"
        assert sub.get("examples"), f"{path.name}: {name} has no examples"
        resolved = {**sub, "$defs": schema.get("$defs", {})}
        for example in sub["examples"]:
            errors = list(Draft202012Validator(resolved).iter_errors(example))
            assert not errors, f"{path.name}: example {example!r} of {name} is invalid: {errors[0].message}"


def test_the_schemas_category_list_matches_the_vocabulary() -> None:
    schema = json.loads((ROOT / "schemas" / "opportunity.schema.json").read_text())
    vocabulary = Vocabulary.from_data(load_yaml(CONTENT / "vocabulary.yaml").data)
    assert schema["properties"]["category"]["enum"] == sorted(vocabulary.categories), "run `make schema`"


def test_the_seed_vocabulary_covers_the_usual_micro_internship_fields() -> None:
    vocabulary = Vocabulary.from_data(load_yaml(CONTENT / "vocabulary.yaml").data)
    assert {"marketing", "data-analysis", "software", "design", "research", "finance", "operations",
            "writing-communications", "sales", "product"} <= set(vocabulary.categories)
    assert len(vocabulary.suggested_skills) >= 30
