"""The validated content of a board: organizations, listings and the vocabulary."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .read.vocabulary import Vocabulary
from .read.yaml_loader import Document


@dataclass
class _Entry:
    """A validated content file: its id (the file name) and its loaded document."""

    id: str
    document: Document

    @property
    def data(self) -> dict[str, Any]:
        return self.document.data


@dataclass
class Organization(_Entry):
    @property
    def name(self) -> str:
        return self.data["name"]


@dataclass
class Listing(_Entry):
    organization: Organization

    @property
    def apply_by(self) -> date:
        return date.fromisoformat(self.data["apply_by"])

    @property
    def posted(self) -> date:
        return date.fromisoformat(self.data["posted"])

    @property
    def status(self) -> str:
        return self.data.get("status", "open")


@dataclass
class Catalog:
    """Everything that passed validation, keyed by id."""

    vocabulary: Vocabulary
    organizations: dict[str, Organization] = field(default_factory=dict)
    listings: dict[str, Listing] = field(default_factory=dict)
    prepared: dict[str, Any] = field(default_factory=dict)  # per listing, what the build made of it
