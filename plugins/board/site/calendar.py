"""Application deadlines as iCalendar (RFC 5545): for all open listings, per category, and one
calendar per open listing (its page's "Add to calendar").

One all-day event per listing on its apply_by day, with reminders three days and one day before.
UIDs are stable (the listing's id and the board's host) and DTSTAMP is the day it was posted, so
the same content gives the same bytes, and a calendar app that has the event updates it in place.

Each event is written here, byte for byte as icalendar writes it (its property order, its TEXT
escaping and line folding, tests/test_calendar_events.py compares the two), because building and
serializing icalendar components took 0.4 ms an event, most of the calendars' cost; icalendar
writes each calendar's head.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from icalendar import Calendar
from icalendar.parser.string import _escape_char, _foldline
from pelican.generators import Generator

from board.render.prepared import PreparedListing
from board.site.build import build_state, by_deadline, prepared_of

END = b"END:VCALENDAR\r\n"
ALL_DEADLINES = "calendar/deadlines.ics"


REMINDERS = (3, 1)  # days before the deadline day


def category_calendar(category: str) -> str:
    """Where a category's deadlines calendar is written, relative to the site root."""
    return f"calendar/categories/{category}.ics"


def listing_calendar(listing_id: str) -> str:
    """Where an open listing's own calendar (one event) is written, relative to the site root."""
    return f"calendar/opportunities/{listing_id}.ics"


class CalendarGenerator(Generator):
    def generate_output(self, writer: Any) -> None:
        state = build_state(self.settings)
        listings = [prepared_of(article) for article in by_deadline(self.context["articles"])]
        host = urlsplit(state.settings.site_url).hostname or "localhost"
        events = {prepared.id: event_ics(prepared, host) for prepared in listings}  # once, for every calendar
        name = state.settings.site_name
        self._save(ALL_DEADLINES, f"Deadlines · {name}", [events[prepared.id] for prepared in listings])
        for category in state.catalog.vocabulary.categories.values():
            self._save(category_calendar(category.id), f"{category.label} deadlines · {name}",
                       [events[prepared.id] for prepared in listings if prepared.listing.category == category.id])
        for prepared in listings:
            self._save(listing_calendar(prepared.id), f"{prepared.view.title} · {name}", [events[prepared.id]])

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


def event_ics(prepared: PreparedListing, host: str) -> bytes:
    """The listing's VEVENT, with a VALARM per reminder, as icalendar serializes it: the properties it
    orders first (SUMMARY, DTSTART, DTEND, DTSTAMP, UID), then the others by name."""
    view = prepared.view
    url = prepared.record["url"]
    description = f"{view.summary}\n\n{view.organization_name} · {view.pay} · {view.effort}\n{url}"
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{_text(f'Apply by today: {view.title}')}",
        f"DTSTART;VALUE=DATE:{_day(view.apply_by)}",
        f"DTEND;VALUE=DATE:{_day(view.apply_by + timedelta(days=1))}",
        f"DTSTAMP:{_day(view.posted)}T000000Z",
        f"UID:{_text(f'{view.id}@{host}')}",
        f"CATEGORIES:{_text(view.category.label)}",
        f"DESCRIPTION:{_text(description)}",
        "TRANSP:TRANSPARENT",
        f"URL:{url}",
    ]
    for days in REMINDERS:
        reminder = f"Applications close in {days} day{'s' if days > 1 else ''}: {view.title}"
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{_text(reminder)}", f"TRIGGER:-P{days}D",
                  "END:VALARM"]
    lines.append("END:VEVENT")
    return "".join(f"{_fold(line)}\r\n" for line in lines).encode()


def _text(value: str) -> str:
    return _escape_char(value)


def _day(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _fold(line: str) -> str:
    """icalendar's folding (lines of at most 74 octets), which has nothing to do for most lines."""
    return line if len(line) < 75 and len(line.encode()) < 75 else _foldline(line)
