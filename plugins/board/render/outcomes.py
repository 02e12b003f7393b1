"""What career offices count: completed projects per organization, category and month, the hours
worked and the pay paid out, from the completions that stand (revoked ones are only counted as such).
No student appears here, by name or by hash."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from babel.dates import format_date

from board.core.model import Catalog, Completion
from board.render.display import money

CHART_HEIGHT = 160  # the bars' area in the chart, in SVG user units
BAR_WIDTH, BAR_GAP = 48, 16


def outcomes_record(catalog: Catalog, today: date) -> dict[str, Any]:
    """The record of ``/api/v1/outcomes.json`` (schemas/api/outcomes.schema.json)."""
    standing = [completion for completion in catalog.completions.values() if not completion.revoked]
    organizations = {organization.id: organization.name for organization in catalog.organizations.values()}
    categories = {category.id: category.label for category in catalog.vocabulary.categories.values()}
    return {
        "as_of": today.isoformat(),
        **_totals(standing),
        "revoked": len(catalog.completions) - len(standing),
        "by_organization": [{"id": key, "name": organizations[key], **_totals(group)}
                            for key, group in _grouped(standing, lambda c: c.organization.id)],
        "by_category": [{"id": key, "label": categories[key], **_totals(group)}
                        for key, group in _grouped(standing, lambda c: c.listing.category)],
        "by_month": [{"month": key, **_totals(group)} for key, group in _grouped(standing, _month)],
    }


def _month(completion: Completion) -> str:
    return completion.finished.isoformat()[:7]


def _grouped(completions: list[Completion], key: Callable[[Completion], str]) -> list[tuple[str, list[Completion]]]:
    groups: dict[str, list[Completion]] = {}
    for completion in completions:
        groups.setdefault(key(completion), []).append(completion)
    return sorted(groups.items())


def _totals(completions: Iterable[Completion]) -> dict[str, Any]:
    completions = list(completions)
    paid: dict[str, float] = {}
    for completion in completions:
        paid[completion.paid.currency] = paid.get(completion.paid.currency, 0) + completion.paid.amount
    return {"completions": len(completions), "hours": sum(completion.hours for completion in completions),
            "paid": [{"currency": currency, "amount": _number(amount)} for currency, amount in sorted(paid.items())]}


def _number(amount: float) -> float | int:
    return int(amount) if float(amount).is_integer() else round(amount, 2)


@dataclass(frozen=True)
class Bar:
    label: str  # "Oct 2026"
    count: int
    x: int
    y: int
    height: int


def month_bars(by_month: list[dict[str, Any]], locale: str) -> list[Bar]:
    """One bar per month from the first to the last with completions, empty months included."""
    if not by_month:
        return []
    counts = {entry["month"]: entry["completions"] for entry in by_month}
    months = _months_between(min(counts), max(counts))
    most = max(counts.values())
    bars = []
    for index, month in enumerate(months):
        count = counts.get(month, 0)
        height = round(CHART_HEIGHT * count / most)
        label = format_date(date.fromisoformat(f"{month}-01"), "MMM y", locale=locale)
        bars.append(Bar(label, count, index * (BAR_WIDTH + BAR_GAP), CHART_HEIGHT - height, height))
    return bars


def _months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def paid_text(paid: list[dict[str, Any]], locale: str) -> str:
    """Pay per currency, as people read money: "CA$700 · €250"; never converted or added across currencies."""
    return " · ".join(money(entry["amount"], entry["currency"], locale) for entry in paid) or "Nothing yet"
