"""Who may change what, in a pull request.

- A listing may be added, changed or removed only by a maintainer of its organization, as the
  organization's file says on the base branch (so nobody can add themselves in the same PR).
  Moving a listing to another organization needs both organizations' maintainers.
- A new organization (absent on the base branch) is allowed but flagged for review, and its
  listings need the PR author among its maintainers.
- Changing an organization's file needs one of its base maintainers.
- Changes outside content/ by anyone who is not a maintainer of the repository are flagged.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ..read.yaml_loader import YamlError, parse_yaml

LISTINGS = PurePosixPath("content/opportunities")
ORGANIZATIONS = PurePosixPath("content/organizations")

Reader = Callable[[str], str | None]  # path -> the file's text at one commit, or None


@dataclass(frozen=True)
class Finding:
    path: str
    verdict: str  # "refused" fails the check; "review" asks a maintainer to look
    message: str


@dataclass(frozen=True)
class Change:
    status: str  # A, M, D (a rename is a D and an A)
    path: str


def check_ownership(changes: list[Change], author: str, base: Reader, head: Reader,
                    repository_maintainers: set[str]) -> list[Finding]:
    findings: list[Finding] = []
    for change in changes:
        path = PurePosixPath(change.path)
        if path.parent == LISTINGS:
            findings += _listing(change, author, base, head)
        elif path.parent == ORGANIZATIONS and path.suffix == ".yaml":
            findings += _organization(change, author, base, head)
        elif path.parts[:1] != ("content",) and author.lower() not in repository_maintainers:
            findings.append(Finding(change.path, "review", f"changed by @{author}, who does not maintain the "
                                    "repository: a maintainer must review changes outside content/"))
    return findings


def _listing(change: Change, author: str, base: Reader, head: Reader) -> list[Finding]:
    versions = [reader(change.path) for reader in (base, head)]
    organizations = {_field(text, "organization") for text in versions if text is not None}
    if None in organizations:  # a version exists but names no readable organization
        return [Finding(change.path, "refused", "its organization cannot be read; fix the file's YAML first")]
    findings = []
    for organization in sorted(organizations):
        organization_path = str(ORGANIZATIONS / f"{organization}.yaml")
        maintainers = _maintainers(base(organization_path))
        if maintainers is None:
            maintainers = _maintainers(head(organization_path)) or set()
            verdict = "review" if author.lower() in maintainers else "refused"
            findings.append(Finding(change.path, verdict, f"posts for '{organization}', an organization new in this "
                                    "pull request" + ("" if verdict == "review" else f" that does not list @{author}")))
        elif author.lower() not in maintainers:
            findings.append(Finding(change.path, "refused", f"@{author} is not a maintainer of '{organization}' "
                                    f"(maintainers: {', '.join('@' + m for m in sorted(maintainers))})"))
    return findings


def _organization(change: Change, author: str, base: Reader, head: Reader) -> list[Finding]:
    maintainers = _maintainers(base(change.path))
    if maintainers is None:
        return [Finding(change.path, "review", "a new organization: a maintainer must check it is genuine")]
    if author.lower() in maintainers:
        return []
    return [Finding(change.path, "refused", f"@{author} is not a maintainer of this organization")]


def _data(text: str) -> Any:
    """The file read exactly as the board reads it (YAML 1.2 scalars, dates as text), or None."""
    try:
        return parse_yaml(text, Path("pull-request-file.yaml")).data
    except YamlError:
        return None


def _field(text: str, name: str) -> str | None:
    data = _data(text)
    value = data.get(name) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def _maintainers(text: str | None) -> set[str] | None:
    """Lower-cased handles (GitHub logins are case-insensitive), or None when there is no file."""
    if text is None:
        return None
    data = _data(text)
    handles = data.get("maintainers") if isinstance(data, dict) else None
    return {handle.lower() for handle in handles if isinstance(handle, str)} if isinstance(handles, list) else set()


# --- git: the real changed files and file versions -----------------------------------------------

def git_changes(base: str, head: str = "HEAD") -> list[Change]:
    output = _git("diff", "--name-status", "--no-renames", f"{base}...{head}")
    return [Change(line.split("\t", 1)[0][0], line.split("\t", 1)[1]) for line in output.splitlines() if line]


def git_reader(commit: str) -> Reader:
    def read(path: str) -> str | None:
        try:
            return _git("show", f"{commit}:{path}")
        except subprocess.CalledProcessError:
            return None

    return read


def codeowners(text: str | None) -> set[str]:
    """Handles of the repository's owners: the `*` line of .github/CODEOWNERS."""
    for line in (text or "").splitlines():
        parts = line.split("#", 1)[0].split()
        if parts and parts[0] == "*":
            return {part.lstrip("@").lower() for part in parts[1:] if "/" not in part}
    return set()


def _git(*arguments: str) -> str:
    return subprocess.run(["git", *arguments], capture_output=True, text=True, check=True).stdout
