"""Example files are the specification of validation.

Each file in ``examples/valid`` and ``examples/invalid`` lists, in ``# expect:`` comments at its
top, every problem the validator must report for it (line:column: severity: field: message), and
nothing else may be reported. Valid examples may expect warnings but no errors; invalid ones expect
at least one error. ``examples/refresh.py`` rewrites the comments after a deliberate change.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from board.read.yaml_loader import Document, YamlError, load_yaml
from board.validate.catalog import validate_content
from board.validate.rules import ListingRules, RuleContext, rule_table
from board.validate.urls import format_checker
from conftest import EXAMPLES, ROOT, board_settings, make_content

EXPECT = re.compile(r"^# expect: (.*)$", re.MULTILINE)


def problems_for(example: Path, folder: Path) -> list[str]:
    """Validate a content folder holding only this example listing; the problems as text lines."""
    content = make_content(folder)
    shutil.copy(example, content / "opportunities" / example.name)
    result = validate_content(board_settings(content))
    return [f"{p.line}:{p.column}: {p.severity.value}: {p.field + ': ' if p.field else ''}{p.message}"
            for p in result.problems]


def expected(example: Path) -> list[str]:
    return EXPECT.findall(example.read_bytes().decode("utf-8", errors="replace"))


def examples(kind: str) -> list:
    return [pytest.param(path, id=path.stem) for path in sorted((EXAMPLES / kind).glob("*.yaml"))]


@pytest.mark.parametrize("example", examples("valid"))
def test_valid_example_reports_only_its_expected_warnings(example: Path, tmp_path: Path) -> None:
    assert all(": warning: " in line for line in expected(example))
    assert problems_for(example, tmp_path) == expected(example)


@pytest.mark.parametrize("example", examples("invalid"))
def test_invalid_example_reports_exactly_its_expected_errors(example: Path, tmp_path: Path) -> None:
    assert any(": error: " in line for line in expected(example)), "an invalid example must expect an error"
    assert problems_for(example, tmp_path) == expected(example)


# The keywords by which the listing schema refuses a value ("then" and "allOf" only combine others;
# what is under "if" is a condition, never a refusal).
REFUSING = {"type", "enum", "const", "required", "additionalProperties", "minLength", "maxLength", "minItems",
            "maxItems", "uniqueItems", "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "pattern",
            "format", "minProperties", "maxProperties", "not"}


def keywords_in(schema: object) -> set[str]:
    if isinstance(schema, dict):
        return {key for key in schema if key in REFUSING} | {found for key, value in schema.items() if key != "if"
                                                            for found in keywords_in(value)}
    return {found for value in schema for found in keywords_in(value)} if isinstance(schema, list) else set()


def loaded(kind: str) -> list[Document]:
    documents = []
    for example in sorted((EXAMPLES / kind).glob("*.yaml")):
        try:
            documents.append(load_yaml(example))
        except YamlError:
            continue  # the loader's own refusals are examples of their own
    return documents


def test_every_keyword_the_schema_refuses_by_is_broken_by_an_example() -> None:
    schema = json.loads((ROOT / "schemas" / "opportunity.schema.json").read_text())
    validator = Draft202012Validator(schema, format_checker=format_checker)
    broken = {error.validator for document in loaded("invalid") for top in validator.iter_errors(document.data)
              for error in [top, *(top.context or ())]}
    assert keywords_in(schema["properties"]) - broken == set()


def test_every_board_rule_is_broken_by_an_example(tmp_path: Path) -> None:
    content = make_content(tmp_path)
    settings = board_settings(content)
    result = validate_content(settings)
    assert result.catalog is not None
    rules = ListingRules(settings, result.catalog.vocabulary, result.catalog.organizations, set())
    documents = loaded("invalid") + loaded("valid")
    contexts = [RuleContext(document, rules, ()) for document in documents]
    silent = [rule.__name__ for fields, rule in rule_table()
              if not any(list(rule(context)) for context in contexts if all(field in context.data for field in fields))]
    assert silent == []
