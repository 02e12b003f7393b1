"""Completions: ``content/completions/<listing-id>/<completion-id>.yaml``, one finished project each.

The folder names the listing; the file name is the completion's id and address, unique across
the board. Each file meets its JSON Schema and the rules below, which, like the listing rules,
name the fields they read and run whenever those are schema-valid, so one run reports everything.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from board.core.model import Listing
from board.core.problems import Problem, dotted, error, warning
from board.read import content_dir
from board.read.yaml_loader import Document, Path_
from board.validate.rules import CURRENCIES

FOLDER = "completions"


def completion_files(folder: Path, listing_ids: Collection[str]) -> tuple[list[Path], list[Problem]]:
    """Every ``<listing-id>/<id>.yaml`` under ``folder``, and a problem for anything else there: a
    file outside a listing's folder, a folder named after no listing, an id used twice."""
    if not folder.is_dir() or folder.is_symlink():
        return [], []  # a board without completions yet; links are named by content_dir.unsafe_entries
    files: list[Path] = []
    problems: list[Problem] = []
    for entry in sorted(folder.iterdir()):
        if entry.is_symlink() or not (entry.is_dir() or entry.is_file()):
            continue
        if not entry.is_dir():
            problems.append(error(entry, (1, 1), "", "only folders named after a listing belong here",
                                  f"move it to {folder.name}/<listing-id>/{entry.name}"))
        elif entry.name not in listing_ids:
            close = difflib.get_close_matches(entry.name, sorted(listing_ids), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "name the folder after the listing's file"
            problems.append(error(entry, (1, 1), "", f"no listing '{entry.name}' in content/opportunities/", hint))
        else:
            found, trouble = content_dir.scan(entry)
            files += found
            problems += trouble
    return _unique(files, problems)


def _unique(files: list[Path], problems: list[Problem]) -> tuple[list[Path], list[Problem]]:
    """The first file of each id; every later one is an error naming the first."""
    first: dict[str, Path] = {}
    kept = []
    for path in files:
        if path.stem in first:
            other = first[path.stem]
            problems.append(error(path, (1, 1), "", f"the id '{path.stem}' is already used by "
                                  f"{other.parent.name}/{other.name}; a completion's id is its address",
                                  f"rename it, e.g. to {path.stem}-2.yaml"))
        else:
            first[path.stem] = path
            kept.append(path)
    return kept, problems


Rule = Callable[["CompletionContext"], Iterator[Problem]]


@dataclass(frozen=True)
class CompletionRules:
    """The rules a completion meets beyond its schema, against its listing and the build's day."""

    listings: dict[str, Listing]  # the listings that passed validation
    today: date

    def check(self, document: Document, broken: Collection[Path_] = ()) -> list[Problem]:
        listing = self.listings.get(document.path.parent.name)
        if listing is None:
            return [error(document.path, (1, 1), "", f"its listing '{document.path.parent.name}' has errors of its "
                          "own", f"fix content/opportunities/{document.path.parent.name}.yaml first")]
        context = CompletionContext(document, listing, self.today, broken)
        return [problem for fields, rule in completion_rule_table() if all(name in context.data for name in fields)
                for problem in rule(context)]


def completion_rule_table() -> list[tuple[tuple[str, ...], Rule]]:
    """Each rule with the top-level fields it needs."""
    return [((), _real_dates), ((), _date_order), (("delivered",), _delivered), (("paid",), _currency),
            (("statement",), _no_address)]


class CompletionContext:
    def __init__(self, document: Document, listing: Listing, today: date, broken: Collection[Path_]):
        self.document = document
        self.listing = listing
        self.today = today
        self.data: dict[str, Any] = {} if () in broken else {
            key: value for key, value in document.data.items() if all(path[0] != key for path in broken)}

    def error(self, path: Path_, message: str, hint: str = "") -> Problem:
        where = self.document.position(path)
        return error(self.document.path, (where.line, where.column), dotted(path), message, hint)

    def warning(self, path: Path_, message: str, hint: str = "") -> Problem:
        where = self.document.position(path)
        return warning(self.document.path, (where.line, where.column), dotted(path), message, hint)

    def date(self, name: str) -> date | None:
        try:
            return date.fromisoformat(self.data[name]) if name in self.data else None
        except ValueError:
            return None


DATES = ("started", "finished", "issued")
EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def _real_dates(context: CompletionContext) -> Iterator[Problem]:
    for name in DATES:
        if name in context.data and context.date(name) is None:
            yield context.error((name,), f"{context.data[name]!r} is not a real calendar date",
                                "write an existing day as YYYY-MM-DD")


def _date_order(context: CompletionContext) -> Iterator[Problem]:
    started, finished, issued = (context.date(name) for name in DATES)
    if started and finished and finished < started:
        yield context.error(("finished",), f"{finished} is before started ({started})")
    if finished and issued and issued < finished:
        yield context.error(("issued",), f"{issued} is before finished ({finished})",
                            "a record is issued once the work is handed over")
    for name, day in zip(DATES, (started, finished, issued), strict=True):
        if day and day > context.today:
            yield context.error((name,), f"{day} is in the future",
                                "record a completion once the project is over")
    posted = context.listing.posted
    if started and started < posted:
        yield context.warning(("started",), f"{started} is before the listing was posted ({posted})",
                              "check the date: work usually starts after a student is chosen")


def _delivered(context: CompletionContext) -> Iterator[Problem]:
    offered = list(context.listing.deliverables)
    for index, item in enumerate(context.data["delivered"]):
        if item not in offered:
            close = difflib.get_close_matches(item, offered, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "the listing offers: " + "; ".join(offered)
            yield context.error(("delivered", index), f"{item!r} is not one of the listing's deliverables", hint)


def _currency(context: CompletionContext) -> Iterator[Problem]:
    currency = context.data["paid"]["currency"]
    if currency not in CURRENCIES:
        yield context.error(("paid", "currency"), f"'{currency}' is not an ISO 4217 currency code",
                            "use the three-letter code, such as EUR, USD, GBP or INR")
    elif currency != context.listing.compensation.currency:
        yield context.warning(("paid", "currency"), f"'{currency}' is not the listing's currency "
                              f"({context.listing.compensation.currency})", "check the amount and its currency")


def _no_address(context: CompletionContext) -> Iterator[Problem]:
    """The student is known by the hash of their address only, so the statement holds no address either."""
    if EMAIL_ADDRESS.search(context.data["statement"]):
        yield context.error(("statement",), "contains an email address; the board publishes none",
                            "remove it: the student is known only by the salted hash of their address")
