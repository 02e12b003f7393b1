"""schema.org JobPosting structured data for an open listing, safe to embed in a <script>."""

from __future__ import annotations

import json
from typing import Any
from zoneinfo import ZoneInfo

from board.core.model import Compensation, Listing, Location, Organization
from board.render.display import country_name


def job_posting(listing: Listing, description_html: str, page_url: str, timezone: ZoneInfo,
                locale: str, logo_url: str | None = None) -> dict[str, Any]:
    posting: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": listing.title,
        "description": description_html,
        "identifier": {"@type": "PropertyValue", "name": listing.organization.name, "value": listing.id},
        "datePosted": listing.posted.isoformat(),
        "validThrough": listing.deadline.last_moment(timezone).isoformat(),
        "employmentType": "INTERN",
        "hiringOrganization": _organization(listing.organization, logo_url),
        "url": page_url,
        "skills": ", ".join(listing.skills),
    }
    posting.update(_location(listing.location, locale))
    salary = _base_salary(listing.compensation)
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


def _base_salary(pay: Compensation) -> dict[str, Any] | None:
    if not pay.is_paid:
        return None
    if pay.type == "hourly":
        value = {"@type": "QuantitativeValue", "minValue": pay.min, "maxValue": pay.max, "unitText": "HOUR"}
    else:  # a fixed fee or stipend for the whole project has no time unit
        value = {"@type": "QuantitativeValue", "value": pay.amount}
    return {"@type": "MonetaryAmount", "currency": pay.currency, "value": value}
