"""`python -m board check-pr`: everything a pull request needs to know, in one run.

Validates all content (problems printed compiler style, the first ones also as GitHub
annotations), applies the ownership rule to the changed files, and writes the job summary.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..render.view import build_view
from ..settings import BoardSettings
from ..validate import report
from ..validate.catalog import validate_content
from .ownership import check_ownership, codeowners, git_changes, git_reader
from .summary import job_summary

ANNOTATIONS_PER_KIND = 10  # GitHub shows only a handful per step; the summary lists them all


def check_pull_request(settings: BoardSettings, base: str, author: str, summary: Path | None) -> int:
    root = Path.cwd()
    result = validate_content(settings)
    for problem in result.problems:
        print(report.as_text(problem, root))
    if report.in_github_actions():
        for kind in (True, False):
            for problem in [p for p in result.problems if p.is_error is kind][:ANNOTATIONS_PER_KIND]:
                print(report.as_annotation(problem, root))
    changes = git_changes(base)
    findings = check_ownership(changes, author, git_reader(base), _working_tree,
                               codeowners(git_reader(base)(".github/CODEOWNERS")))
    for finding in findings:
        print(f"{finding.path}: {finding.verdict}: {finding.message}")
    changed = {Path(change.path).stem for change in changes if change.path.startswith("content/opportunities/")}
    catalog = result.catalog
    views = [] if catalog is None else [build_view(listing, catalog.vocabulary, settings.today(), settings.locale,
                                                   settings.timezone)
                                        for key, listing in sorted(catalog.listings.items()) if key in changed]
    if summary:
        with summary.open("a", encoding="utf-8") as file:
            file.write(job_summary(views, result.problems, findings, root))
    refused = any(finding.verdict == "refused" for finding in findings)
    print(report.summary_line(result.problems, result.files_checked), file=sys.stderr)
    return 1 if refused or not result.ok else 0


def _working_tree(path: str) -> str | None:
    file = Path(path)
    return file.read_text(encoding="utf-8", errors="replace") if file.is_file() else None
