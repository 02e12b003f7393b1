"""``python -m board announcements``: which listings a deploy makes new, worded for chat.

The deploy workflow fetches the live site's ``/api/v1/opportunities.json`` before it deploys, and
builds the new site; the listings open in the new API and absent from the old one are new. Nothing
is announced when the old API could not be read (a first deploy, or the site was down): without
it, every listing would look new. A deploy that is run again finds the listings it announced
already live, so each is announced once; the sending job also keeps a ledger across attempts of
one run (``reach/chat.py``).

The plan holds each listing's fields as display text (pay, effort, place, deadline worded as the
board words them), so the sending job, which has the chat secrets and the standard library only,
formats nothing of its own.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from board.core.model import Effort, Location
from board.read.content_dir import ID_PATTERN
from board.render.display import date_text, effort_text, location_text

MAX_ANNOUNCED = 10  # per deploy; more are summed up in one message with a link to the board
MAX_API_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Announcement:
    id: str
    title: str
    organization: str
    category: str
    pay: str
    effort: str
    place: str
    apply_by: str
    url: str


@dataclass(frozen=True)
class Plan:
    board: str
    announcements: tuple[Announcement, ...]
    more: int  # new listings beyond MAX_ANNOUNCED
    reason: str  # why nothing is announced, when nothing is

    def to_json(self) -> str:
        return json.dumps({"board": self.board, "announcements": [asdict(item) for item in self.announcements],
                           "more": self.more, "reason": self.reason}, indent=2, ensure_ascii=False) + "\n"


def plan(current_api: Path, previous_api: Path | None, board: str, locale: str) -> Plan:
    """What to announce: the open listings of ``current_api`` that ``previous_api`` did not list."""
    current = _records(current_api)
    if previous_api is None or not previous_api.is_file():
        return Plan(board, (), 0, "the live site's API could not be read before deploying, so nothing is announced "
                                  "(the next deploy compares with this one)")
    try:
        before = {record.get("id") for record in _records(previous_api) if isinstance(record, dict)}
    except ValueError as failure:
        return Plan(board, (), 0, f"the live site's API could not be read ({failure}), so nothing is announced")
    new = [record for record in current if record["id"] not in before and record["status"] == "open"]
    new.sort(key=lambda record: (record["posted"], record["id"]), reverse=True)
    chosen = tuple(_announcement(record, locale) for record in new[:MAX_ANNOUNCED])
    return Plan(board, chosen, len(new) - len(chosen), "" if new else "no listing is new since the last deploy")


def _records(path: Path) -> list[Any]:
    if path.stat().st_size > MAX_API_BYTES:
        raise ValueError(f"{path.name} is larger than {MAX_API_BYTES} bytes")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as failure:
        raise ValueError(f"{path.name} is not JSON: {failure}") from None
    records = data.get("opportunities") if isinstance(data, dict) else None
    if not isinstance(records, list):
        raise ValueError(f"{path.name} has no list of opportunities")
    return records


def _announcement(record: dict[str, Any], locale: str) -> Announcement:
    if not ID_PATTERN.fullmatch(record["id"]):
        raise ValueError(f"{record['id']!r} is not a listing id")
    effort = Effort(record["effort_hours"]["min"], record["effort_hours"]["max"])
    return Announcement(id=record["id"], title=record["title"], organization=record["organization"]["name"],
                        category=record["category"]["label"], pay=record["compensation"]["display"],
                        effort=effort_text(effort),
                        place=location_text(Location.from_data(record["location"]), locale),
                        apply_by=date_text(date.fromisoformat(record["apply_by"]), locale), url=record["url"])
