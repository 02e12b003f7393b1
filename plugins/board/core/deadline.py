"""When a listing closes: at the end of its ``apply_by`` day in the board's time zone, or as soon
as its status says it was filled or closed.

The one definition of closing. The board, the listing pages, the feeds, the JSON-LD, the
reminders and the browser (which reads ``closes_at`` from the page) all ask a ``Deadline``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

OPEN = "open"
DEADLINE_PASSED = "deadline passed"
CLOSING_SOON_DAYS = 7  # a listing whose deadline is fewer days away is flagged as closing soon


@dataclass(frozen=True)
class Deadline:
    apply_by: date
    status: str = OPEN  # open, filled or closed, as the listing's file says

    def closed_reason(self, today: date) -> str | None:
        """Why the listing is closed on ``today`` ("filled", "closed", "deadline passed"), or None."""
        if self.status != OPEN:
            return self.status
        return DEADLINE_PASSED if today > self.apply_by else None

    def is_open(self, today: date) -> bool:
        return self.closed_reason(today) is None

    def days_left(self, today: date) -> int:
        return (self.apply_by - today).days

    def closing_soon(self, today: date) -> bool:
        return self.is_open(today) and self.days_left(today) < CLOSING_SOON_DAYS

    def closes_at(self, timezone: ZoneInfo) -> datetime:
        """The instant applications close: midnight after ``apply_by`` in the board's time zone."""
        return datetime.combine(self.apply_by + timedelta(days=1), time(0), timezone)

    def last_moment(self, timezone: ZoneInfo) -> datetime:
        """The last whole second applications are open (schema.org's ``validThrough``)."""
        return datetime.combine(self.apply_by, time(23, 59, 59), timezone)
