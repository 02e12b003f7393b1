"""Deadline reminders on GitHub: one issue per listing closing soon, opened once, then kept up to date.

The reminders workflow decides which listings are due with the board's packages and a read-only
token (``python -m board reminders --out due.json``); the job that may open issues installs nothing
and runs ``python3 -S -m board.contribute.reminder_issues due.json --send``: standard library
only. It reads the file as hostile, and writes every employer value as inert text; maintainers'
handles are mentioned only when they are GitHub logins.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from board.contribute.handoff import HandoffError, mention, read_regular_file
from board.contribute.inert import code_span
from board.read.content_dir import ID_LENGTH, ID_PATTERN

LABEL = "deadline-reminder"
MAX_FILE_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class DueListing:
    """An open listing whose deadline is near, with the edit that would extend it."""

    listing_id: str
    title: str
    apply_by: date
    days_left: int
    proposed: date | None  # a later deadline to suggest; None when the board allows none
    latest: date  # the latest deadline the board allows
    maintainers: tuple[str, ...]


@dataclass(frozen=True)
class Reminder:
    listing_id: str
    title: str
    body: str


def to_json(due: Sequence[DueListing]) -> str:
    return json.dumps([{"listing_id": item.listing_id, "title": item.title, "apply_by": item.apply_by.isoformat(),
                        "days_left": item.days_left, "proposed": item.proposed and item.proposed.isoformat(),
                        "latest": item.latest.isoformat(), "maintainers": list(item.maintainers)}
                       for item in due], indent=2, ensure_ascii=False) + "\n"


def from_json(text: str) -> list[DueListing]:
    """The due listings in ``text``; a ``HandoffError`` for anything ``to_json`` would not write."""
    try:
        records = json.loads(text)
        if not isinstance(records, list):
            raise TypeError("not a list")
        return [_due(record) for record in records]
    except (ValueError, TypeError, KeyError) as failure:
        raise HandoffError(f"the list of due reminders cannot be read: {failure}") from None


def _due(record: dict[str, Any]) -> DueListing:
    if set(record) != {"listing_id", "title", "apply_by", "days_left", "proposed", "latest", "maintainers"}:
        raise KeyError("unexpected or missing keys")
    listing_id, title, maintainers = record["listing_id"], record["title"], record["maintainers"]
    if not (isinstance(listing_id, str) and ID_PATTERN.fullmatch(listing_id) and len(listing_id) in ID_LENGTH):
        raise ValueError(f"{listing_id!r} is not a listing id")
    if not isinstance(title, str) or len(title) > 2000:
        raise ValueError("a title must be text")
    if not (isinstance(maintainers, list) and all(isinstance(handle, str) for handle in maintainers)):
        raise ValueError("maintainers must be a list of handles")
    days_left = record["days_left"]
    if type(days_left) is not int or not 0 <= days_left <= 3650:
        raise ValueError("days_left must be a small whole number")
    return DueListing(listing_id, title, date.fromisoformat(record["apply_by"]), days_left,
                      record["proposed"] and date.fromisoformat(record["proposed"]),
                      date.fromisoformat(record["latest"]), tuple(maintainers))


def reminder_for(due: DueListing) -> Reminder:
    """The issue asking ``due``'s maintainers to extend or close it, with the exact edit."""
    path = f"content/opportunities/{due.listing_id}.yaml"
    when = "today" if due.days_left == 0 else f"in {due.days_left} day{'s' if due.days_left != 1 else ''}"
    extend = (f"- **Extend** it: in {code_span(path)}, change {code_span(f'apply_by: {due.apply_by}')} to "
              f"{code_span(f'apply_by: {due.proposed}')} (the latest this board allows is {due.latest})."
              if due.proposed else
              f"- It cannot be extended: {due.apply_by} is already the latest deadline this board allows.")
    body = "\n".join([
        f"{', '.join(mention(handle) for handle in due.maintainers)}: applications for {code_span(due.title)} "
        f"close {when}, on {due.apply_by}.",
        "",
        "Would you like to keep it open longer, or close it? Reply here, or edit the file yourself:",
        "",
        extend,
        f"- **Close** it now: add the line `status: closed` to {code_span(path)} (or `status: filled` if you "
        "found someone).",
        "",
        "If nothing changes, the listing closes by itself at the end of its deadline day.",
    ])
    return Reminder(due.listing_id, f"Deadline reminder: {code_span(due.listing_id)}", body + "\n")


def send(reminders: Sequence[Reminder]) -> None:
    """Open or update one issue per reminder, labelled so the next run finds it."""
    _gh("label", "create", LABEL, "--force", "--color", "d93f0b", "--description", "A listing closes within a week")
    existing = json.loads(_gh("issue", "list", "--label", LABEL, "--state", "open", "--limit", "500",
                              "--json", "number,title"))
    numbers = {issue["title"]: issue["number"] for issue in existing}
    for reminder in reminders:
        if reminder.title in numbers:
            _gh("issue", "edit", str(numbers[reminder.title]), "--body", reminder.body)
        else:
            _gh("issue", "create", "--title", reminder.title, "--body", reminder.body, "--label", LABEL)


def _gh(*arguments: str) -> str:
    return subprocess.run(["gh", *arguments], check=True, capture_output=True, text=True).stdout


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -S -m board.contribute.reminder_issues",
                                     description="Show, or open on GitHub, the reminders in a due-listings file.")
    parser.add_argument("due", type=Path, help="the file `python -m board reminders --out` wrote")
    parser.add_argument("--send", action="store_true", help="open or update the issues with gh (needs GH_TOKEN)")
    arguments = parser.parse_args(argv)
    try:
        reminders = [reminder_for(due) for due in from_json(read_regular_file(arguments.due, MAX_FILE_BYTES))]
    except HandoffError as failure:
        print(f"error: {failure}", file=sys.stderr)
        return 1
    for reminder in reminders:
        print(f"## {reminder.title}\n\n{reminder.body}")
    if arguments.send:
        send(reminders)
    print(f"{len(reminders)} reminder(s).", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
