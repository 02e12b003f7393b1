"""Render problems: compiler-style text lines, and GitHub Actions annotations."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from board.core.problems import Problem


def as_text(problem: Problem, root: Path) -> str:
    """``file:line:col: error: field: message`` and, when there is one, an indented hint."""
    where = f"{_relative(problem.file, root)}:{problem.line}:{problem.column}"
    field = f"{problem.field}: " if problem.field else ""
    line = f"{where}: {problem.severity.value}: {field}{problem.message}"
    return f"{line}\n    hint: {problem.hint}" if problem.hint else line


def as_annotation(problem: Problem, root: Path) -> str:
    """A GitHub workflow command that shows the problem on the pull request's diff."""
    field = f"{problem.field}: " if problem.field else ""
    text = f"{field}{problem.message}" + (f" ({problem.hint})" if problem.hint else "")
    return (
        f"::{problem.severity.value} file={_escape_property(str(_relative(problem.file, root)))},"
        f"line={problem.line},col={problem.column}::{_escape_data(text)}"
    )


def summary_line(problems: Iterable[Problem], files: int) -> str:
    problems = list(problems)
    errors = sum(problem.is_error for problem in problems)
    warnings = len(problems) - errors
    verdict = "failed" if errors else "passed"
    return f"Checked {files} file(s): {verdict} with {_plural(errors, 'error')} and {_plural(warnings, 'warning')}."


def in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _relative(path: Path, root: Path) -> Path:
    """``path`` from ``root``; a link is named as itself, never as what it points to."""
    try:
        return (path.parent.resolve() / path.name).relative_to(root.resolve())
    except ValueError:
        return path


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
