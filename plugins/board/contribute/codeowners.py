"""Who owns a path: CODEOWNERS read as GitHub reads it.

Patterns are gitignore-style (matched by pathspec, git's own rules), and for each path the last
matching line wins: ``/content/ @editor`` after ``* @keeper`` makes @editor, not @keeper, the
owner of content/. A line with a pattern and no owners leaves those paths without owners.
Teams (``@org/team``) and email addresses cannot be resolved offline, so only ``@login`` owners
count: list people by their handle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pathspec import PathSpec

LOCATIONS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")  # GitHub uses the first it finds
_COMMENT = re.compile(r"(?<!\\)#.*")


@dataclass(frozen=True)
class _Rule:
    pattern: PathSpec[Any]
    owners: frozenset[str]


class CodeOwners:
    def __init__(self, text: str | None) -> None:
        self._rules = [rule for line in (text or "").splitlines() if (rule := _rule(line))]

    def owners(self, path: str) -> frozenset[str]:
        """Lower-cased logins that own ``path`` (GitHub logins are case-insensitive)."""
        for rule in reversed(self._rules):
            if rule.pattern.match_file(path):
                return rule.owners
        return frozenset()

    def owns(self, login: str, path: str) -> bool:
        return login.lower() in self.owners(path)


def _rule(line: str) -> _Rule | None:
    parts = _COMMENT.sub("", line).split()
    if not parts:
        return None
    owners = frozenset(part[1:].lower() for part in parts[1:] if part.startswith("@") and "/" not in part)
    return _Rule(PathSpec.from_lines("gitignore", [parts[0]]), owners)
