"""Pelican plugin: application deadlines as iCalendar (RFC 5545), for all open listings and per category.

One all-day event per listing on its apply_by day. UIDs are stable (the listing's id and the
board's host) and DTSTAMP is the day it was posted, so the same content gives the same bytes.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from icalendar import Calendar, Event
from pelican import signals
from pelican.generators import Generator

END = b"END:VCALENDAR\r\n"


class CalendarGenerator(Generator):
    def generate_output(self, writer: Any) -> None:
        state = self.settings["BOARD_BUILD"]
        articles = sorted(self.context["articles"], key=lambda a: (a.view.apply_by, a.slug))
        host = urlsplit(self.settings["SITEURL"]).hostname or "localhost"
        events = {article.slug: _event(article, host).to_ical() for article in articles}  # once, for every calendar
        name = self.settings["SITENAME"]
        self._save(self.settings["BOARD_CALENDARS"]["all"], f"Deadlines · {name}", [events[a.slug] for a in articles])
        for category in state.catalog.vocabulary.categories.values():
            self._save(self.settings["BOARD_CALENDARS"]["category"].format(slug=category.id),
                       f"{category.label} deadlines · {name}",
                       [events[a.slug] for a in articles if a.view.category.id == category.id])

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
    head, end = calendar.to_ical().split(END)
    return head + b"".join(events) + END + end


def _event(article: Any, host: str) -> Event:
    view = article.view
    event = Event()
    event.add("uid", f"{view.id}@{host}")
    event.add("dtstamp", datetime.combine(view.posted, time(0, 0), UTC))
    event.add("dtstart", view.apply_by)
    event.add("dtend", view.apply_by + timedelta(days=1))
    event.add("summary", f"Apply by today: {view.title}")
    event.add("description", f"{view.summary}\n\n{view.organization_name} · {view.pay} · {view.effort}\n"
                             f"{article.record['url']}")
    event.add("url", article.record["url"])
    event.add("categories", [view.category.label])
    event.add("transp", "TRANSPARENT")
    return event


def get_generators(pelican: Any) -> type:
    return CalendarGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
