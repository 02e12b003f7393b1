"""schema.org JobPosting structured data for an open listing, safe to embed in a <script>."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from board.core.model import Listing
from board.render.display import country_name


def job_posting(listing: Listing, description_html: str, page_url: str, timezone: ZoneInfo,
                locale: str, logo_url: str | None = None) -> dict[str, Any]:
    data = listing.data
    organization = listing.organization.data
    posting: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": data["title"],
        "description": description_html,
        "identifier": {"@type": "PropertyValue", "name": organization["name"], "value": listing.id},
        "datePosted": data["posted"],
        "validThrough": listing.deadline.last_moment(timezone).isoformat(),
        "employmentType": "INTERN",
        "hiringOrganization": _organization(organization, logo_url),
        "url": page_url,
        "skills": ", ".join(data["skills"]),
    }
    posting.update(_location(data["location"], locale))
    salary = _base_salary(data["compensation"])
    if salary:
        posting["baseSalary"] = salary
    if "openings" in data:
        posting["totalJobOpenings"] = data["openings"]
    return posting


def script_json(data: dict[str, Any]) -> str:
    """JSON that cannot end its <script> element or open an HTML comment, whatever the data holds."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _organization(organization: Mapping[str, Any], logo_url: str | None) -> dict[str, Any]:
    result = {"@type": "Organization", "name": organization["name"], "sameAs": organization["url"]}
    if logo_url:
        result["logo"] = logo_url
    return result


def _location(location: dict[str, Any], locale: str) -> dict[str, Any]:
    if location["mode"] == "remote":
        countries = [{"@type": "Country", "name": country_name(code, locale)} for code in location["countries"]]
        return {"jobLocationType": "TELECOMMUTE", "applicantLocationRequirements": countries}
    address = {"@type": "PostalAddress", "addressLocality": location["address"]["city"],
               "addressCountry": location["address"]["country"]}
    for ours, theirs in (("street", "streetAddress"), ("region", "addressRegion"), ("postal_code", "postalCode")):
        if ours in location["address"]:
            address[theirs] = location["address"][ours]
    return {"jobLocation": {"@type": "Place", "address": address}}


def _base_salary(pay: dict[str, Any]) -> dict[str, Any] | None:
    if pay["type"] == "unpaid":
        return None
    if pay["type"] == "hourly":
        value = {"@type": "QuantitativeValue", "minValue": pay["min"], "maxValue": pay["max"], "unitText": "HOUR"}
    else:  # a fixed fee or stipend for the whole project has no time unit
        value = {"@type": "QuantitativeValue", "value": pay["amount"]}
    return {"@type": "MonetaryAmount", "currency": pay["currency"], "value": value}
