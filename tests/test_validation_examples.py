"""Example files are the specification of validation.

Each file in ``examples/valid`` and ``examples/invalid`` lists, in ``# expect:`` comments at its
top, every problem the validator must report for it (line:column: severity: field: message), and
nothing else may be reported. Valid examples may expect warnings but no errors; invalid ones expect
at least one error. ``examples/refresh.py`` rewrites the comments after a deliberate change.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from board.validate.catalog import validate_content
from conftest import EXAMPLES, board_settings, make_content

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


def test_there_are_examples_for_every_kind_of_problem() -> None:
    assert len(examples("invalid")) >= 30
    assert len(examples("valid")) >= 3
