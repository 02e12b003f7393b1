"""Listing files written for people: each field preceded by the schema's own description."""

from __future__ import annotations

import textwrap
from typing import Any

import yaml

SCHEMA_COMMENT = "# yaml-language-server: $schema={schema}"


class _Dumper(yaml.SafeDumper):
    """Multi-line text as literal blocks, so Markdown stays readable in the file."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def annotated_yaml(values: dict[str, Any], schema: dict[str, Any], schema_location: str) -> str:
    """YAML for ``values`` in the schema's field order, each field under its description."""
    lines = [SCHEMA_COMMENT.format(schema=schema_location)]
    for name, field in schema["properties"].items():
        if name not in values:
            continue
        lines.append("")
        lines += [f"# {line}" for line in textwrap.wrap(field["description"], 96)]
        lines.append(dump({name: values[name]}).rstrip("\n"))
    return "\n".join(lines) + "\n"


def dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100,
                     default_flow_style=False, indent=2)


def schema_example(schema: dict[str, Any]) -> dict[str, Any]:
    """A listing made of the first example the schema gives for each of its fields."""
    return {name: field["examples"][0] for name, field in schema["properties"].items() if field.get("examples")}
