"""The sample content is the board's demo: varied, valid, and kept alive by `make shift-dates`."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from board.contribute.samples import shift_dates
from board.read.yaml_loader import load_yaml
from board.validate.catalog import validate_content
from conftest import CONTENT, board_settings, run_board, sample_today

LISTINGS = {path.stem: load_yaml(path).data for path in sorted((CONTENT / "opportunities").glob("*.yaml"))}


def test_the_samples_validate_without_errors_or_warnings() -> None:
    result = validate_content(board_settings(CONTENT))
    assert result.problems == []
    assert len(result.catalog.listings) == len(LISTINGS)


def test_the_samples_cover_every_category_mode_and_kind_of_pay() -> None:
    vocabulary = load_yaml(CONTENT / "vocabulary.yaml").data
    assert len(LISTINGS) >= 30
    assert len(list((CONTENT / "organizations").glob("*.yaml"))) >= 10
    assert set(Counter(listing["category"] for listing in LISTINGS.values())) == set(vocabulary["categories"])
    assert {listing["location"]["mode"] for listing in LISTINGS.values()} == {"remote", "hybrid", "onsite"}
    pay_types = {listing["compensation"]["type"] for listing in LISTINGS.values()}
    assert pay_types == {"fixed", "hourly", "stipend", "unpaid"}


def test_the_samples_include_listings_closing_soon_and_closed() -> None:
    today = sample_today()
    deadlines = {key: date.fromisoformat(listing["apply_by"]) for key, listing in LISTINGS.items()}
    soon = [key for key, day in deadlines.items() if today <= day <= today + timedelta(days=7)
            and LISTINGS[key].get("status", "open") == "open"]
    past = [key for key, day in deadlines.items() if day < today]
    by_status = [key for key, listing in LISTINGS.items() if listing.get("status", "open") != "open"]
    assert len(soon) >= 3 and len(past) >= 2 and len(by_status) >= 2


def test_shifting_dates_moves_every_date_by_the_same_days_and_keeps_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "opportunities"
    shutil.copytree(CONTENT / "opportunities", folder)
    target = sample_today() + timedelta(days=400)
    days, changed = shift_dates(folder, target)
    assert days == 400 and changed == len(LISTINGS)
    for path in folder.glob("*.yaml"):
        before, after = LISTINGS[path.stem], load_yaml(path).data
        for field in ("posted", "apply_by", "start"):
            if field in before:
                assert date.fromisoformat(after[field]) - date.fromisoformat(before[field]) == timedelta(days=400)
        assert {k: v for k, v in after.items() if k not in ("posted", "apply_by", "start")} == \
               {k: v for k, v in before.items() if k not in ("posted", "apply_by", "start")}
    original = (CONTENT / "opportunities" / f"{path.stem}.yaml").read_text().splitlines()
    assert len(path.read_text().splitlines()) == len(original)


def test_shift_dates_command_uses_source_date_epoch_for_today(tmp_path: Path) -> None:
    shutil.copytree(CONTENT, tmp_path / "content")
    (tmp_path / "settings.py").write_text('PATH = "content"\nTIMEZONE = "Europe/London"\n')
    result = run_board("--settings", "settings.py", "shift-dates", cwd=tmp_path,
                       env={"SOURCE_DATE_EPOCH": "1893456000"})
    assert result.returncode == 0, result.stderr
    assert "completion(s); the newest listing is now posted 2030-01-01" in result.stdout
    newest = max(load_yaml(path).data["posted"] for path in (tmp_path / "content" / "opportunities").glob("*.yaml"))
    assert newest == "2030-01-01"
    days = (date(2030, 1, 1) - sample_today()).days
    for path in (tmp_path / "content" / "completions").glob("*/*.yaml"):  # completions move with their listings
        before = load_yaml(CONTENT / path.relative_to(tmp_path / "content")).data
        assert date.fromisoformat(load_yaml(path).data["finished"]) - date.fromisoformat(before["finished"]) == \
            timedelta(days=days)
