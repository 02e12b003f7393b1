"""Application deadlines as iCalendar (RFC 5545): for all open listings, per category, and one
calendar per open listing (its page's "Add to calendar").

Each listing's event (render/calendar_event.py) was serialized when the listing was prepared;
here they are put together into calendars.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from icalendar import Calendar
from pelican.generators import Generator

from board.site.build import build_state, by_deadline, prepared_of

END = b"END:VCALENDAR\r\n"
ALL_DEADLINES = "calendar/deadlines.ics"


def category_calendar(category: str) -> str:
    """Where a category's deadlines calendar is written, relative to the site root."""
    return f"calendar/categories/{category}.ics"


def listing_calendar(listing_id: str) -> str:
    """Where an open listing's own calendar (one event) is written, relative to the site root."""
    return f"calendar/opportunities/{listing_id}.ics"


class CalendarGenerator(Generator):
    def generate_output(self, writer: Any) -> None:
        state = build_state(self.settings)
        events = [(prepared, prepared.event) for prepared in map(prepared_of, by_deadline(self.context["articles"]))
                  if prepared.event is not None]  # every listing here is open, so each has its event
        name = state.settings.site_name
        self._save(ALL_DEADLINES, f"Deadlines · {name}", [event for _, event in events])
        for category in state.catalog.vocabulary.categories.values():
            self._save(category_calendar(category.id), f"{category.label} deadlines · {name}",
                       [event for prepared, event in events if prepared.listing.category == category.id])
        for prepared, event in events:
            self._save(listing_calendar(prepared.id), f"{prepared.view.title} · {name}", [event])

    def _save(self, path: str, title: str, events: list[bytes]) -> None:
        target = Path(self.output_path) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_calendar(title, events))


def _calendar(title: str, events: list[bytes]) -> bytes:
    """The VCALENDAR with these serialized VEVENTs, byte for byte what adding them as
    components would give: icalendar writes a calendar's properties, then its components."""
    calendar = Calendar()
    calendar.add("prodid", "-//micro-internship board//deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", title)
    head, end = bytes(calendar.to_ical()).split(END)
    return head + b"".join(events) + END + end
