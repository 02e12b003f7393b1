"""The board's settings: defaults in one place, overridden from pelicanconf.py."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

DEFAULTS: dict[str, Any] = {
    # Longest allowed time from `posted` to `apply_by`.
    "BOARD_MAX_WINDOW_DAYS": 120,
    # Whether unpaid listings are accepted at all.
    "BOARD_ACCEPT_UNPAID": False,
    # Effective hourly pay (fixed fee / max hours) below this, in the listing's currency, warns.
    "BOARD_MIN_HOURLY_RATE": 20,
    # Locale used to format money and country names.
    "BOARD_LOCALE": "en",
    # Where the JSON Schemas live.
    "BOARD_SCHEMAS": str(Path(__file__).resolve().parents[2] / "schemas"),
    "TIMEZONE": "UTC",
}


@dataclass(frozen=True)
class BoardSettings:
    """What the validator and the build need to know, read once from Pelican's settings."""

    content: Path
    schemas: Path
    timezone: ZoneInfo
    max_window_days: int
    accept_unpaid: bool
    min_hourly_rate: float
    locale: str

    @classmethod
    def from_pelican(cls, settings: Mapping[str, Any]) -> BoardSettings:
        merged = {**DEFAULTS, **settings}
        return cls(
            content=Path(merged["PATH"]),
            schemas=Path(merged["BOARD_SCHEMAS"]),
            timezone=ZoneInfo(merged["TIMEZONE"]),
            max_window_days=int(merged["BOARD_MAX_WINDOW_DAYS"]),
            accept_unpaid=bool(merged["BOARD_ACCEPT_UNPAID"]),
            min_hourly_rate=float(merged["BOARD_MIN_HOURLY_RATE"]),
            locale=str(merged["BOARD_LOCALE"]),
        )

    def today(self) -> date:
        """The build's idea of today: SOURCE_DATE_EPOCH when set, else the clock, in the board's zone."""
        return self.now().date()

    def now(self) -> datetime:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
        return moment.astimezone(self.timezone)
