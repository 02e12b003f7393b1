"""Keep the sample board alive: move every listing's dates, and its completions', by the same number of days."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

DATE_LINE = re.compile(r"^(?P<key>(posted|apply_by|start):[ \t]*['\"]?)(?P<date>\d{4}-\d{2}-\d{2})", re.MULTILINE)
COMPLETION_DATE_LINE = re.compile(r"^(?P<key>(started|finished|issued):[ \t]*['\"]?)(?P<date>\d{4}-\d{2}-\d{2})",
                                  re.MULTILINE)


def shift_dates(folder: Path, newest_posted: date) -> tuple[int, int]:
    """Shift dates so the newest ``posted`` becomes ``newest_posted``. Returns (days, files changed)."""
    files = sorted(folder.glob("*.yaml"))
    posted = [date.fromisoformat(match["date"]) for path in files
              for match in DATE_LINE.finditer(path.read_text(encoding="utf-8")) if match["key"].startswith("posted")]
    if not posted:
        return 0, 0
    delta = newest_posted - max(posted)
    return delta.days, sum(_move(path, DATE_LINE, delta) for path in files)


def shift_completion_dates(folder: Path, days: int) -> int:
    """Move every completion's dates by ``days``, as its listing's moved. Returns the files changed."""
    return sum(_move(path, COMPLETION_DATE_LINE, timedelta(days=days)) for path in sorted(folder.glob("*/*.yaml")))


def _move(path: Path, pattern: re.Pattern[str], delta: timedelta) -> bool:
    text = path.read_text(encoding="utf-8")
    moved = pattern.sub(lambda match: match["key"] + str(date.fromisoformat(match["date"]) + delta), text)
    if moved != text:
        path.write_text(moved, encoding="utf-8")
    return moved != text
