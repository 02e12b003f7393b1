"""The board's content once it passed validation: typed values, read from the checked files.

Validation hands these over; nothing after it reads YAML positions or guesses at a field's
shape. ``data`` keeps the file as the schema describes it, for the copies that publish it as
it is (the API record); everything else reads the typed accessors.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from board.core.deadline import Deadline
from board.core.vocabulary import Vocabulary

if TYPE_CHECKING:  # money needs currencyconverter; the stdlib-only signer imports this module
    from board.core.money import ExtraRates

Data = Mapping[str, Any]  # a checked file's values, shaped as its JSON Schema says


@dataclass(frozen=True)
class Effort:
    """Total hours for the whole project."""

    min: int
    max: int

    @classmethod
    def from_data(cls, data: Data) -> Effort:
        return cls(data["min"], data["max"])


@dataclass(frozen=True)
class Compensation:
    """How the student is paid: a fixed fee or stipend (``amount``), an hourly range (``min``,
    ``max``), or unpaid where the board allows it."""

    type: str  # fixed, hourly, stipend or unpaid
    currency: str
    amount: float | None = None
    min: float | None = None
    max: float | None = None

    @classmethod
    def from_data(cls, data: Data) -> Compensation:
        return cls(data["type"], data["currency"], data.get("amount"), data.get("min"), data.get("max"))

    @property
    def is_paid(self) -> bool:
        return self.type != "unpaid"

    def lowest_hourly_rate(self, effort: Effort) -> float:
        """The least a student can expect per hour: the hourly minimum, or a fee over the most hours."""
        if self.type == "hourly":
            return float(self.min or 0)
        if self.amount is None:  # unpaid
            return 0.0
        return self.amount / effort.max


@dataclass(frozen=True)
class Address:
    city: str
    country: str  # ISO 3166-1 alpha-2
    street: str | None = None
    region: str | None = None
    postal_code: str | None = None

    @classmethod
    def from_data(cls, data: Data) -> Address:
        return cls(data["city"], data["country"], data.get("street"), data.get("region"), data.get("postal_code"))


@dataclass(frozen=True)
class Location:
    """Where the work happens: remote (from ``countries``), or hybrid or on site (at ``address``)."""

    mode: str  # remote, hybrid or onsite
    countries: tuple[str, ...] = ()
    address: Address | None = None

    @classmethod
    def from_data(cls, data: Data) -> Location:
        address = Address.from_data(data["address"]) if "address" in data else None
        return cls(data["mode"], tuple(data.get("countries", ())), address)

    @property
    def is_remote(self) -> bool:
        return self.mode == "remote"

    @property
    def country_codes(self) -> tuple[str, ...]:
        """Where applicants may live (remote) or where the work is (hybrid, onsite), as ISO codes."""
        if self.address is not None and not self.is_remote:
            return (self.address.country,)
        return self.countries


@dataclass(frozen=True)
class Organization:
    id: str  # the file name without .yaml
    data: Data

    @property
    def name(self) -> str:
        return str(self.data["name"])

    @property
    def url(self) -> str:
        return str(self.data["url"])

    @property
    def summary(self) -> str:
        return str(self.data["summary"])

    @property
    def logo(self) -> str | None:
        """The logo's path under content/ (``logos/acme.png``), if the organization has one."""
        logo = self.data.get("logo")
        return str(logo) if logo else None

    @property
    def maintainers(self) -> tuple[str, ...]:
        return tuple(self.data["maintainers"])


@dataclass(frozen=True)
class Listing:
    id: str  # the file name without .yaml: the listing's permanent address
    data: Data
    organization: Organization

    @property
    def title(self) -> str:
        return str(self.data["title"])

    @property
    def summary(self) -> str:
        return str(self.data["summary"])

    @property
    def description(self) -> str:
        return str(self.data["description"])

    @property
    def deliverables(self) -> tuple[str, ...]:
        return tuple(self.data["deliverables"])

    @property
    def category(self) -> str:
        return str(self.data["category"])

    @property
    def skills(self) -> tuple[str, ...]:
        return tuple(self.data["skills"])

    @property
    def effort(self) -> Effort:
        return Effort.from_data(self.data["effort_hours"])

    @property
    def compensation(self) -> Compensation:
        return Compensation.from_data(self.data["compensation"])

    @cached_property
    def location(self) -> Location:
        """Kept: feeds, slices and lists ask every listing for it, many times a build."""
        return Location.from_data(self.data["location"])

    @property
    def apply_url(self) -> str | None:
        url = self.data["apply"].get("url")
        return str(url) if url else None

    @property
    def apply_email(self) -> str | None:
        email = self.data["apply"].get("email")
        return str(email) if email else None

    @property
    def posted(self) -> date:
        return date.fromisoformat(self.data["posted"])

    @property
    def apply_by(self) -> date:
        return date.fromisoformat(self.data["apply_by"])

    @property
    def start(self) -> date | None:
        return date.fromisoformat(self.data["start"]) if "start" in self.data else None

    @property
    def status(self) -> str:
        return str(self.data.get("status", "open"))

    @property
    def turnaround_days(self) -> int | None:
        days = self.data.get("turnaround_days")
        return int(days) if days is not None else None

    @property
    def engagement(self) -> str | None:
        """contractor or employee, when the listing says."""
        engagement = self.data.get("engagement")
        return str(engagement) if engagement else None

    @property
    def openings(self) -> int | None:
        openings = self.data.get("openings")
        return int(openings) if openings is not None else None

    @property
    def levels(self) -> tuple[str, ...]:
        """Who may apply (high-school, undergraduate, graduate, recent-graduate); empty: anyone."""
        return tuple(self.data.get("eligibility", {}).get("levels", ()))

    @property
    def work_authorization(self) -> str | None:
        authorization = self.data.get("eligibility", {}).get("work_authorization")
        return str(authorization) if authorization else None

    @property
    def deadline(self) -> Deadline:
        return Deadline(self.apply_by, self.status)

    @property
    def lowest_hourly_rate(self) -> float:
        return self.compensation.lowest_hourly_rate(self.effort)


@dataclass(frozen=True)
class Money:
    amount: float
    currency: str  # ISO 4217


@dataclass(frozen=True)
class Completion:
    """A finished project, recorded by the listing's organization. The student is known only by a
    salted hash of their email address, and by name only when they confirmed it themselves."""

    id: str  # the file name without .yaml: the completion's permanent address
    data: Data
    listing: Listing  # from the folder the file is in

    @property
    def organization(self) -> Organization:
        return self.listing.organization

    @property
    def identity(self) -> str:
        """``sha256$<hex>``: the SHA-256 of the student's email address followed by the salt."""
        return str(self.data["student"]["identity"])

    @property
    def salt(self) -> str:
        return str(self.data["student"]["salt"])

    @property
    def student_name(self) -> str | None:
        """The student's name, present only with their recorded confirmation (the schema requires both)."""
        name = self.data["student"].get("name")
        return str(name) if name else None

    @property
    def started(self) -> date:
        return date.fromisoformat(self.data["started"])

    @property
    def finished(self) -> date:
        return date.fromisoformat(self.data["finished"])

    @property
    def issued(self) -> date:
        return date.fromisoformat(self.data["issued"])

    @property
    def hours(self) -> int:
        return int(self.data["hours"])

    @property
    def delivered(self) -> tuple[str, ...]:
        return tuple(self.data["delivered"])

    @property
    def statement(self) -> str:
        return str(self.data["statement"])

    @property
    def evidence(self) -> str | None:
        evidence = self.data.get("evidence")
        return str(evidence) if evidence else None

    @property
    def paid(self) -> Money:
        return Money(float(self.data["paid"]["amount"]), str(self.data["paid"]["currency"]))

    @property
    def revoked(self) -> str | None:
        """Why the organization revoked this record, or None while it stands."""
        reason = self.data.get("revoked")
        return str(reason) if reason else None


@dataclass
class Catalog:
    """Everything that passed validation, keyed by id."""

    vocabulary: Vocabulary
    organizations: dict[str, Organization] = field(default_factory=dict)
    listings: dict[str, Listing] = field(default_factory=dict)
    completions: dict[str, Completion] = field(default_factory=dict)
    extra_rates: ExtraRates | None = None  # content/rates.yaml, when the board has one
