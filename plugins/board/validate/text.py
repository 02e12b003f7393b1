"""Invisible and control characters: refused where they could hide or disguise what a student reads."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from ..problems import Problem, dotted, error
from ..read.yaml_loader import Document

# Fields shown in one line on cards, feeds and embeds: nothing invisible at all.
PLAIN_FIELDS = {"title", "summary", "name", "deliverables"}
BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)}
ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u180e", "\u00ad"}


def text_problems(document: Document) -> Iterator[Problem]:
    """One error per text value that holds a control, bidi or zero-width character."""
    for path, value in _strings(document.data, ()):
        found = _first_forbidden(value, plain=str(path[0]) in PLAIN_FIELDS)
        if found is None:
            continue
        index, kind = found
        char = value[index]
        where = document.position(path)
        name = unicodedata.name(char, "")
        code_point = f"U+{ord(char):04X}" + (f" ({name})" if name else "")
        yield error(document.path, (where.line, where.column), dotted(path),
                    f"contains a {kind} character, {code_point}, at position {index + 1}",
                    "delete it: it is invisible, or changes how the text around it is shown")


def _first_forbidden(value: str, plain: bool) -> tuple[int, str] | None:
    for index, char in enumerate(value):
        if char in BIDI_CONTROLS:
            return index, "bidirectional control"
        if plain and char in ZERO_WIDTH:
            return index, "zero-width"
        if unicodedata.category(char) == "Cc" and (plain or char not in "\n\t"):
            return index, "control"
    return None


def _strings(data: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))
