"""Invisible and control characters: refused where they could hide or disguise what a student reads."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from board.core.problems import Problem, dotted, error
from board.read.yaml_loader import Document, Path_

# Fields shown in one line on cards, feeds and embeds: nothing invisible at all.
PLAIN_FIELDS = {"title", "summary", "name", "deliverables", "student", "delivered"}
BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)}
ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u180e", "\u00ad"}
CONTROLS = "\x00-\x1f\x7f-\x9f"  # Unicode category Cc, exactly
# One regular expression per kind of field (a character-by-character loop was a third of validation).
_FORBIDDEN_IN_PLAIN = re.compile(f"[{CONTROLS}{''.join(sorted(BIDI_CONTROLS | ZERO_WIDTH))}]")
_FORBIDDEN_IN_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{''.join(sorted(BIDI_CONTROLS))}]")  # \t, \n allowed


def text_problems(document: Document) -> Iterator[Problem]:
    """One error per text value that holds a control, bidi or zero-width character."""
    for path, value in _strings(document.data, ()):
        found = first_forbidden(value, plain=str(path[0]) in PLAIN_FIELDS)
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


def first_forbidden(value: str, plain: bool) -> tuple[int, str] | None:
    """Where the first forbidden character is, and what kind it is; None when there is none."""
    found = (_FORBIDDEN_IN_PLAIN if plain else _FORBIDDEN_IN_TEXT).search(value)
    if found is None:
        return None
    char = found.group()
    kind = "bidirectional control" if char in BIDI_CONTROLS else "zero-width" if char in ZERO_WIDTH else "control"
    return found.start(), kind


def _strings(data: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))
