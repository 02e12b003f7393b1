"""schema.org JobPosting structured data for an open listing, safe to embed in a <script>.

It carries every property Google's job posting guidelines list as required or recommended that the
board knows (https://developers.google.com/search/docs/appearance/structured-data/job-posting).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from board.core.model import Compensation, Effort, Listing, Location, Organization
from board.render.display import country_name


def job_posting(listing: Listing, description_html: str, page_url: str, timezone: ZoneInfo,
                locale: str, logo_url: str | None = None,
                skill_name: Callable[[str], str] = lambda skill: skill) -> dict[str, Any]:
    posting: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": listing.title,
        "description": description_html,
        "identifier": {"@type": "PropertyValue", "name": listing.organization.name, "value": listing.id},
        "datePosted": listing.posted.isoformat(),
        "validThrough": listing.deadline.last_moment(timezone).isoformat(),
        "employmentType": ["INTERN", "CONTRACTOR"] if listing.engagement == "contractor" else "INTERN",
        "hiringOrganization": _organization(listing.organization, logo_url),
        "url": page_url,
        "skills": ", ".join(skill_name(skill) for skill in listing.skills),
        # Students apply on the employer's site or by email, never on the board itself.
        "directApply": False,
    }
    posting.update(_location(listing.location, locale))
    salary = _base_salary(listing.compensation, listing.effort)
    if salary:
        posting["baseSalary"] = salary
    if listing.openings is not None:
        posting["totalJobOpenings"] = listing.openings
    return posting


def script_json(data: dict[str, Any]) -> str:
    """JSON that cannot end its <script> element or open an HTML comment, whatever the data holds."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _organization(organization: Organization, logo_url: str | None) -> dict[str, Any]:
    result = {"@type": "Organization", "name": organization.name, "sameAs": organization.url}
    if logo_url:
        result["logo"] = logo_url
    return result


def _location(location: Location, locale: str) -> dict[str, Any]:
    if location.is_remote or location.address is None:
        countries = [{"@type": "Country", "name": country_name(code, locale)} for code in location.countries]
        return {"jobLocationType": "TELECOMMUTE", "applicantLocationRequirements": countries}
    address = location.address
    postal = {"@type": "PostalAddress", "addressLocality": address.city, "addressCountry": address.country}
    for value, theirs in ((address.street, "streetAddress"), (address.region, "addressRegion"),
                          (address.postal_code, "postalCode")):
        if value is not None:
            postal[theirs] = value
    return {"jobLocation": {"@type": "Place", "address": postal}}


def _base_salary(pay: Compensation, effort: Effort) -> dict[str, Any] | None:
    """Pay per hour, in the listing's own currency. Google's units are HOUR, DAY, WEEK, MONTH and
    YEAR, so a fixed fee or stipend for the whole project is given as what it pays per hour: the
    amount over the most hours (the least per hour) to the amount over the fewest."""
    if not pay.is_paid:
        return None
    if pay.type == "hourly":
        low, high = pay.min or 0, pay.max or pay.min or 0
    else:
        amount = pay.amount or 0
        low, high = round(amount / effort.max, 2), round(amount / effort.min, 2)
    value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": "HOUR"}
    value |= {"value": low} if low == high else {"minValue": low, "maxValue": high}
    return {"@type": "MonetaryAmount", "currency": pay.currency, "value": value}
