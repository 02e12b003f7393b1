"""A completion as its page shows it: the project, the organization, what was delivered, the
statement, and what the student can do with the record (verify it, download it, add it to LinkedIn)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from board.core.model import Completion
from board.render.display import date_text

LINKEDIN_ADD = "https://www.linkedin.com/profile/add"
ANONYMOUS = "A student"


@dataclass(frozen=True)
class CompletionView:
    id: str
    listing_id: str
    listing_title: str
    organization_id: str
    organization_name: str
    student: str  # their name when they confirmed it, else "A student"
    named: bool
    started_text: str
    finished_text: str
    issued_text: str
    issued_iso: str
    hours_text: str
    delivered: list[str]
    not_delivered: list[str]
    statement: str
    evidence: str | None
    revoked: str | None
    identity: str  # for the page's in-browser email check: sha256$<hex>
    salt: str
    linkedin_url: str


def build_completion_view(completion: Completion, locale: str, board_name: str, page_url: str) -> CompletionView:
    listing = completion.listing
    name = completion.student_name
    return CompletionView(
        id=completion.id,
        listing_id=listing.id,
        listing_title=listing.title,
        organization_id=completion.organization.id,
        organization_name=completion.organization.name,
        student=name or ANONYMOUS,
        named=name is not None,
        started_text=date_text(completion.started, locale),
        finished_text=date_text(completion.finished, locale),
        issued_text=date_text(completion.issued, locale),
        issued_iso=completion.issued.isoformat(),
        hours_text=f"{completion.hours} hour{'s' if completion.hours != 1 else ''}",
        delivered=list(completion.delivered),
        not_delivered=[item for item in listing.deliverables if item not in completion.delivered],
        statement=completion.statement,
        evidence=completion.evidence,
        revoked=completion.revoked,
        identity=completion.identity,
        salt=completion.salt,
        linkedin_url=linkedin_url(completion, board_name, page_url),
    )


def linkedin_url(completion: Completion, board_name: str, page_url: str) -> str:
    """LinkedIn's "Add to profile" address for a certification, with the board as its issuer."""
    query = {"startTask": "CERTIFICATION_NAME", "name": f"Micro-internship: {completion.listing.title}",
             "organizationName": board_name, "issueYear": completion.issued.year,
             "issueMonth": completion.issued.month, "certUrl": page_url, "certId": completion.id}
    return f"{LINKEDIN_ADD}?{urlencode(query)}"
