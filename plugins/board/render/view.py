"""A listing as students see it: every piece of display text computed here, not in templates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from board.core.model import Listing
from board.core.money import ExchangeRates, ecb_rates, hourly_pay
from board.core.vocabulary import Category, Vocabulary
from board.read.markdown import render_markdown
from board.render.display import (
    AUTHORIZATION_LABELS,
    LEVEL_LABELS,
    MODE_LABELS,
    comparable_pay_text,
    date_text,
    deadline_text,
    effort_text,
    location_detail,
    location_text,
    pay_text,
)
from board.render.email import HiddenEmail, hide_email
from board.render.facets import facet_values


@dataclass(frozen=True)
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
    logo: str | None  # the organization's logo, relative to the site root
    pay: str
    comparable_pay: str | None  # "about €9-11/hour", where it differs from ``pay``
    hourly: float | None  # the least it pays per hour in the board's currency; None: unpaid or no rate
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
    search_filters: list[tuple[str, str]]  # its fixed facets' values (render.facets)
    apply_url: str | None
    apply_email: HiddenEmail | None
    facts: list[tuple[str, str]]


def build_view(listing: Listing, vocabulary: Vocabulary, today: date, locale: str,
               timezone: ZoneInfo, remote_images: bool = False, rates: ExchangeRates | None = None,
               currency: str = "EUR") -> ListingView:
    deadline = listing.deadline
    hourly = hourly_pay(listing.compensation, listing.effort, rates or ecb_rates(today), currency)
    reason = deadline.closed_reason(today)
    email = listing.apply_email
    return ListingView(
        id=listing.id,
        title=listing.title,
        summary=listing.summary,
        description_html=render_markdown(listing.description, remote_images),
        deliverables=list(listing.deliverables),
        category=vocabulary.categories[listing.category],
        skills=list(listing.skills),
        organization_id=listing.organization.id,
        organization_name=listing.organization.name,
        logo=listing.organization.logo,
        pay=pay_text(listing.compensation, locale),
        comparable_pay=comparable_pay_text(listing.compensation, hourly, locale),
        hourly=None if hourly is None else round(hourly.low, 2),
        effort=effort_text(listing.effort),
        mode=listing.location.mode,
        mode_label=MODE_LABELS[listing.location.mode],
        location=location_text(listing.location, locale),
        location_detail=location_detail(listing.location, locale),
        posted=listing.posted,
        posted_text=date_text(listing.posted, locale),
        apply_by=listing.apply_by,
        apply_by_text=date_text(listing.apply_by, locale),
        closes_at=deadline.closes_at(timezone).isoformat(),
        deadline_text=deadline_text(deadline, today),
        closing_soon=deadline.closing_soon(today),
        closed=reason is not None,
        closed_reason=reason,
        search_filters=facet_values(listing, vocabulary, locale),
        apply_url=listing.apply_url,
        apply_email=hide_email(email, f"Application: {listing.title}") if email else None,
        facts=_facts(listing, locale),
    )


def _facts(listing: Listing, locale: str) -> list[tuple[str, str]]:
    facts = []
    if listing.start:
        facts.append(("Starts", date_text(listing.start, locale)))
    if listing.turnaround_days is not None:
        facts.append(("Turnaround", f"{listing.turnaround_days} days from kickoff to delivery"))
    if listing.engagement:
        facts.append(("Engagement", "As a contractor" if listing.engagement == "contractor" else "As an employee"))
    if listing.openings is not None:
        facts.append(("Openings", str(listing.openings)))
    if listing.levels:
        facts.append(("Who can apply", ", ".join(LEVEL_LABELS[level] for level in listing.levels)))
    if listing.work_authorization:
        facts.append(("Work authorization", AUTHORIZATION_LABELS[listing.work_authorization]))
    return facts
