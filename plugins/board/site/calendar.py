"""Application deadlines as iCalendar (RFC 5545): for all open listings, per category, and one
calendar per open listing (its page's "Add to calendar").

One all-day event per listing on its apply_by day, with reminders three days and one day before.
UIDs are stable (the listing's id and the board's host) and DTSTAMP is the day it was posted, so
the same content gives the same bytes, and a calendar app that has the event updates it in place.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from icalendar import Alarm, Calendar, Event
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
        events = {prepared.id: _event(prepared, host).to_ical() for prepared in listings}  # once, for every calendar
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


def _event(prepared: PreparedListing, host: str) -> Event:
    view = prepared.view
    event = Event()
    event.add("uid", f"{view.id}@{host}")
    event.add("dtstamp", datetime.combine(view.posted, time(0, 0), UTC))
    event.add("dtstart", view.apply_by)
    event.add("dtend", view.apply_by + timedelta(days=1))
    event.add("summary", f"Apply by today: {view.title}")
    event.add("description", f"{view.summary}\n\n{view.organization_name} · {view.pay} · {view.effort}\n"
                             f"{prepared.record['url']}")
    event.add("url", prepared.record["url"])
    event.add("categories", [view.category.label])
    event.add("transp", "TRANSPARENT")
    for days in REMINDERS:
        event.add_component(_reminder(days, view.title))
    return event


def _reminder(days: int, title: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(days=-days))
    alarm.add("description", f"Applications close in {days} day{'s' if days > 1 else ''}: {title}")
    return alarm
