"""The board's vocabulary (content/vocabulary.yaml): categories and suggested skills."""

from __future__ import annotations

from dataclasses import dataclass, field
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
    skill_names: dict[str, str] = field(default_factory=dict)  # where a name is not the tag with spaces

    def skill_name(self, skill: str) -> str:
        """How people read a skill tag: ``power-bi`` -> "Power BI", ``data-cleaning`` -> "data cleaning"."""
        return self.skill_names.get(skill) or skill.replace("-", " ")

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Vocabulary:
        """Build from data already checked against schemas/vocabulary.schema.json."""
        categories = {
            key: Category(key, value["label"], value["description"])
            for key, value in sorted(data["categories"].items())
        }
        return cls(categories, tuple(data["suggested_skills"]), dict(data.get("skill_names", {})))
