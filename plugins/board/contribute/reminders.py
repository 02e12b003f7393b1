"""A week before a listing's deadline, ask its organization's maintainers to extend or close it.

``due_reminders`` decides what to say (tested); ``send`` opens or updates one issue per listing
with the GitHub CLI, so a daily run never opens the same reminder twice.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from datetime import date, timedelta

from ..lifecycle import closed_reason
from ..model import Catalog

LABEL = "deadline-reminder"


@dataclass(frozen=True)
class Reminder:
    listing_id: str
    title: str
    body: str


def due_reminders(catalog: Catalog, today: date, days_ahead: int, max_window_days: int) -> list[Reminder]:
    """One reminder for each open listing whose deadline is at most ``days_ahead`` days away."""
    reminders = []
    for listing in sorted(catalog.listings.values(), key=lambda item: (item.apply_by, item.id)):
        days_left = (listing.apply_by - today).days
        if closed_reason(listing, today) is None and 0 <= days_left <= days_ahead:
            reminders.append(_reminder(listing, days_left, max_window_days))
    return reminders


def _reminder(listing, days_left: int, max_window_days: int) -> Reminder:
    path = f"content/opportunities/{listing.id}.yaml"
    latest = listing.posted + timedelta(days=max_window_days)
    proposed = min(listing.apply_by + timedelta(days=14), latest)
    handles = " ".join(f"@{handle}" for handle in listing.organization.data["maintainers"])
    when = "today" if days_left == 0 else f"in {days_left} day{'s' if days_left != 1 else ''}"
    extend = ([f"- **Extend** it: in `{path}`, change `apply_by: {listing.apply_by}` to `apply_by: {proposed}` "
               f"(the latest this board allows is {latest})."] if proposed > listing.apply_by else
              [f"- It cannot be extended: {listing.apply_by} is already the latest deadline this board allows."])
    body = "\n".join([
        f"{handles}: applications for **{listing.data['title']}** close {when}, on {listing.apply_by}.",
        "",
        "Would you like to keep it open longer, or close it? Reply here, or edit the file yourself:",
        "",
        *extend,
        f"- **Close** it now: add the line `status: closed` to `{path}` (or `status: filled` if you found someone).",
        "",
        "If nothing changes, the listing closes by itself at the end of its deadline day.",
    ])
    return Reminder(listing.id, f"Deadline reminder: {listing.id}", body)


def send(reminders: list[Reminder]) -> None:
    """Open or update one issue per reminder, labelled so the next run finds it."""
    _gh("label", "create", LABEL, "--force", "--color", "d93f0b", "--description", "A listing closes within a week")
    existing = json.loads(_gh("issue", "list", "--label", LABEL, "--state", "open", "--limit", "500",
                              "--json", "number,title"))
    numbers = {issue["title"]: issue["number"] for issue in existing}
    for reminder in reminders:
        if reminder.title in numbers:
            _gh("issue", "edit", str(numbers[reminder.title]), "--body", reminder.body)
        else:
            _gh("issue", "create", "--title", reminder.title, "--body", reminder.body, "--label", LABEL)


def _gh(*arguments: str) -> str:
    return subprocess.run(["gh", *arguments], check=True, capture_output=True, text=True).stdout
