"""The hand-off between a job that reads and a job that writes: an artifact, checked as hostile.

The issue-form converter runs with the board's installed packages and a read-only token, and
leaves an artifact: ``outcome.json`` (what it decided) and, for a listing, the one file
``content/opportunities/<id>.yaml``. The job that may push and comment installs nothing and runs
Python's standard library only (``python3 -S``): it reads the artifact through ``read_artifact``,
which accepts exactly that shape, so a compromised package on the reading side can at most propose
one listing file, which then goes through the pull-request check like any other.

Standard library only, including what it imports: the writing side runs it without site-packages.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import asdict, dataclass, fields
from pathlib import Path, PurePosixPath
from typing import Any

from board.contribute.inert import code_span
from board.read.content_dir import ID_LENGTH, ID_PATTERN

OUTCOME_FILE = "outcome.json"
LISTINGS = PurePosixPath("content/opportunities")
MAX_LISTING_BYTES = 256 * 1024  # the YAML loader's own limit
MAX_OUTCOME_BYTES = 64 * 1024
MAX_ENTRIES = 16  # the artifact holds at most five; stop walking long before a flood
# GitHub's login rule: 1-39 letters, digits and single inner hyphens.
LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")

LISTING = "listing"  # the listing file is in the artifact: open a pull request
REFUSED = "refused"  # an answer is wrong: say what to fix
NOT_A_MAINTAINER = "not-a-maintainer"  # the author does not maintain the organization
EDITED = "edited-after-approval"  # the approved issue was edited: withdraw the approval
NOTHING = "nothing"  # an event the converter has nothing to do about
KINDS_FOR_ACTION = {"labeled": {LISTING, REFUSED, NOT_A_MAINTAINER, NOTHING}, "edited": {EDITED, NOTHING}}


class HandoffError(Exception):
    """Raised by ``read_artifact`` when the artifact is not exactly what the converter leaves."""


@dataclass(frozen=True)
class Outcome:
    """What the converter decided about one issue event; only the fields its kind needs are set."""

    kind: str
    listing_id: str = ""
    organization: str = ""
    reasons: tuple[str, ...] = ()
    maintainers: tuple[str, ...] = ()

    @property
    def listing_path(self) -> PurePosixPath:
        return LISTINGS / f"{self.listing_id}.yaml"


def write_artifact(folder: Path, outcome: Outcome, listing_text: str | None = None) -> None:
    """Write ``outcome`` (and, for a listing, its file) into the empty folder ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    if listing_text is not None:
        path = folder / outcome.listing_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(listing_text, encoding="utf-8")
    data = {name: list(value) if isinstance(value, tuple) else value for name, value in asdict(outcome).items()}
    (folder / OUTCOME_FILE).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def read_artifact(folder: Path, action: str) -> tuple[Outcome, str | None]:
    """The outcome in ``folder`` and, for a listing, the listing file's text; a ``HandoffError``
    unless the folder holds exactly the files that outcome calls for, all regular files, and the
    outcome is one the event ``action`` can lead to."""
    found = _entries(folder)
    if found.get(OUTCOME_FILE) != "file":
        raise HandoffError(f"{OUTCOME_FILE} is missing or not a regular file: the conversion job did not finish")
    outcome = _outcome(read_regular_file(folder / OUTCOME_FILE, MAX_OUTCOME_BYTES))
    if outcome.kind not in KINDS_FOR_ACTION.get(action, set()):
        raise HandoffError(f"a '{outcome.kind}' outcome cannot follow an issue being {action}")
    expected = {OUTCOME_FILE: "file"}
    if outcome.kind == LISTING:
        expected |= {"content": "dir", str(LISTINGS): "dir", str(outcome.listing_path): "file"}
    if found != expected:
        unexpected = sorted(f"{name!r} ({kind})" for name, kind in found.items() if expected.get(name) != kind)
        missing = sorted(repr(name) for name in expected if name not in found)
        wrong = [f"{what} {', '.join(names)}" for what, names in (("unexpected", unexpected), ("missing", missing))
                 if names]
        raise HandoffError("the artifact is not what the converter leaves: " + "; ".join(wrong))
    text = read_regular_file(folder / outcome.listing_path, MAX_LISTING_BYTES) if outcome.kind == LISTING else None
    return outcome, text


def mention(handle: str) -> str:
    """``@handle`` when it is a GitHub login (a notification meant for that person), else inert text."""
    return f"@{handle}" if LOGIN.fullmatch(handle) else code_span(handle)


def _entries(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` by relative path: file, dir, symlink or other; links never followed."""
    if folder.is_symlink() or not folder.is_dir():
        raise HandoffError(f"{folder} is not a folder: the conversion job left no artifact")
    found: dict[str, str] = {}
    pending = [folder]
    while pending:
        with os.scandir(pending.pop()) as scan:
            for entry in scan:
                name = Path(entry.path).relative_to(folder).as_posix()
                found[name] = _kind(entry)
                if found[name] == "dir":
                    pending.append(Path(entry.path))
                if len(found) > MAX_ENTRIES:
                    raise HandoffError(f"the artifact holds more than {MAX_ENTRIES} entries")
    return found


def _kind(entry: os.DirEntry[str]) -> str:
    if entry.is_symlink():
        return "symlink"
    if entry.is_dir(follow_symlinks=False):
        return "dir"
    return "file" if entry.is_file(follow_symlinks=False) else "other"


def read_regular_file(path: Path, limit: int) -> str:
    """The UTF-8 text of the regular file ``path`` (a link is never followed), at most ``limit`` bytes."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as failure:
        raise HandoffError(f"{path.name} cannot be read as a regular file: {failure.strerror or failure}") from None
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise HandoffError(f"{path.name} is not a regular file")
        data = file.read(limit + 1)
    if len(data) > limit:
        raise HandoffError(f"{path.name} is larger than {limit} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise HandoffError(f"{path.name} is not UTF-8 text") from None


def _outcome(text: str) -> Outcome:
    try:
        data = json.loads(text)
    except ValueError as failure:
        raise HandoffError(f"{OUTCOME_FILE} is not JSON: {failure}") from None
    names = {field.name for field in fields(Outcome)}
    if not isinstance(data, dict) or not set(data) <= names or "kind" not in data:
        raise HandoffError(f"{OUTCOME_FILE} must be an object with the keys {', '.join(sorted(names))}")
    outcome = Outcome(
        kind=_text(data, "kind"), listing_id=_text(data, "listing_id"), organization=_text(data, "organization"),
        reasons=_texts(data, "reasons"), maintainers=_texts(data, "maintainers"),
    )
    if outcome.kind not in set().union(*KINDS_FOR_ACTION.values()):
        raise HandoffError(f"{OUTCOME_FILE}: unknown kind {outcome.kind!r}")
    if outcome.kind == LISTING and not (ID_PATTERN.fullmatch(outcome.listing_id)
                                        and len(outcome.listing_id) in ID_LENGTH):
        raise HandoffError(f"{OUTCOME_FILE}: {outcome.listing_id!r} is not a listing id")
    return outcome


def _text(data: dict[str, Any], name: str) -> str:
    value = data.get(name, "")
    if not isinstance(value, str) or len(value) > 2000:
        raise HandoffError(f"{OUTCOME_FILE}: {name} must be text of at most 2000 characters")
    return value


def _texts(data: dict[str, Any], name: str) -> tuple[str, ...]:
    values = data.get(name, [])
    if not isinstance(values, list) or len(values) > 100:
        raise HandoffError(f"{OUTCOME_FILE}: {name} must be a list of at most 100 texts")
    return tuple(_text({name: value}, name) for value in values)
