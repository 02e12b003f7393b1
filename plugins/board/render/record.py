"""A listing as structured data: one record shared by the JSON API, the JSON Feed and the feeds'
namespaced fields, so every machine-readable copy of a listing says the same thing.

Employer email addresses stay out of it (harvesters read JSON too): such listings point to
their page, where the address is shown to people.
"""

from __future__ import annotations

from typing import Any

from board.core.model import Listing, Location
from board.render.view import ListingView

OPTIONAL = ("start", "turnaround_days", "engagement", "eligibility", "openings")


def opportunity_record(listing: Listing, view: ListingView, page_url: str) -> dict[str, Any]:
    data = listing.data
    organization = listing.organization.data
    pay = data["compensation"]
    record: dict[str, Any] = {
        "id": listing.id,
        "url": page_url,
        "title": data["title"],
        "organization": {"id": listing.organization.id, "name": organization["name"], "url": organization["url"]},
        "summary": data["summary"],
        "description_html": view.description_html,
        "deliverables": list(data["deliverables"]),
        "category": {"id": view.category.id, "label": view.category.label},
        "skills": list(data["skills"]),
        "effort_hours": dict(data["effort_hours"]),
        "compensation": {**pay, "display": view.pay, "effective_hourly_rate": round(listing.lowest_hourly_rate, 2)},
        "location": {**data["location"], "display": view.location_detail},
        "apply": {"url": data["apply"]["url"]} if "url" in data["apply"] else {"page": page_url},
        "posted": data["posted"],
        "apply_by": data["apply_by"],
        "closes_at": view.closes_at,
        "status": "closed" if view.closed else "open",
    }
    record.update({name: data[name] for name in OPTIONAL if name in data})
    return record


def feed_fields(record: dict[str, Any]) -> list[tuple[str, str]]:
    """The record as flat (name, text) pairs for the feeds' namespaced extension, lists repeated."""
    pay = record["compensation"]
    fields = [("pay", pay["display"]), ("pay-type", pay["type"]), ("currency", pay["currency"])]
    fields += [(f"pay-{bound}", _number(pay[key])) for bound, key in
               (("min", "min"), ("max", "max"), ("min", "amount"), ("max", "amount")) if key in pay]
    fields += [("effort-min", str(record["effort_hours"]["min"])), ("effort-max", str(record["effort_hours"]["max"])),
               ("deadline", record["apply_by"]), ("location-mode", record["location"]["mode"])]
    fields += [("country", code) for code in Location.from_data(record["location"]).country_codes]
    fields += [("category", record["category"]["id"])] + [("skill", skill) for skill in record["skills"]]
    return fields


def _number(value: float | int) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
