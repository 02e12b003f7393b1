"""Which files in a content folder are ours; everything else there is an error, never skipped."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Collection
from pathlib import Path

from board.core.problems import Problem, error

ID_PATTERN = re.compile(r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z")  # \Z: "$" would let a final newline through
ID_LENGTH = range(3, 81)
_SPELLINGS = {".yaml": {".yml", ".yaml"}, ".md": {".md", ".markdown", ".mkd", ".mdown"}}
_SPECIAL_FILES = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
                  (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def unsafe_entries(root: Path) -> list[Problem]:
    """Every symbolic link and every entry that is neither a folder nor a regular file, anywhere
    under ``root``. The walk never follows a link (Pelican's own walk would: a link to / never ends)."""
    if root.is_symlink():
        return [_link_problem(root)]
    problems: list[Problem] = []
    folders = [root]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_symlink():
                    problems.append(_link_problem(Path(entry.path)))
                elif entry.is_dir(follow_symlinks=False):
                    folders.append(Path(entry.path))
                elif not entry.is_file(follow_symlinks=False):
                    problems.append(_special_problem(Path(entry.path), entry.stat(follow_symlinks=False).st_mode))
    return sorted(problems)


def _link_problem(path: Path) -> Problem:
    return error(path, (1, 1), "", f"is a symbolic link (to '{os.readlink(path)}'); the board never follows links",
                 "commit the file itself, or remove the link")


def _special_problem(path: Path, mode: int) -> Problem:
    kind = next((name for is_kind, name in _SPECIAL_FILES if is_kind(mode)), "not a regular file")
    return error(path, (1, 1), "", f"is {kind}, not a regular file", "remove it")


def scan(folder: Path, only: Collection[Path] | None = None, suffix: str = ".yaml") -> tuple[list[Path], list[Problem]]:
    """The ``<id><suffix>`` files directly in ``folder`` (or just the entries in ``only``), sorted,
    and a problem for any other entry. Links and special files are left to ``unsafe_entries``,
    which names each of them once, wherever it is."""
    if folder.is_symlink():
        return [], []
    if not folder.is_dir():
        return [], [error(folder, (1, 1), "", "folder is missing", f"create {folder}/")]
    files: list[Path] = []
    problems: list[Problem] = []
    for entry in sorted(folder.iterdir() if only is None else only):
        if entry.is_symlink() or not (entry.is_dir() or entry.is_file()):
            continue
        problem = _entry_problem(entry, suffix)
        if problem:
            problems.append(problem)
        else:
            files.append(entry)
    return files, problems


def _entry_problem(entry: Path, suffix: str) -> Problem | None:
    where = (1, 1)
    if entry.name.startswith("."):
        return error(entry, where, "", "hidden files do not belong in this folder", "remove it")
    if entry.is_dir():
        return error(entry, where, "", f"is a folder; only <id>{suffix} files belong here",
                     f"move its files up, one {suffix} file per entry")
    if entry.suffix != suffix:
        same_kind = entry.suffix.lower() in _SPELLINGS.get(suffix, {suffix})
        return error(entry, where, "", f"'{entry.name}' is not a {suffix} file",
                     f"rename it to {entry.stem}{suffix}" if same_kind else "remove it")
    if not ID_PATTERN.match(entry.stem) or len(entry.stem) not in ID_LENGTH:
        return error(
            entry, where, "",
            f"'{entry.stem}' cannot be an id: use 3-80 lowercase letters, digits and single hyphens",
            f"rename it, e.g. to {suggest_id(entry.stem)}{suffix}",
        )
    return None


def suggest_id(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].strip("-")
    return slug if len(slug) >= 3 else f"{slug or 'listing'}-1"
