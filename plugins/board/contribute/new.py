"""`python -m board new`: write a valid, commented listing (and its organization when new).

Every answer comes from a flag or, when a terminal is attached, from a question; each answer is
checked against its field's schema at once, so a wrong answer is asked again, not written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from board.read.content_dir import ID_LENGTH, ID_PATTERN, suggest_id
from board.render.annotated_yaml import annotated_yaml
from board.validate.schema import custom_message

Ask = Callable[[str, str], str]

DESCRIPTION_SKELETON = (
    "## About the project\n\nWhat you are working on, and why it matters.\n\n"
    "## How we will work together\n\nWho the student works with, how often you meet, what you provide.\n"
)


class NewListingError(Exception):
    """Raised by ``new_listing`` when an answer given as a flag is not valid."""


@dataclass(frozen=True)
class Question:
    key: str  # dotted path in the listing, e.g. "compensation.amount"
    prompt: str
    parse: Callable[[str], Any] = str
    when: Callable[[dict[str, Any]], bool] = lambda answers: True


def _words(text: str) -> list[str]:
    """Items one per line or, on a single line, separated by commas."""
    separator = "\n" if "\n" in text.strip() else ","
    return [part.strip() for part in text.split(separator) if part.strip()]


def _number(text: str) -> float | int:
    value = float(text)
    return int(value) if value.is_integer() else value


LISTING_QUESTIONS = [
    Question("organization", "Organization id (a file in content/organizations/, or a new id)"),
    Question("title", "Title: what will the student do?"),
    Question("summary", "Summary: one or two plain sentences (20-280 characters)"),
    Question("category", "Category"),
    Question("skills", "Skills, comma-separated (e.g. excel, data-cleaning)", _words),
    Question("effort_hours.min", "Fewest total hours", int),
    Question("effort_hours.max", "Most total hours", int),
    Question("compensation.type", "Pay: fixed, hourly or stipend"),
    Question("compensation.amount", "Amount for the whole project", _number,
             lambda a: a.get("compensation.type") in ("fixed", "stipend")),
    Question("compensation.min", "Lowest hourly rate", _number, lambda a: a.get("compensation.type") == "hourly"),
    Question("compensation.max", "Highest hourly rate", _number, lambda a: a.get("compensation.type") == "hourly"),
    Question("compensation.currency", "Currency (ISO 4217, e.g. EUR)", str.upper),
    Question("location.mode", "Where: remote, hybrid or onsite"),
    Question("location.countries", "Countries applicants may live in (e.g. DE, FR)",
             lambda text: [code.upper() for code in _words(text)], lambda a: a.get("location.mode") == "remote"),
    Question("location.address.city", "City", str, lambda a: a.get("location.mode") in ("hybrid", "onsite")),
    Question("location.address.country", "Country code (e.g. DE)", str.upper,
             lambda a: a.get("location.mode") in ("hybrid", "onsite")),
    Question("apply", "How to apply: an https:// link or an email address",
             lambda text: {"email": text} if "@" in text and not text.startswith("https://") else {"url": text}),
    Question("apply_by", "Last day to apply (YYYY-MM-DD)"),
    Question("deliverables", "What the student hands over, comma-separated", _words),
]
ORGANIZATION_QUESTIONS = [
    Question("name", "Organization name"),
    Question("url", "Organization website (https://...)"),
    Question("summary", "About the organization, one or two sentences"),
    Question("maintainers", "GitHub handles allowed to post for it, comma-separated", _words),
]


def flag_name(key: str) -> str:
    """The command-line flag that answers a question: ``compensation.amount`` -> ``compensation-amount``."""
    return key.replace(".", "-").replace("_", "-")


def collect(questions: list[Question], given: dict[str, str], schema: dict[str, Any],
            ask: Ask | None) -> dict[str, Any]:
    """Answers keyed by dotted path: from ``given`` or ``ask``, each valid for its field."""
    answers: dict[str, Any] = {}
    for question in questions:
        if not question.when(answers):
            continue
        text = given.get(question.key)
        while True:
            if text is None:
                if ask is None:
                    raise NewListingError(f"missing --{flag_name(question.key)} ({question.prompt})")
                text = ask(question.prompt, _help(schema, question.key))
            problem = _check(question, text, schema)
            if problem is None:
                answers[question.key] = question.parse(text.strip())
                break
            if ask is None:
                raise NewListingError(f"{question.key}: {problem}")
            print(f"  {problem}")
            text = None
    return answers


def nest(answers: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in answers.items():
        *parents, last = key.split(".")
        target = data
        for parent in parents:
            target = target.setdefault(parent, {})
        target[last] = value
    return data


def new_listing(content: Path, schemas: dict[str, dict[str, Any]], given: dict[str, str], ask: Ask | None,
                today: date) -> list[Path]:
    """Write the listing (and a new organization) and return the files written."""
    listing = nest(collect(LISTING_QUESTIONS, given, schemas["opportunity"], ask))
    listing.setdefault("posted", today.isoformat())
    listing.setdefault("description", given.get("description") or DESCRIPTION_SKELETON)
    written = []
    organization_file = content / "organizations" / f"{listing['organization']}.yaml"
    if not organization_file.exists():
        organization = nest(collect(ORGANIZATION_QUESTIONS, _prefixed(given, "org-"), schemas["organization"], ask))
        organization_file.write_text(annotated_yaml(organization, schemas["organization"],
                                                    "../../schemas/organization.schema.json"), encoding="utf-8")
        written.append(organization_file)
    listing_id = given.get("id") or suggest_id(f"{listing['organization']} {listing['title']}")[:80].strip("-")
    if not ID_PATTERN.match(listing_id) or len(listing_id) not in ID_LENGTH:
        raise NewListingError(f"{listing_id!r} cannot be an id: use 3-80 lowercase letters, digits and single hyphens")
    target = content / "opportunities" / f"{listing_id}.yaml"
    if target.exists():
        raise NewListingError(f"{target} already exists; choose another --id")
    ordered = {name: listing[name] for name in schemas["opportunity"]["properties"] if name in listing}
    target.write_text(annotated_yaml(ordered, schemas["opportunity"], "../../schemas/opportunity.schema.json"),
                      encoding="utf-8")
    return [*written, target]


def _prefixed(given: dict[str, str], prefix: str) -> dict[str, str]:
    return {key.removeprefix(prefix): value for key, value in given.items() if key.startswith(prefix)}


def _field_schema(schema: dict[str, Any], key: str) -> dict[str, Any]:
    node = schema
    for part in key.split("."):
        node = node.get("properties", {}).get(part, {})
    return {**node, "$defs": schema.get("$defs", {})}


def _help(schema: dict[str, Any], key: str) -> str:
    field = _field_schema(schema, key)
    choices = field.get("enum")
    return f"one of: {', '.join(choices)}" if choices else field.get("description", "")


def _check(question: Question, text: str, schema: dict[str, Any]) -> str | None:
    try:
        value = question.parse(text.strip())
    except ValueError:
        return f"{text!r} is not a number"
    errors = sorted(Draft202012Validator(_field_schema(schema, question.key)).iter_errors(value), key=str)
    if not errors:
        return None
    custom = custom_message(errors[0])
    return f"{errors[0].instance!r} {custom}" if custom else errors[0].message
