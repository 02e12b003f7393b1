"""Problems with content are data: collected, sorted and rendered, never raised one at a time."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, at a line and column, about one field."""

    file: Path
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def error(file: Path, where: tuple[int, int], field: str, message: str, hint: str = "") -> Problem:
    return Problem(file, where[0], where[1], field, message, hint, Severity.ERROR)


def warning(file: Path, where: tuple[int, int], field: str, message: str, hint: str = "") -> Problem:
    return Problem(file, where[0], where[1], field, message, hint, Severity.WARNING)


def dotted(path: tuple[str | int, ...]) -> str:
    """A field path as employers write it: ``apply.url``, ``skills[2]``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
