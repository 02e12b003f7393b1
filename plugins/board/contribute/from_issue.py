"""`python -m board from-issue`: the approved issue form becomes a listing file, or a comment."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..settings import BoardSettings
from ..validate.catalog import validate_content
from ..validate.schema import load_schema
from .inert import code_span
from .issue_form import IssueFormError, answers_from_issue, form_fields, github_output
from .new import NewListingError, new_listing

FORM = Path(".github/ISSUE_TEMPLATE/new-opportunity.yml")


def listing_from_issue(settings: BoardSettings, event_path: Path, comment_path: Path) -> int:
    issue = json.loads(event_path.read_text(encoding="utf-8"))["issue"]
    schemas = {name: load_schema(settings.schemas / f"{name}.schema.json") for name in ("opportunity", "organization")}
    try:
        answers = answers_from_issue(issue.get("body") or "", form_fields(FORM))
        if not (settings.content / "organizations" / f"{answers.get('organization', '')}.yaml").is_file():
            raise NewListingError(f"organization '{answers.get('organization', '')}' is not on the board yet; "
                                  "a maintainer needs to add it first")
        written = new_listing(settings.content, schemas, answers, None, settings.today())
    except (IssueFormError, NewListingError) as failure:
        return _refuse(comment_path, [str(failure)])
    problems = [problem for problem in validate_content(settings).problems
                if problem.file in written and problem.is_error]
    if problems:
        for path in written:
            path.unlink()
        return _refuse(comment_path, [f"{problem.field}: {problem.message}" for problem in problems])
    listing = written[-1].resolve().relative_to(Path.cwd().resolve())
    print(listing)
    if "GITHUB_OUTPUT" in os.environ:
        github_output({"path": listing.as_posix(), "id": listing.stem}, Path(os.environ["GITHUB_OUTPUT"]))
    return 0


def _refuse(comment_path: Path, reasons: list[str]) -> int:
    lines = ["The board could not turn this request into a listing yet:", ""]
    lines += [f"- {code_span(reason)}" for reason in reasons]
    lines += ["", "Edit the issue to fix these, then a maintainer can remove and re-add the `approved` label."]
    comment_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 1
