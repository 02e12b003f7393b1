"""Which files in a content folder are ours; everything else there is an error, never skipped."""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

from ..problems import Problem, error

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_LENGTH = range(3, 81)


def scan(folder: Path, only: Collection[Path] | None = None) -> tuple[list[Path], list[Problem]]:
    """The ``<id>.yaml`` files directly in ``folder`` (or just the entries in ``only``), sorted,
    and a problem for any other entry."""
    files: list[Path] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        return files, [error(folder, (1, 1), "", "folder is missing", f"create {folder}/")]
    for entry in sorted(folder.iterdir() if only is None else only):
        problem = _entry_problem(entry)
        if problem:
            problems.append(problem)
        else:
            files.append(entry)
    return files, problems


def _entry_problem(entry: Path) -> Problem | None:
    where = (1, 1)
    if entry.is_symlink():
        return error(entry, where, "", "is a symbolic link; the board does not follow links",
                     "commit the file itself here")
    if entry.name.startswith("."):
        return error(entry, where, "", "hidden files do not belong in this folder", "remove it")
    if entry.is_dir():
        return error(entry, where, "", "is a folder; only <id>.yaml files belong here",
                     "move its files up, one .yaml file per entry")
    if entry.suffix != ".yaml":
        suggestion = f"rename it to {entry.stem}.yaml" if entry.suffix.lower() in {".yml", ".yaml"} else "remove it"
        return error(entry, where, "", f"'{entry.name}' is not a .yaml file", suggestion)
    if not ID_PATTERN.match(entry.stem) or len(entry.stem) not in ID_LENGTH:
        return error(
            entry, where, "",
            f"'{entry.stem}' cannot be an id: use 3-80 lowercase letters, digits and single hyphens",
            f"rename it, e.g. to {suggest_id(entry.stem)}.yaml",
        )
    return None


def suggest_id(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].strip("-")
    return slug if len(slug) >= 3 else f"{slug or 'listing'}-1"
