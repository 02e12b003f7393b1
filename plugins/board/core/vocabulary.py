"""The board's vocabulary (content/vocabulary.yaml): categories and suggested skills."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Category:
    id: str
    label: str
    description: str


@dataclass(frozen=True)
class Vocabulary:
    categories: dict[str, Category]
    suggested_skills: tuple[str, ...]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Vocabulary:
        """Build from data already checked against schemas/vocabulary.schema.json."""
        categories = {
            key: Category(key, value["label"], value["description"])
            for key, value in sorted(data["categories"].items())
        }
        return cls(categories, tuple(data["suggested_skills"]))
