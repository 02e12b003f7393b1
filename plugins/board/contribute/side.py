"""One side of a pull request (its base or its head), read from git objects as data.

Files are read exactly as the board reads them (the shared YAML loader: YAML 1.2 scalars, no
tags), so a file another YAML reader would misread cannot pass for something else here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

from board.contribute import git_objects
from board.read.yaml_loader import YamlError, parse_yaml

CONTENT = "content"
ORGANIZATIONS = f"{CONTENT}/organizations"


@dataclass(frozen=True)
class OrganizationFile:
    """What the pull-request check needs of one organization file, however broken the file is."""

    id: str
    name: str | None = None
    url: str | None = None
    logo: str | None = None  # relative to content/, e.g. logos/acme.png
    maintainers: frozenset[str] = field(default_factory=frozenset)  # lower-cased logins

    @property
    def path(self) -> str:
        return f"{ORGANIZATIONS}/{self.id}.yaml"

    @property
    def label(self) -> str:
        """How messages name it: its id and, when readable, its name."""
        return f"{self.id} ({self.name!r})" if self.name else self.id


@dataclass
class Side:
    commit: str

    def text(self, path: str) -> str | None:
        data = git_objects.read(self.commit, path)
        return None if data is None else data.decode("utf-8", "replace")

    def blob(self, path: str) -> bytes | None:
        return git_objects.read(self.commit, path)

    @cached_property
    def organizations(self) -> dict[str, OrganizationFile]:
        """Every ``<id>.yaml`` in content/organizations/, by id."""
        found = {}
        for path, data in git_objects.files(self.commit, f"{ORGANIZATIONS}/").items():
            name = PurePosixPath(path)
            if name.suffix == ".yaml":
                found[name.stem] = organization(name.stem, data.decode("utf-8", "replace"))
        return found


def organization(identifier: str, text: str) -> OrganizationFile:
    data = read_data(text)
    if not isinstance(data, dict):
        return OrganizationFile(identifier)
    handles = data.get("maintainers")
    maintainers = frozenset(handle.lower() for handle in handles if isinstance(handle, str)) \
        if isinstance(handles, list) else frozenset()
    return OrganizationFile(identifier, _string(data, "name"), _string(data, "url"), _string(data, "logo"),
                            maintainers)


def read_data(text: str) -> Any:
    """The file read exactly as the board reads it, or None when it cannot be read."""
    try:
        return parse_yaml(text, Path("pull-request-file.yaml")).data
    except YamlError:
        return None


def _string(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None
