"""Deadline reminders: which listings get one, and the exact edit they propose."""

from __future__ import annotations

from datetime import date, timedelta

import yaml

from board.contribute.reminders import due_reminders
from board.validate.catalog import validate_content
from conftest import CONTENT, board_settings, sample_today

TODAY = sample_today()


def test_open_listings_closing_within_a_week_get_one_reminder_each() -> None:
    catalog = validate_content(board_settings(CONTENT)).catalog
    reminders = due_reminders(catalog, TODAY, 7, 120)
    expected = []
    for path in sorted((CONTENT / "opportunities").glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        days_left = (data["apply_by"] - TODAY).days
        if data.get("status", "open") == "open" and 0 <= days_left <= 7:
            expected.append(path.stem)
    assert sorted(reminder.listing_id for reminder in reminders) == sorted(expected)
    assert expected and len({reminder.title for reminder in reminders}) == len(reminders)


def test_a_reminder_mentions_the_maintainers_and_gives_the_exact_edit() -> None:
    catalog = validate_content(board_settings(CONTENT)).catalog
    reminder = due_reminders(catalog, TODAY, 7, 120)[0]
    listing = catalog.listings[reminder.listing_id]
    for handle in listing.organization.data["maintainers"]:
        assert f"@{handle}" in reminder.body
    extended = min(listing.apply_by + timedelta(days=14), listing.posted + timedelta(days=120))
    assert (f"in `content/opportunities/{listing.id}.yaml`, change `apply_by: {listing.apply_by}` "
            f"to `apply_by: {extended}`") in reminder.body
    assert "add the line `status: closed`" in reminder.body


def test_nothing_is_due_when_every_deadline_is_far_away_or_past() -> None:
    catalog = validate_content(board_settings(CONTENT)).catalog
    assert due_reminders(catalog, date(2020, 1, 1), 7, 120) == []
    assert due_reminders(catalog, date(2030, 1, 1), 7, 120) == []
