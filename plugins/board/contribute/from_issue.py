"""`python -m board from-issue`: decide what an issue event means, and leave it as an artifact.

Runs with the board's packages and a read-only token. An issue from the form, labelled
``approved``, becomes a listing file when its author maintains the organization it names (as the
default branch's validated organization file says) and every answer passes the same checks as
`python -m board new`; otherwise the outcome says why not. An approved issue whose body is edited
loses its approval. The answers are read from the event's payload, which is the issue as it was
when the label was added: never fetched again, so a later edit cannot slip in. What to post is
decided by the job that may write (``issue_replies``), from this artifact alone.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from board.contribute.handoff import EDITED, LISTING, NOT_A_MAINTAINER, NOTHING, REFUSED, Outcome, write_artifact
from board.contribute.issue_form import IssueFormError, answers_from_issue, form_fields
from board.contribute.new import NewListingError, new_listing
from board.core.model import Organization
from board.core.settings import BoardSettings
from board.validate.catalog import validate_content
from board.validate.schema import load_schema

FORM = Path(".github/ISSUE_TEMPLATE/new-opportunity.yml")
APPROVED, FORM_LABEL = "approved", "new-opportunity"
LONGEST_REASON = 300  # a message quotes the answer: a 5,000-character title must not make a 5,000-character reply


def outcome_of_event(settings: BoardSettings, event_path: Path, out: Path) -> Outcome:
    """Decide what the event at ``event_path`` calls for and write the artifact into ``out``."""
    event = json.loads(event_path.read_text(encoding="utf-8"))
    issue = event["issue"]
    labels = {label["name"] for label in issue.get("labels", [])}
    listing_text = None
    if FORM_LABEL not in labels:
        outcome = Outcome(NOTHING)
    elif event.get("action") == "edited":
        outcome = Outcome(EDITED if APPROVED in labels and "body" in event.get("changes", {}) else NOTHING)
    elif event.get("action") == "labeled" and event.get("label", {}).get("name") == APPROVED:
        outcome, listing_text = _convert(settings, issue.get("body") or "", issue["user"]["login"])
    else:
        outcome = Outcome(NOTHING)
    write_artifact(out, outcome, listing_text)
    return outcome


def _convert(settings: BoardSettings, body: str, author: str) -> tuple[Outcome, str | None]:
    try:
        answers = answers_from_issue(body, form_fields(FORM))
    except IssueFormError as failure:
        return _refused(str(failure)), None
    organization_id = answers.get("organization", "")
    organization = _organizations(settings).get(organization_id)
    if organization is None:
        return _refused(f"organization '{organization_id}' is not on the board yet; "
                        "a maintainer needs to add it first"), None
    maintainers = organization.maintainers
    if author.lower() not in {handle.lower() for handle in maintainers}:
        return Outcome(NOT_A_MAINTAINER, organization=organization_id, maintainers=maintainers), None
    try:
        [listing] = new_listing(settings.content, _schemas(settings), answers, None, settings.today())
    except NewListingError as failure:
        return _refused(str(failure)), None
    try:
        problems = [problem for problem in validate_content(settings, only=[listing]).problems
                    if problem.file == listing and problem.is_error]
        text = listing.read_text(encoding="utf-8")
    finally:
        listing.unlink()  # the artifact carries it; only the job that may write commits it
    if problems:
        return _refused(*(f"{problem.field}: {problem.message}" for problem in problems)), None
    return Outcome(LISTING, listing_id=listing.stem, organization=organization_id), text


def _refused(*reasons: str) -> Outcome:
    return Outcome(REFUSED, reasons=tuple(reason if len(reason) <= LONGEST_REASON else
                                          f"{reason[:LONGEST_REASON - 80]} … {reason[-70:]}" for reason in reasons))


def _organizations(settings: BoardSettings) -> dict[str, Organization]:
    """The organizations that pass validation on this checkout (the default branch)."""
    catalog = validate_content(settings, only=[]).catalog
    return {} if catalog is None else catalog.organizations


def _schemas(settings: BoardSettings) -> dict[str, Any]:
    return {name: load_schema(settings.schemas / f"{name}.schema.json") for name in ("opportunity", "organization")}
