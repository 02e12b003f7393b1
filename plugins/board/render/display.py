"""How values read to a student: money, hours, places, dates and labels, in the board's locale.

The one place display words are made; the listing view, the facets, the feeds and the calendars
all say things the same way because they all ask here.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from board.core.deadline import Deadline
from board.core.model import Compensation, Effort, Location
from board.core.money import ExchangeRates, HourlyPay, RateSource

MODE_LABELS = {"remote": "Remote", "hybrid": "Hybrid", "onsite": "On-site"}
LEVEL_LABELS = {"high-school": "High-school students", "undergraduate": "Undergraduates",
                "graduate": "Graduate students", "recent-graduate": "Recent graduates"}
AUTHORIZATION_LABELS = {"any": "No work authorization needed", "authorized": "Must already be authorized to work",
                        "sponsorship-available": "Sponsorship available",
                        "citizenship-required": "Citizenship required"}
ENGAGEMENT_LABELS = {"contractor": "Contractor", "employee": "Employee"}
PAY_SUFFIX = {"fixed": "fixed fee", "stipend": "stipend"}
DATE_FORMAT = "d MMM y"


@lru_cache(maxsize=4096, typed=True)  # Babel takes 0.1 ms, and boards repeat their amounts (and the facets' steps)
def money(amount: float, currency: str, locale: str) -> str:
    pattern = "¤#,##0" if float(amount).is_integer() else "¤#,##0.00"
    return format_currency(amount, currency, format=pattern, locale=locale, currency_digits=False)


def pay_text(pay: Compensation, locale: str) -> str:
    if not pay.is_paid:
        return "Unpaid"
    if pay.type == "hourly" and pay.min is not None and pay.max is not None:
        low, high = money(pay.min, pay.currency, locale), money(pay.max, pay.currency, locale)
        return f"{low}/hour" if pay.min == pay.max else f"{low}–{high}/hour"
    return f"{money(pay.amount or 0, pay.currency, locale)} {PAY_SUFFIX[pay.type]}"


def comparable_pay_text(pay: Compensation, hourly: HourlyPay | None, locale: str) -> str | None:
    """"about €9-11/hour" where the listing's own figure is not already hourly in the board's
    currency; a plain statement when its currency has no reference rate; None otherwise."""
    if not pay.is_paid:
        return None
    if hourly is None:
        return f"Not compared: no reference rate for {pay.currency}"
    if pay.type == "hourly" and pay.currency == hourly.currency:
        return None
    low, high = round(hourly.low), round(hourly.high)
    amount = money(low, hourly.currency, locale)
    if high != low:
        amount += "–" + format_decimal(high, "#,##0", locale=locale)
    return f"about {amount}/hour"


def rate_step_text(step: int, currency: str, locale: str) -> str:
    return f"{money(step, currency, locale)}+ per hour"


def rates_text(rates: ExchangeRates, locale: str) -> list[str]:
    """Where the board's exchange rates come from, one line per source, for the About page."""
    return [_source_text(source, locale) for source in rates.sources]


def _source_text(source: RateSource, locale: str) -> str:
    codes = [code for code in source.currencies if code != "EUR"]
    listed = ", ".join(codes) if len(codes) <= 6 else f"{len(codes)} currencies"
    return f"{source.name}, {date_text(source.day, locale)} ({listed})"


def effort_text(effort: Effort) -> str:
    if effort.min == effort.max:
        return f"{effort.max} hours"
    return f"{effort.min}–{effort.max} hours"


def date_text(day: date, locale: str) -> str:
    return format_date(day, DATE_FORMAT, locale=locale)


def country_name(code: str, locale: str) -> str:
    return str(Locale.parse(locale).territories.get(code, code))


def location_text(location: Location, locale: str) -> str:
    """The place in a few words, for cards and feeds."""
    if location.is_remote or location.address is None:
        if len(location.countries) > 3:
            return f"Remote from {len(location.countries)} countries"
        return "Remote from " + ", ".join(country_name(code, locale) for code in location.countries)
    address = location.address
    return f"{MODE_LABELS[location.mode]} in {address.city}, {country_name(address.country, locale)}"


def location_detail(location: Location, locale: str) -> str:
    """Everything about the place, for the listing's own page."""
    if location.is_remote or location.address is None:
        return "Remote from " + ", ".join(country_name(code, locale) for code in location.countries)
    address = location.address
    town = " ".join(part for part in (address.postal_code, address.city) if part)
    parts = [address.street, town, address.region, country_name(address.country, locale)]
    return f"{MODE_LABELS[location.mode]}: " + ", ".join(part for part in parts if part)


def deadline_text(deadline: Deadline, today: date) -> str:
    reason = deadline.closed_reason(today)
    if reason == "filled":
        return "Filled"
    days = deadline.days_left(today)
    if reason == "closed" or days < 0:
        return "Closed"
    if days == 0:
        return "Closes today"
    if days == 1:
        return "Closes tomorrow"
    return f"Closes in {days} days"
