"""Check a loaded YAML document against a JSON Schema and explain each error in plain words."""

from __future__ import annotations

import ast
import difflib
import json
from collections.abc import Mapping
from copy import deepcopy
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from board.core.problems import Problem, dotted, error
from board.read.yaml_loader import Document, Path_
from board.validate.urls import format_checker

TYPE_NAMES = {
    "string": "text", "integer": "a whole number", "number": "a number",
    "object": "a group of 'key: value' fields", "array": "a list", "boolean": "true or false",
}


def load_schema(path: Path) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def with_categories(schema: dict[str, Any], categories: list[str]) -> dict[str, Any]:
    """The opportunity schema with its category list taken from the board's vocabulary."""
    schema = deepcopy(schema)
    schema["properties"]["category"]["enum"] = sorted(categories)
    return schema


class SchemaChecker:
    """Validates documents against one schema and turns errors into ``Problem`` objects."""

    def __init__(self, schema: dict[str, Any]):
        Draft202012Validator.check_schema(schema)
        self.schema = schema
        self.validator = Draft202012Validator(schema, format_checker=format_checker)

    def check(self, document: Document) -> list[Problem]:
        return [problem for _, problem in self.findings(document)]

    def findings(self, document: Document) -> list[tuple[Path_, Problem]]:
        """Each problem with the path of the value it concerns: a missing field's own path, an
        unknown field's path, or where the value that breaks the schema is."""
        return [finding for found in self.validator.iter_errors(document.data)
                for finding in self._problems(document, found)]

    def _problems(self, document: Document, found: ValidationError) -> list[tuple[Path_, Problem]]:
        path = tuple(found.absolute_path)
        if found.validator == "additionalProperties":
            known = list(_schema(found).get("properties", {}))
            instance: Any = found.instance
            return [((*path, extra), self._unknown_field(document, path, extra, known))
                    for extra in instance if extra not in known]
        if found.validator == "required":
            missing = ast.literal_eval(found.message.removesuffix(" is a required property"))
            return [((*path, missing), self._missing_field(document, path, missing))]
        if found.validator == "dependentRequired":
            missing, needed_by = (ast.literal_eval(name) for name in found.message.split(" is a dependency of "))
            return [((*path, missing), self._missing_field(document, path, missing, needed_by))]
        where = document.position(path)
        message, hint = self._explain(found)
        return [(path, error(document.path, (where.line, where.column), dotted(path), message, hint))]

    def _unknown_field(self, document: Document, path: Path_, extra: str, known: list[str]) -> Problem:
        where = document.position((*path, extra), key=True)
        close = difflib.get_close_matches(extra, known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"known fields here: {', '.join(known)}"
        return error(document.path, (where.line, where.column), dotted((*path, extra)),
                     f"unknown field '{extra}'", hint)

    def _missing_field(self, document: Document, path: Path_, missing: str, needed_by: str = "") -> Problem:
        where = document.position(path)
        example = self._example((*path, missing))
        hint = f"add it, for example: {missing}: {example}" if example else f"add '{missing}'"
        needed = f" (needed with '{needed_by}')" if needed_by else ""
        return error(document.path, (where.line, where.column), dotted((*path, missing)),
                     f"missing required field '{missing}'{needed}", hint)

    def _example(self, path: Path_) -> str:
        """The first example the schema gives for the field at ``path``, as YAML flow text."""
        node: Any = self.schema
        for part in path:
            node = node.get("items", {}) if isinstance(part, int) else node.get("properties", {}).get(part, {})
        examples = node.get("examples") or []
        return json.dumps(examples[0], ensure_ascii=False) if examples else ""

    def _explain(self, found: ValidationError) -> tuple[str, str]:
        custom = custom_message(found)
        value: Any = found.instance
        expected: Any = found.validator_value
        shown = _show(value)
        kind = found.validator
        if kind == "format" and found.cause:
            return f"{shown} {found.cause}", "write the address as the browser's address bar shows it"
        if custom:
            return (f"{shown} {custom}" if _is_scalar(value) else custom), ""
        if kind == "type":
            examples = _schema(found).get("examples") or []
            hint = f"for example: {json.dumps(examples[0], ensure_ascii=False)}" if examples else ""
            return f"must be {TYPE_NAMES.get(expected, expected)}, not {shown}", hint
        if kind == "enum":
            choices = [str(c) for c in expected]
            close = difflib.get_close_matches(str(value), choices, n=1)
            hint = f"did you mean '{close[0]}'?" if close else ""
            return f"{shown} is not one of: {', '.join(choices)}", hint
        if kind == "const":
            return f"must be {_show(expected)}, not {shown}", ""
        if kind in ("minLength", "maxLength"):
            word = "at least" if kind == "minLength" else "at most"
            return f"must be {word} {expected} characters long (it has {len(value)})", ""
        if kind in ("minItems", "maxItems"):
            word = "at least" if kind == "minItems" else "at most"
            return f"must list {word} {expected} item(s) (it has {len(value)})", ""
        if kind == "uniqueItems":
            repeated = next(item for index, item in enumerate(value) if item in value[:index])
            return f"lists {_show(repeated)} more than once", "remove the repeated entry"
        if kind in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
            words = {"minimum": "at least", "exclusiveMinimum": "more than",
                     "maximum": "at most", "exclusiveMaximum": "less than"}
            return f"{shown} must be {words[kind]} {expected}", ""
        return ("is not allowed here" if kind is None else found.message), ""


def custom_message(found: ValidationError) -> str:
    """The schema's ``errorMessage`` for this error (the ajv-errors convention), if any."""
    own = _schema(found).get("errorMessage")
    if isinstance(own, str) and found.validator not in ("required", "additionalProperties", "type", "format"):
        return own
    if isinstance(own, dict) and isinstance(own.get(found.validator), str):
        return str(own[found.validator])
    return ""


def _schema(found: ValidationError) -> Mapping[str, Any]:
    """The part of the schema that refused the value (a boolean schema has no keywords)."""
    return found.schema if isinstance(found.schema, Mapping) else {}


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    return str(value)
