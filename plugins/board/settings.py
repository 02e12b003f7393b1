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
    # Whether descriptions may show images from other sites (https only). Off: such images are left
    # out with a warning, since loading one tells its site who reads the listing, and when.
    "BOARD_REMOTE_IMAGES": False,
    # Where the JSON Schemas live.
    "BOARD_SCHEMAS": str(Path(__file__).resolve().parents[2] / "schemas"),
    "TIMEZONE": "UTC",
}


# The site's top-level names that a page's slug may not take, whatever the settings say; the first
# segment of every *_SAVE_AS and *_URL setting and of every feed and calendar path is added to them.
RESERVED_PATHS = frozenset({
    "index", "404", "api", "archives", "authors", "calendar", "categories", "closed", "drafts", "embed",
    "embed-listings", "embed.js", "feeds", "logos", "opportunities", "organizations", "page", "pagefind",
    "post", "remote", "search", "skills", "subscribe", "tags", "theme", "_headers",
})


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
    remote_images: bool = False
    reserved_paths: frozenset[str] = RESERVED_PATHS

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
            remote_images=bool(merged["BOARD_REMOTE_IMAGES"]),
            reserved_paths=RESERVED_PATHS | _top_level_names(merged),
        )

    @property
    def page_policy(self) -> str:
        """The Content-Security-Policy of every page but the embed frame: no inline script, nothing
        from other origins (images from https sites only when the board allows remote images)."""
        images = "'self' https:" if self.remote_images else "'self'"
        return (f"default-src 'none'; style-src 'self'; img-src {images}; script-src 'self' 'wasm-unsafe-eval'; "
                "connect-src 'self'; font-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'self'")

    @property
    def embed_policy(self) -> str:
        """The embed frame's policy: other sites show it in an iframe, so it styles itself inline."""
        return "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; base-uri 'none'"

    def today(self) -> date:
        """The build's idea of today: SOURCE_DATE_EPOCH when set, else the clock, in the board's zone."""
        return self.now().date()

    def now(self) -> datetime:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
        return moment.astimezone(self.timezone)


def _top_level_names(settings: Mapping[str, Any]) -> frozenset[str]:
    paths = [value for key, value in settings.items() if key.endswith(("_SAVE_AS", "_URL")) and isinstance(value, str)]
    paths += [value for key in ("BOARD_FEEDS", "BOARD_CALENDARS") for value in settings.get(key, {}).values()]
    paths += [settings.get(key, "") for key in ("BOARD_JSON_FEED", "BOARD_FACETS", "THEME_STATIC_DIR")]
    return frozenset(name.removesuffix(".html") for path in paths if (name := path.split("/", 1)[0].strip())
                     and "{" not in name)
