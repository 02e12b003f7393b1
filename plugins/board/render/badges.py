"""Open Badges 2.0 for completions: hosted assertions, badge classes and issuer profiles.

Every object is static JSON at a stable address of the board, so any Open Badges 2.0 verifier can
check a completion with no server of ours: it fetches the assertion at its ``id``, follows
``badge`` to the badge class (one per listing) and ``issuer`` to the organization's profile, all
on the board's origin (hosted verification requires the assertion on its issuer's origin), and
compares the recipient's salted hash with an address it is given. A revoked completion's assertion
keeps only its id and the reason, as the specification allows: the student's hash leaves the board.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from board.core.model import Completion, Listing, Organization

CONTEXT = "https://w3id.org/openbadges/v2"
Absolute = Callable[[str], str]  # a path of the site -> its public address


def completion_page(completion_id: str) -> str:
    return f"completions/{completion_id}/"


def assertion_path(completion_id: str) -> str:
    return f"{completion_page(completion_id)}assertion.json"


def baked_badge_path(completion_id: str) -> str:
    return f"{completion_page(completion_id)}badge.png"


def credential_path(completion_id: str) -> str:
    """The Open Badges 3.0 credential (a VC-JWT), published when the board has a signing key."""
    return f"{completion_page(completion_id)}credential.jwt"


def badge_class_path(listing_id: str) -> str:
    return f"badges/{listing_id}.json"


def issuer_path(organization_id: str) -> str:
    return f"issuers/{organization_id}.json"


def badge_image_path(organization_id: str) -> str:
    return f"issuers/{organization_id}.png"


def moment(day: date, timezone: ZoneInfo) -> str:
    """The start of ``day`` in the board's time zone, as Open Badges dates are written."""
    return datetime.combine(day, time(0, 0), timezone).isoformat()


def assertion(completion: Completion, absolute: Absolute, timezone: ZoneInfo) -> dict[str, Any]:
    own_id = absolute(assertion_path(completion.id))
    if completion.revoked:
        return {"@context": CONTEXT, "type": "Assertion", "id": own_id, "revoked": True,
                "revocationReason": completion.revoked}
    record: dict[str, Any] = {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": own_id,
        "recipient": {"type": "email", "hashed": True, "salt": completion.salt, "identity": completion.identity},
        "badge": absolute(badge_class_path(completion.listing.id)),
        "issuedOn": moment(completion.issued, timezone),
        "verification": {"type": "HostedBadge"},
        "image": absolute(baked_badge_path(completion.id)),
        "narrative": narrative(completion),
    }
    if completion.evidence:
        record["evidence"] = {"id": completion.evidence, "narrative": completion.statement}
    return record


def narrative(completion: Completion) -> str:
    """What the student did, in Markdown as Open Badges narratives are: the facts, then the statement."""
    delivered = "".join(f"\n- {item}" for item in completion.delivered)
    return (f"Worked {completion.hours} hours from {completion.started.isoformat()} to "
            f"{completion.finished.isoformat()} and delivered:{delivered}\n\n"
            f"{completion.organization.name}: {completion.statement}")


def badge_class(listing: Listing, absolute: Absolute, listing_url: str) -> dict[str, Any]:
    organization = listing.organization
    deliverables = "".join(f"\n- {item}" for item in listing.deliverables)
    return {
        "@context": CONTEXT,
        "type": "BadgeClass",
        "id": absolute(badge_class_path(listing.id)),
        "name": f"Completed: {listing.title}",
        "description": f"A micro-internship for {organization.name}, completed: {listing.summary}",
        "image": absolute(badge_image_path(organization.id)),
        "criteria": {"id": listing_url, "narrative": f"The project as posted, with its deliverables:{deliverables}"},
        "issuer": absolute(issuer_path(organization.id)),
        "tags": list(listing.skills),
    }


def issuer(organization: Organization, absolute: Absolute, contact: str) -> dict[str, Any]:
    """The organization as an Open Badges issuer. Open Badges 2.0 requires a contact address: the
    board's own (``BOARD_BADGE_CONTACT``), so no person's address is published."""
    profile: dict[str, Any] = {
        "@context": CONTEXT,
        "type": "Issuer",
        "id": absolute(issuer_path(organization.id)),
        "name": organization.name,
        "url": organization.url,
        "description": organization.summary,
        "email": contact,
    }
    if organization.logo:
        profile["image"] = absolute(organization.logo)
    return profile
