"""A week before a listing's deadline, its organization's maintainers are asked to extend or close it.

``due_listings`` decides which listings are due and what edit to propose; ``reminder_issues``
words the reminders and opens them, in a job that installs nothing.
"""

from __future__ import annotations

from datetime import date, timedelta

from board.contribute.reminder_issues import DueListing
from board.core.model import Catalog, Listing


def due_listings(catalog: Catalog, today: date, days_ahead: int, max_window_days: int) -> list[DueListing]:
    """Each open listing whose deadline is at most ``days_ahead`` days away, soonest first."""
    return [_due(listing, listing.deadline.days_left(today), max_window_days)
            for listing in sorted(catalog.listings.values(), key=lambda item: (item.apply_by, item.id))
            if listing.deadline.is_open(today) and 0 <= listing.deadline.days_left(today) <= days_ahead]


def _due(listing: Listing, days_left: int, max_window_days: int) -> DueListing:
    latest = listing.posted + timedelta(days=max_window_days)
    proposed = min(listing.apply_by + timedelta(days=14), latest)
    return DueListing(listing.id, listing.title, listing.apply_by, days_left,
                      proposed if proposed > listing.apply_by else None, latest, listing.organization.maintainers)
