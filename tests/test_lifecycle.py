"""A listing closes at the end of its apply_by day in the board's time zone, or when filled/closed.

Each test builds a small board with real Pelican at a chosen moment (SOURCE_DATE_EPOCH).
"""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path

import lxml.html
import pytest

from conftest import EXAMPLES, epoch_at, make_content, run_pelican

DEADLINE = date(2026, 7, 15)  # summer: London is UTC+1, so local and UTC dates differ after midnight


def listing(apply_by: date, status: str = "open") -> str:
    text = (EXAMPLES / "valid" / "acme-market-research.yaml").read_text()
    text = text.replace("posted: 2026-11-01", "posted: 2026-06-01").replace("start: 2027-01-10", "start: 2026-09-01")
    return text.replace("apply_by: 2026-12-15", f"apply_by: {apply_by}").replace("status: open", f"status: {status}")


def build(tmp_path: Path, moment: str, **listings: str) -> Path:
    content = make_content(tmp_path, {f"{name.replace('_', '-')}.yaml": text for name, text in listings.items()})
    output = tmp_path / "output"
    result = run_pelican(content, output, moment)
    assert result.returncode == 0, result.stderr
    return output


def home_links(output: Path) -> list[str]:
    page = lxml.html.parse(str(output / "index.html"))
    return [link.get("href") for link in page.xpath("//h3[@class='card__title']/a")]


def page(output: Path, listing_id: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(output / "opportunities" / listing_id / "index.html")).getroot()


def test_open_until_the_last_minute_of_the_deadline_day(tmp_path: Path) -> None:
    output = build(tmp_path, epoch_at(DEADLINE, time(23, 59)), last_day=listing(DEADLINE))
    assert home_links(output) == ["./opportunities/last-day/"]
    listing_page = page(output, "last-day")
    assert listing_page.xpath("//script[@type='application/ld+json']")
    assert not listing_page.xpath("//*[contains(@class, 'notice--closed')]")
    assert "(closes today)" in listing_page.text_content()
    assert "last-day" in (output / "feeds" / "all.atom.xml").read_text()


def test_closed_just_after_midnight_in_the_boards_time_zone(tmp_path: Path) -> None:
    # 00:30 in London on the next day is still the deadline day in UTC.
    next_day = date.fromordinal(DEADLINE.toordinal() + 1)
    output = build(tmp_path, epoch_at(next_day, time(0, 30)), too_late=listing(DEADLINE))
    assert home_links(output) == []
    listing_page = page(output, "too-late")
    assert not listing_page.xpath("//script[@type='application/ld+json']")
    notice = listing_page.xpath("//*[contains(@class, 'notice--closed')]")[0].text_content()
    assert "This listing is closed" in notice and "The deadline to apply was 15 Jul 2026" in notice
    assert "too-late" not in (output / "feeds" / "all.atom.xml").read_text()
    closed = lxml.html.parse(str(output / "closed" / "index.html"))
    assert closed.xpath("//h3[@class='card__title']/a/@href") == ["../opportunities/too-late/"]


@pytest.mark.parametrize("status", ["filled", "closed"])
def test_a_filled_or_closed_listing_leaves_the_board_before_its_deadline(tmp_path: Path, status: str) -> None:
    output = build(tmp_path, epoch_at(date(2026, 7, 1)), done=listing(DEADLINE, status), still_open=listing(DEADLINE))
    assert home_links(output) == ["./opportunities/still-open/"]
    notice = page(output, "done").xpath("//*[contains(@class, 'notice--closed')]")[0].text_content()
    assert f"The organization {'has filled' if status == 'filled' else 'closed'} this opportunity" in notice
    similar = page(output, "done").xpath("//*[contains(@class, 'notice--closed')]//a/@href")
    assert similar == ["../../opportunities/still-open/"]


def test_json_ld_marks_the_deadline_as_the_end_of_the_day_in_the_boards_zone(tmp_path: Path) -> None:
    output = build(tmp_path, epoch_at(date(2026, 7, 1)), summer=listing(DEADLINE))
    [script] = page(output, "summer").xpath("//script[@type='application/ld+json']/text()")
    assert json.loads(script)["validThrough"] == "2026-07-15T23:59:59+01:00"
