"""Each deadline event is written byte for byte as icalendar writes the same event, whatever an
employer's text holds (escaped characters, long lines, characters of several bytes)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Alarm, Event

from board.render.prepared import ListingPreparer, PreparedListing
from board.site.calendar import REMINDERS, event_ics
from board.validate.catalog import validate_content
from conftest import CONTENT, board_settings, sample_today

HOST = "board.example"


def icalendar_event(prepared: PreparedListing) -> bytes:
    """The event as icalendar's own components serialize it."""
    view = prepared.view
    event = Event()
    event.add("uid", f"{view.id}@{HOST}")
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
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", timedelta(days=-days))
        alarm.add("description", f"Applications close in {days} day{'s' if days > 1 else ''}: {view.title}")
        event.add_component(alarm)
    return bytes(event.to_ical())


@pytest.fixture(scope="module")
def sample() -> list[PreparedListing]:
    board = board_settings(CONTENT)
    catalog = validate_content(board).catalog
    assert catalog is not None
    preparer = ListingPreparer(catalog, board, sample_today(), lambda listing_id: f"https://{HOST}/o/{listing_id}/")
    return list(preparer.prepare_all(catalog.listings.values()).values())


def test_every_sample_listing_s_event_is_icalendar_s(sample: list[PreparedListing]) -> None:
    assert [event_ics(prepared, HOST) for prepared in sample] == [icalendar_event(prepared) for prepared in sample]


# Text that exercises escaping (\ ; , and line breaks) and folding (long text, multi-byte characters).
TEXT = st.text(st.sampled_from(list("ab ,;:\\\"\n\r^éü·€–😀\t")) | st.characters(blacklist_categories=("Cs",)),
               max_size=200)


@settings(max_examples=300, deadline=None)
@given(title=TEXT, summary=TEXT, organization=TEXT, pay=TEXT)
def test_any_text_gives_icalendar_s_bytes(sample: list[PreparedListing], title: str, summary: str,
                                          organization: str, pay: str) -> None:
    first = sample[0]
    prepared = replace(first, view=replace(first.view, title=title, summary=summary, organization_name=organization,
                                           pay=pay))
    assert event_ics(prepared, HOST) == icalendar_event(prepared)
