"""Turn the answers of the "Post an opportunity" issue form into a listing file.

GitHub writes an issue form's answers as ``### <label>`` sections. The issue body is untrusted:
it is parsed, never evaluated or pasted into YAML; each answer goes through the same per-field
checks as `python -m board new`, and the file is written by a YAML dumper.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from board.contribute.new import LISTING_QUESTIONS, flag_name

NO_RESPONSE = "_No response_"
EXTRA_FIELDS = ("id", "description")


class IssueFormError(Exception):
    """Raised by ``answers_from_issue`` when the issue body cannot be read as the form's answers."""


def form_fields(form_path: Path) -> dict[str, str]:
    """Label -> id for every answerable field of the issue form, in the form's order."""
    form = yaml.safe_load(form_path.read_text(encoding="utf-8"))
    return {item["attributes"]["label"]: item["id"] for item in form["body"] if "id" in item}


def answers_from_issue(body: str, fields: dict[str, str]) -> dict[str, str]:
    """The answers keyed as `new` expects them (``compensation.amount``, ``id``…), empty ones left out."""
    headings = "|".join(re.escape(label) for label in fields)
    parts = re.split(rf"^### ({headings})[ \t]*$", body.replace("\r\n", "\n"), flags=re.MULTILINE)
    found = parts[1::2]
    if found != [label for label in fields if label in found] or len(set(found)) != len(found):
        raise IssueFormError("the issue's headings are not the form's own (a field repeats a heading, or "
                             "the body was edited by hand); please fill in a fresh form")
    keys = {flag_name(question.key): question.key for question in LISTING_QUESTIONS} | {f: f for f in EXTRA_FIELDS}
    answers = {}
    for label, value in zip(found, parts[2::2], strict=True):
        value = value.strip()
        field_id = fields[label]
        if value and value != NO_RESPONSE and field_id in keys:
            answers[keys[field_id]] = value if field_id == "description" else _one_line(value, field_id)
    return answers


def _one_line(value: str, field_id: str) -> str:
    """Answers other than the description are single values; lists come one per line or by commas."""
    lines = [line.strip() for line in value.splitlines() if line.strip()]
    return "\n".join(lines) if field_id in ("deliverables", "skills", "location-countries") else " ".join(lines)

