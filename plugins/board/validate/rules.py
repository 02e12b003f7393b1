"""The board's own rules: what JSON Schema cannot say (real dates, ranges, policy, other files)."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterator
from datetime import date
from typing import Any

import pycountry

from board.core.model import Compensation, Effort, Organization
from board.core.problems import Problem, dotted, error, warning
from board.core.settings import BoardSettings
from board.core.vocabulary import Vocabulary
from board.read.markdown import may_show_images, render_description
from board.read.yaml_loader import Document, Path_

CURRENCIES = {currency.alpha_3 for currency in pycountry.currencies}
COUNTRIES = {country.alpha_2 for country in pycountry.countries}


Rule = Callable[["RuleContext"], Iterator[Problem]]


class ListingRules:
    """Checks one listing against the board's rules and the other content. Each rule names the
    fields it needs and runs whenever they are present and schema-valid, so one run reports every
    problem; a rule sees only the schema-valid fields."""

    def __init__(self, settings: BoardSettings, vocabulary: Vocabulary, organizations: dict[str, Organization],
                 broken_organizations: set[str]):
        self.settings = settings
        self.vocabulary = vocabulary
        self.organizations = organizations
        self.broken_organizations = broken_organizations

    def check(self, document: Document, broken: Collection[Path_] = ()) -> list[Problem]:
        """The rules' problems with ``document``, whose values at ``broken`` failed the schema."""
        context = RuleContext(document, self, broken)
        return [problem for fields, check in rule_table() if all(field in context.data for field in fields)
                for problem in check(context)]


def rule_table() -> list[tuple[tuple[str, ...], Rule]]:
    """Each rule with the top-level fields it needs (looked up when called, so a test can replace one)."""
    return [
        ((), _real_dates), ((), _date_order), (("effort_hours", "compensation"), _ranges),
        (("compensation", "location"), _codes), (("organization",), _organization), (("skills",), _skills),
        (("compensation", "effort_hours"), _pay_policy), (("description",), _remote_images),
    ]


class RuleContext:
    def __init__(self, document: Document, rules: ListingRules, broken: Collection[Path_]):
        self.document = document
        # The top-level fields with no schema error in them (none at all after an error about the whole).
        self.data: dict[str, Any] = {} if () in broken else {
            key: value for key, value in document.data.items() if all(path[0] != key for path in broken)}
        self.rules = rules

    def at(self, *path: str | int) -> tuple[int, int]:
        where = self.document.position(path)
        return where.line, where.column

    def error(self, path: Path_, message: str, hint: str = "") -> Problem:
        return error(self.document.path, self.at(*path), dotted(path), message, hint)

    def warning(self, path: Path_, message: str, hint: str = "") -> Problem:
        return warning(self.document.path, self.at(*path), dotted(path), message, hint)

    def date(self, name: str) -> date | None:
        try:
            return date.fromisoformat(self.data[name]) if name in self.data else None
        except ValueError:
            return None


def _real_dates(context: RuleContext) -> Iterator[Problem]:
    for name in ("posted", "apply_by", "start"):
        if name in context.data and context.date(name) is None:
            yield context.error((name,), f"{context.data[name]!r} is not a real calendar date",
                                "write an existing day as YYYY-MM-DD")


def _date_order(context: RuleContext) -> Iterator[Problem]:
    posted, apply_by, start = context.date("posted"), context.date("apply_by"), context.date("start")
    window = context.rules.settings.max_window_days
    if posted and apply_by and apply_by <= posted:
        yield context.error(("apply_by",), f"{apply_by} must be after posted ({posted})")
    elif posted and apply_by and (apply_by - posted).days > window:
        days = (apply_by - posted).days
        yield context.error(("apply_by",), f"{apply_by} is {days} days after posted; the board allows at most {window}",
                            "choose an earlier deadline, or post again later")
    if start and apply_by and start < apply_by:
        yield context.warning(("start",), f"{start} is before the application deadline ({apply_by})",
                              "students may not have been chosen by then")


def _ranges(context: RuleContext) -> Iterator[Problem]:
    effort = context.data["effort_hours"]
    if effort["min"] > effort["max"]:
        yield context.error(("effort_hours", "min"), f"min ({effort['min']}) is more than max ({effort['max']})")
    pay = context.data["compensation"]
    if pay["type"] == "hourly" and pay["min"] > pay["max"]:
        yield context.error(("compensation", "min"), f"min ({pay['min']}) is more than max ({pay['max']})")


def _codes(context: RuleContext) -> Iterator[Problem]:
    currency = context.data["compensation"]["currency"]
    if currency not in CURRENCIES:
        yield context.error(("compensation", "currency"), f"'{currency}' is not an ISO 4217 currency code",
                            "use the three-letter code, such as EUR, USD, GBP or INR")
    location = context.data["location"]
    places: list[tuple[Path_, str]] = [(("location", "countries", i), code)
                                       for i, code in enumerate(location.get("countries", []))]
    if "address" in location:
        places.append((("location", "address", "country"), location["address"]["country"]))
    for path, code in places:
        if code not in COUNTRIES:
            yield context.error(path, f"'{code}' is not an ISO 3166-1 alpha-2 country code",
                                "use the two-letter code, such as DE, FR or US (the United Kingdom is GB)")


def _organization(context: RuleContext) -> Iterator[Problem]:
    name = context.data["organization"]
    known = context.rules.organizations
    if name in context.rules.broken_organizations:
        yield context.error(("organization",), f"'{name}' has errors of its own",
                            f"fix content/organizations/{name}.yaml first")
    elif name not in known:
        hint = _close(name, known) or f"add content/organizations/{name}.yaml first"
        yield context.error(("organization",), f"no organization '{name}' in content/organizations/", hint)


def _skills(context: RuleContext) -> Iterator[Problem]:
    suggested = context.rules.vocabulary.suggested_skills
    for index, skill in enumerate(context.data["skills"]):
        if skill in suggested:
            continue
        close = difflib.get_close_matches(skill, suggested, n=1, cutoff=0.8)
        if close:
            yield context.warning(("skills", index), f"'{skill}' is not a suggested skill",
                                  f"did you mean '{close[0]}'?")


def _pay_policy(context: RuleContext) -> Iterator[Problem]:
    pay = context.data["compensation"]
    settings = context.rules.settings
    if pay["type"] == "unpaid":
        if not settings.accept_unpaid and context.data.get("status", "open") == "open":
            yield context.error(("compensation", "type"), "this board does not accept unpaid listings",
                                "offer a fixed fee, an hourly rate or a stipend")
        return
    rate = Compensation.from_data(pay).lowest_hourly_rate(Effort.from_data(context.data["effort_hours"]))
    if rate < settings.min_hourly_rate:
        yield context.warning(
            ("compensation",),
            f"pays about {rate:.2f} {pay['currency']} per hour, below the board's minimum of "
            f"{settings.min_hourly_rate:g}",
            "raise the pay or lower effort_hours.max",
        )


def _remote_images(context: RuleContext) -> Iterator[Problem]:
    description = context.data["description"]
    if not may_show_images(description):
        return  # most descriptions: no need to render them here
    for source in render_description(description, context.rules.settings.remote_images).dropped_images:
        yield context.warning(("description",), *image_left_out(source))


def image_left_out(source: str) -> tuple[str, str]:
    """The warning (message, hint) for an image that is not on the board, in a description or a page."""
    return (f"the image {source!r} is not on the board, so it is left out: an image from another site tells "
            "that site who reads the page, and when", "link to it instead, or describe it in words")


def _close(value: str, choices: Any) -> str:
    close = difflib.get_close_matches(value, sorted(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""

