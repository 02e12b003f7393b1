"""Deadline reminders: which listings get one, the exact edit they propose, and text that stays inert.

Both jobs of reminders.yml run as subprocesses: ``python -m board reminders --out`` finds the due
listings with the board's packages; ``python -S -m board.contribute.reminder_issues`` (no
site-packages, as in the job that may open issues) words them from that file alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from board.contribute.reminder_issues import reminder_for
from board.contribute.reminders import due_listings
from board.validate.catalog import validate_content
from conftest import CONTENT, ROOT, board_settings, epoch_at, make_content, run_board, sample_today
from inert_markdown import assert_inert

TODAY = sample_today()
HOSTILE_TITLE = "Help @board-maintainers ![x](https://t.example/p.gif) <img src=x onerror=alert(1)> `tick`"


def test_open_listings_closing_within_a_week_are_due_once_each() -> None:
    catalog = validate_content(board_settings(CONTENT)).catalog
    due = due_listings(catalog, TODAY, 7, 120)
    expected = []
    for path in sorted((CONTENT / "opportunities").glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        days_left = (data["apply_by"] - TODAY).days
        if data.get("status", "open") == "open" and 0 <= days_left <= 7:
            expected.append(path.stem)
    assert sorted(item.listing_id for item in due) == sorted(expected)
    assert expected and len({reminder_for(item).title for item in due}) == len(due)


def test_a_reminder_mentions_the_maintainers_and_gives_the_exact_edit() -> None:
    catalog = validate_content(board_settings(CONTENT)).catalog
    reminder = reminder_for(due_listings(catalog, TODAY, 7, 120)[0])
    listing = catalog.listings[reminder.listing_id]
    for handle in listing.organization.data["maintainers"]:
        assert f"@{handle}" in reminder.body
    extended = min(listing.apply_by + timedelta(days=14), listing.posted + timedelta(days=120))
    assert (f"in `content/opportunities/{listing.id}.yaml`, change `apply_by: {listing.apply_by}` "
            f"to `apply_by: {extended}`") in reminder.body
    assert "add the line `status: closed`" in reminder.body
    assert reminder.title == f"Deadline reminder: `{listing.id}`"


def test_nothing_is_due_when_every_deadline_is_far_away_or_past() -> None:
    catalog = validate_content(board_settings(CONTENT)).catalog
    assert due_listings(catalog, date(2020, 1, 1), 7, 120) == []
    assert due_listings(catalog, date(2030, 1, 1), 7, 120) == []


def hostile_board(folder: Path) -> Path:
    """One listing closing in three days, with a title an attacker wrote."""
    listing = (CONTENT / "opportunities" / "tern-books-seo-audit.yaml").read_text()
    data = yaml.safe_load(listing)
    make_content(folder, organizations=CONTENT / "organizations")
    (folder / "content" / "opportunities" / "tern-books-seo-audit.yaml").write_text(
        listing.replace(f"title: {data['title']}", f"title: {json.dumps(HOSTILE_TITLE)}"))
    (folder / "settings.py").write_text('PATH = "content"\nTIMEZONE = "Europe/London"\n')
    return folder


def both_jobs(board: Path, day: date) -> tuple[subprocess.CompletedProcess, subprocess.CompletedProcess]:
    found = run_board("--settings", "settings.py", "reminders", "--out", "artifact/due.json", cwd=board,
                      env={"SOURCE_DATE_EPOCH": epoch_at(day)})
    worded = subprocess.run([sys.executable, "-S", "-m", "board.contribute.reminder_issues", "artifact/due.json"],
                            cwd=board, env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")},
                            capture_output=True, text=True, timeout=60)
    return found, worded


def test_hostile_text_in_a_listing_comes_out_inert_in_the_reminder_issue(tmp_path: Path) -> None:
    board = hostile_board(tmp_path)
    apply_by = date.fromisoformat(yaml.safe_load(
        (board / "content" / "opportunities" / "tern-books-seo-audit.yaml").read_text())["apply_by"].isoformat())
    found, worded = both_jobs(board, apply_by - timedelta(days=3))
    assert found.returncode == 0 and worded.returncode == 0, found.stderr + worded.stderr
    [record] = json.loads((board / "artifact" / "due.json").read_text())
    assert record["title"] == HOSTILE_TITLE
    heading, _, body = worded.stdout.partition("\n\n")
    assert heading == "## Deadline reminder: `tern-books-seo-audit`"
    assert body.startswith(f"@aoife-keane: applications for `` {HOSTILE_TITLE} `` close in 3 days, on {apply_by}.")
    assert_inert(body, mentions={"aoife-keane"})


@pytest.mark.parametrize(("record", "message"), [
    ({"listing_id": "x\n@everyone"}, "is not a listing id"),
    ({"days_left": "3 days @everyone"}, "days_left must be a small whole number"),
    ({"apply_by": "2026-12-01 @everyone"}, "Invalid isoformat string"),
    ({"extra": "@everyone"}, "unexpected or missing keys"),
])
def test_the_issue_job_refuses_a_due_file_it_did_not_expect(tmp_path: Path, record: dict, message: str) -> None:
    good = {"listing_id": "tern-books-seo-audit", "title": "t", "apply_by": "2026-12-01", "days_left": 3,
            "proposed": None, "latest": "2027-01-01", "maintainers": ["aoife-keane"]}
    (tmp_path / "due.json").write_text(json.dumps([{**good, **record}]))
    worded = subprocess.run([sys.executable, "-S", "-m", "board.contribute.reminder_issues", "due.json", "--send"],
                            cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "PATH": ""},
                            capture_output=True, text=True, timeout=60)
    assert worded.returncode == 1 and message in worded.stderr, worded.stderr
    assert worded.stdout == ""


def test_a_handle_that_is_not_a_github_login_is_shown_never_mentioned() -> None:
    from board.contribute.reminder_issues import DueListing

    due = DueListing("tern-books-seo-audit", "t", date(2026, 12, 1), 0, None, date(2026, 12, 1),
                     ("aoife-keane", "team/everyone", "-x"))
    body = reminder_for(due).body
    assert body.startswith("@aoife-keane, `team/everyone`, `-x`: applications for `t` close today")
    assert "It cannot be extended: 2026-12-01 is already the latest deadline this board allows." in body
    assert_inert(body, mentions={"aoife-keane"})
