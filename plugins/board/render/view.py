"""A listing as students see it: every piece of display text computed here, not in templates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency

from ..lifecycle import closed_reason
from ..model import Listing
from ..read.vocabulary import Category, Vocabulary
from ..validate.rules import effective_hourly_rate
from .email import HiddenEmail, hide_email
from .markdown import render_markdown

MODE_LABELS = {"remote": "Remote", "hybrid": "Hybrid", "onsite": "On-site"}
LEVEL_LABELS = {"high-school": "High-school students", "undergraduate": "Undergraduates",
                "graduate": "Graduate students", "recent-graduate": "Recent graduates"}
AUTHORIZATION_LABELS = {"any": "No work authorization needed", "authorized": "Must already be authorized to work",
                        "sponsorship-available": "Sponsorship available",
                        "citizenship-required": "Citizenship required"}
CLOSING_SOON_DAYS = 7
PAY_SUFFIX = {"fixed": "fixed fee", "stipend": "stipend"}


@dataclass
class ListingView:
    id: str
    title: str
    summary: str
    description_html: str
    deliverables: list[str]
    category: Category
    skills: list[str]
    organization_id: str
    organization_name: str
    pay: str
    effort: str
    mode: str
    mode_label: str
    location: str
    location_detail: str
    posted: date
    posted_text: str
    apply_by: date
    apply_by_text: str
    closes_at: str  # the instant the listing closes: midnight after apply_by in the board's time zone
    deadline_text: str
    closing_soon: bool
    closed: bool
    closed_reason: str | None
    search_filters: list[tuple[str, str]]
    search_sorts: list[tuple[str, str]]
    apply_url: str | None
    apply_email: HiddenEmail | None
    facts: list[tuple[str, str]]


def build_view(listing: Listing, vocabulary: Vocabulary, today: date, locale: str,
               timezone: ZoneInfo, remote_images: bool = False) -> ListingView:
    data = listing.data
    reason = closed_reason(listing, today)
    return ListingView(
        id=listing.id,
        title=data["title"],
        summary=data["summary"],
        description_html=render_markdown(data["description"], remote_images),
        deliverables=list(data["deliverables"]),
        category=vocabulary.categories[data["category"]],
        skills=list(data["skills"]),
        organization_id=listing.organization.id,
        organization_name=listing.organization.name,
        pay=pay_text(data["compensation"], locale),
        effort=effort_text(data["effort_hours"]),
        mode=data["location"]["mode"],
        mode_label=MODE_LABELS[data["location"]["mode"]],
        location=location_text(data["location"], locale),
        location_detail=location_detail(data["location"], locale),
        posted=listing.posted,
        posted_text=format_date(listing.posted, "d MMM y", locale=locale),
        apply_by=listing.apply_by,
        apply_by_text=format_date(listing.apply_by, "d MMM y", locale=locale),
        closes_at=datetime.combine(listing.apply_by + timedelta(days=1), time(0), timezone).isoformat(),
        deadline_text=deadline_text(listing.apply_by, today, reason),
        closing_soon=reason is None and (listing.apply_by - today).days < CLOSING_SOON_DAYS,
        closed=reason is not None,
        closed_reason=reason,
        search_filters=search_filters(data, vocabulary, listing.apply_by - today, locale),
        search_sorts=search_sorts(data),
        apply_url=data["apply"].get("url"),
        apply_email=hide_email(data["apply"]["email"], f"Application: {data['title']}")
        if "email" in data["apply"] else None,
        facts=_facts(data, locale),
    )


def money(amount: float, currency: str, locale: str) -> str:
    pattern = "¤#,##0" if float(amount).is_integer() else "¤#,##0.00"
    return format_currency(amount, currency, format=pattern, locale=locale, currency_digits=False)


def pay_text(pay: dict[str, Any], locale: str) -> str:
    if pay["type"] == "unpaid":
        return "Unpaid"
    if pay["type"] == "hourly":
        low, high = money(pay["min"], pay["currency"], locale), money(pay["max"], pay["currency"], locale)
        return f"{low}/hour" if pay["min"] == pay["max"] else f"{low}–{high}/hour"
    return f"{money(pay['amount'], pay['currency'], locale)} {PAY_SUFFIX[pay['type']]}"


def effort_text(effort: dict[str, int]) -> str:
    if effort["min"] == effort["max"]:
        return f"{effort['max']} hours"
    return f"{effort['min']}–{effort['max']} hours"


def country_name(code: str, locale: str) -> str:
    return Locale.parse(locale).territories.get(code, code)


def listing_countries(location: dict[str, Any]) -> list[str]:
    """Where applicants may live (remote) or where the work is (hybrid, onsite), as ISO codes."""
    return list(location["countries"]) if location["mode"] == "remote" else [location["address"]["country"]]


def location_text(location: dict[str, Any], locale: str) -> str:
    if location["mode"] == "remote":
        countries = location["countries"]
        if len(countries) > 3:
            return f"Remote from {len(countries)} countries"
        return "Remote from " + ", ".join(country_name(code, locale) for code in countries)
    address = location["address"]
    return f"{MODE_LABELS[location['mode']]} in {address['city']}, {country_name(address['country'], locale)}"


def location_detail(location: dict[str, Any], locale: str) -> str:
    """Everything about the place, for the listing's own page."""
    if location["mode"] == "remote":
        return "Remote from " + ", ".join(country_name(code, locale) for code in location["countries"])
    address = location["address"]
    town = " ".join(part for part in (address.get("postal_code"), address["city"]) if part)
    parts = [address.get("street"), town, address.get("region"), country_name(address["country"], locale)]
    return f"{MODE_LABELS[location['mode']]}: " + ", ".join(part for part in parts if part)


def deadline_text(apply_by: date, today: date, reason: str | None) -> str:
    if reason in ("filled", "closed"):
        return "Filled" if reason == "filled" else "Closed"
    days = (apply_by - today).days
    if days < 0:
        return "Closed"
    if days == 0:
        return "Closes today"
    if days == 1:
        return "Closes tomorrow"
    return f"Closes in {days} days"


RATE_STEPS = (20, 30, 50)
EFFORT_BANDS = ((10, "Up to 10 hours"), (20, "11–20 hours"), (40, "21–40 hours"), (200, "More than 40 hours"))


def search_filters(data: dict[str, Any], vocabulary: Vocabulary, until_deadline: timedelta,
                   locale: str) -> list[tuple[str, str]]:
    """The facets a student can narrow the search by, as (filter, value) pairs for Pagefind."""
    pay = data["compensation"]
    location = data["location"]
    countries = listing_countries(location)
    rate = effective_hourly_rate(pay, data["effort_hours"])
    filters = [("category", vocabulary.categories[data["category"]].label), ("mode", MODE_LABELS[location["mode"]]),
               ("pay", "Unpaid" if pay["type"] == "unpaid" else "Paid"),
               ("effort", next(label for limit, label in EFFORT_BANDS if data["effort_hours"]["max"] <= limit))]
    filters += [("skill", skill) for skill in data["skills"]]
    filters += [("country", country_name(code, locale)) for code in countries]
    filters += [("rate", f"{step}+ per hour") for step in RATE_STEPS if rate >= step]
    filters += [("deadline", label) for days, label in ((7, "This week"), (31, "This month"))
                if until_deadline.days <= days]
    if "engagement" in data:
        filters.append(("engagement", "Contractor" if data["engagement"] == "contractor" else "Employee"))
    filters += [("level", LEVEL_LABELS[level]) for level in data.get("eligibility", {}).get("levels", [])]
    return filters


def search_sorts(data: dict[str, Any]) -> list[tuple[str, str]]:
    rate = effective_hourly_rate(data["compensation"], data["effort_hours"])
    return [("deadline", data["apply_by"]), ("posted", data["posted"]),
            ("effort", str(data["effort_hours"]["max"])), ("pay", f"{rate:.2f}")]


def _facts(data: dict[str, Any], locale: str) -> list[tuple[str, str]]:
    facts = []
    if "start" in data:
        facts.append(("Starts", format_date(date.fromisoformat(data["start"]), "d MMM y", locale=locale)))
    if "turnaround_days" in data:
        facts.append(("Turnaround", f"{data['turnaround_days']} days from kickoff to delivery"))
    if "engagement" in data:
        facts.append(("Engagement", "As a contractor" if data["engagement"] == "contractor" else "As an employee"))
    if "openings" in data:
        facts.append(("Openings", str(data["openings"])))
    eligibility = data.get("eligibility", {})
    if "levels" in eligibility:
        facts.append(("Who can apply", ", ".join(LEVEL_LABELS[level] for level in eligibility["levels"])))
    if "work_authorization" in eligibility:
        facts.append(("Work authorization", AUTHORIZATION_LABELS[eligibility["work_authorization"]]))
    return facts
