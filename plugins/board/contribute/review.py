"""Everything a pull request's author may not do, or that a maintainer must look at.

Read from git objects only: the paths the pull request changes (allowlist by role), whose data
it changes (ownership), and which organization it might pass for (impersonation).
"""

from __future__ import annotations

from board.contribute import git_objects
from board.contribute.allowlist import refusal
from board.contribute.codeowners import LOCATIONS, CodeOwners
from board.contribute.finding import Finding
from board.contribute.impersonation import impersonation_findings
from board.contribute.ownership import check_ownership
from board.contribute.side import Side


def review(base_commit: str, head_commit: str, author: str) -> tuple[list[git_objects.Change], list[Finding]]:
    """The pull request's changes, and its findings sorted by path."""
    base, head = Side(base_commit), Side(head_commit)
    owners = CodeOwners(next((text for path in LOCATIONS if (text := base.text(path)) is not None), None))
    changes = git_objects.changes(base_commit, head_commit)
    refused = [finding for change in changes if (finding := refusal(change, author, owners))]
    settled = {finding.path for finding in refused}
    data = [change for change in changes if change.path not in settled and not owners.owns(author, change.path)]
    findings = refused + check_ownership(data, author, base, head) + impersonation_findings(changes, base, head)
    return changes, sorted(findings)
