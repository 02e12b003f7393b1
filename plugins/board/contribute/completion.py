"""`python -m board completion`: record a finished project as a commented completion file.

The student's email address is asked for, trimmed and lowercased, and hashed here with a fresh
random salt (Open Badges 2.0: ``sha256$`` + SHA-256 of address + salt); only the hash and the salt
are written, so the address never enters the repository. A name is written only when given with
the address of the student's own confirmation.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from board.contribute.new import Ask, NewListingError, Question, _number, collect, flag_name, nest
from board.core.model import Listing
from board.render.annotated_yaml import annotated_yaml
from board.render.display import pay_text

EMAIL = re.compile(r"\A[^@\s]+@[^@\s]+\.[^@\s]+\Z")
SCHEMA_LOCATION = "../../../schemas/completion.schema.json"


class NewCompletionError(NewListingError):
    """Raised by ``new_completion`` when an answer given as a flag is not valid."""


def identity_hash(email: str, salt: str) -> str:
    """The Open Badges 2.0 recipient identity of an email address: the same in the browser's check."""
    return "sha256$" + hashlib.sha256((normal_email(email) + salt).encode()).hexdigest()


def normal_email(email: str) -> str:
    return email.strip().lower()


PROMPTS = {
    "started": "First day of work (YYYY-MM-DD)",
    "finished": "Day the work was handed over (YYYY-MM-DD)",
    "hours": "Hours the student worked in total",
    "delivered": "Delivered: the deliverables' numbers, comma-separated, or 'all'",
    "statement": "Your statement about the work (plain text, 20-1000 characters)",
    "paid.amount": "Total paid to the student, in the listing's currency",
}


def questions(listing: Listing) -> list[Question]:
    offered = listing.deliverables
    parse: dict[str, Callable[[str], Any]] = {
        "hours": int, "delivered": lambda text: chosen_deliverables(text, offered), "paid.amount": _number}
    return [Question(key, prompt, parse.get(key, str)) for key, prompt in PROMPTS.items()]


OPTIONAL = [
    Question("evidence", "Where the work can be seen, https://… (Enter for none)"),
    Question("student.name", "The student's name, only if they confirmed in writing that it may be shown "
                             "(Enter to leave it off)"),
    Question("student.name_confirmed_by", "The https:// address of their confirmation (a comment or issue)"),
]


def chosen_deliverables(text: str, offered: tuple[str, ...]) -> list[str]:
    """``1, 3`` or ``all`` -> those deliverables of the listing; a wrong number is a ValueError."""
    if text.strip().lower() == "all":
        return list(offered)
    numbers = [int(part) for part in re.split(r"[,\s]+", text.strip()) if part]
    if not numbers or any(not 1 <= number <= len(offered) for number in numbers):
        raise ValueError(text)
    return [offered[number - 1] for number in dict.fromkeys(numbers)]


def new_completion(content: Path, schema: dict[str, Any], listing: Listing, given: dict[str, str],
                   ask: Ask | None, today: date) -> Path:
    """Write ``content/completions/<listing>/<id>.yaml`` and return its path."""
    email = _email(given.get("email"), ask)
    if ask is not None:
        print(f"{listing.title}: {pay_text(listing.compensation, 'en')}. Its deliverables:")
        for number, item in enumerate(listing.deliverables, start=1):
            print(f"  {number}. {item}")
    answers = collect(questions(listing), given, schema, ask)
    answers |= _optional_answers(given, schema, ask)
    salt = secrets.token_hex(16)
    answers |= {"student.identity": identity_hash(email, salt), "student.salt": salt,
                "issued": given.get("issued") or today.isoformat(),
                "paid.currency": given.get("paid.currency") or listing.compensation.currency}
    completion = nest(answers)
    completion["student"] = {key: completion["student"][key] for key in schema["properties"]["student"]["properties"]
                             if key in completion["student"]}
    completion_id = given.get("id") or secrets.token_hex(6)
    target = content / "completions" / listing.id / f"{completion_id}.yaml"
    if target.exists():
        raise NewCompletionError(f"{target} already exists; choose another --id")
    ordered = {name: completion[name] for name in schema["properties"] if name in completion}
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(annotated_yaml(ordered, schema, SCHEMA_LOCATION), encoding="utf-8")
    return target


def _email(given: str | None, ask: Ask | None) -> str:
    text = given
    while True:
        if text is None:
            if ask is None:
                raise NewCompletionError("missing --email (the student's email address, hashed and never written)")
            text = ask("The student's email address (only its salted hash is written)", "")
        if EMAIL.match(normal_email(text)):
            return text
        if ask is None:
            raise NewCompletionError("--email: that is not an email address")
        print("  that is not an email address")
        text = None


def _optional_answers(given: dict[str, str], schema: dict[str, Any], ask: Ask | None) -> dict[str, Any]:
    """The optional fields: from flags, or asked once, Enter for none. A name needs its confirmation."""
    answers: dict[str, Any] = {}
    for question in OPTIONAL:
        if question.key == "student.name_confirmed_by" and "student.name" not in answers:
            continue
        text = given.get(question.key)
        if text is None and ask is not None:
            text = ask(question.prompt, "")
        if text:
            answers |= collect([question], {question.key: text}, schema, ask)
    if "student.name" in answers and "student.name_confirmed_by" not in answers:
        raise NewCompletionError(f"a name needs --{flag_name('student.name_confirmed_by')}: the address of the "
                                 "student's own confirmation that it may be shown")
    return answers
