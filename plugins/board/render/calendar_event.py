"""A listing's deadline as an iCalendar (RFC 5545) event, serialized by icalendar.

One all-day event on the apply_by day, with reminders three days and one day before. The UID is
stable (the listing's id and the board's host) and DTSTAMP is the day it was posted, so the same
content gives the same bytes, and a calendar app that has the event updates it in place. Each event
is serialized once, where the listing is prepared (on every core), and reused by every calendar
that carries it.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from icalendar import Alarm, Event

from board.render.view import ListingView

REMINDERS = (3, 1)  # days before the deadline day


def deadline_event(view: ListingView, url: str, host: str) -> bytes:
    """The listing's VEVENT, with a VALARM per reminder, as icalendar serializes it."""
    event = Event()
    event.add("uid", f"{view.id}@{host}")
    event.add("dtstamp", datetime.combine(view.posted, time(0, 0), UTC))
    event.add("dtstart", view.apply_by)
    event.add("dtend", view.apply_by + timedelta(days=1))
    event.add("summary", f"Apply by today: {view.title}")
    event.add("description", f"{view.summary}\n\n{view.organization_name} · {view.pay} · {view.effort}\n{url}")
    event.add("url", url)
    event.add("categories", [view.category.label])
    event.add("transp", "TRANSPARENT")
    for days in REMINDERS:
        event.add_component(_reminder(days, view.title))
    return bytes(event.to_ical())


def _reminder(days: int, title: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(days=-days))
    alarm.add("description", f"Applications close in {days} day{'s' if days > 1 else ''}: {title}")
    return alarm
