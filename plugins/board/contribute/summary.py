"""The pull-request job summary: each changed listing as a student would see it, every problem, every finding.

Every value that comes from the pull request is in an inert code span (see inert.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from board.contribute.finding import REFUSED, Finding
from board.contribute.inert import code_span, printable, table_cell
from board.core.problems import Problem
from board.render.view import ListingView


def job_summary(listings: Iterable[ListingView], problems: list[Problem], findings: list[Finding],
                root: Path) -> str:
    listings = list(listings)
    errors = [problem for problem in problems if problem.is_error]
    refused = [finding for finding in findings if finding.verdict == REFUSED]
    verdict = "❌ Changes needed" if errors or refused else "✅ Ready for review"
    lines = [f"## {verdict}", "", _counts(problems, findings), ""]
    if listings:
        lines += ["### Changed listings, as students will see them", "",
                  "| Listing | Organization | Pay | Effort | Where | Deadline | Warnings |",
                  "|---|---|---|---|---|---|---|"]
        lines += [f"| {table_cell(view.title)} | {table_cell(view.organization_name)} | {table_cell(view.pay)} "
                  f"| {table_cell(view.effort)} | {table_cell(view.location)} "
                  f"| {table_cell(f'{view.deadline_text} ({view.apply_by_text})')} "
                  f"| {_warnings(view.id, problems)} |" for view in listings]
        lines.append("")
    if problems:
        lines += ["### Problems", ""] + [_problem(problem, root) for problem in problems] + [""]
    if findings:
        lines += ["### What this pull request may change", ""] + [_finding(finding) for finding in findings] + [""]
    return "\n".join(lines) + "\n"


def _warnings(listing_id: str, problems: list[Problem]) -> str:
    found = [table_cell(problem.message) for problem in problems if not problem.is_error
             and problem.file.stem == listing_id and problem.file.parent.name == "opportunities"]
    return "<br>".join(found) or "none"


def _counts(problems: list[Problem], findings: list[Finding]) -> str:
    errors = sum(problem.is_error for problem in problems)
    return (f"{errors} error(s), {len(problems) - errors} warning(s), "
            f"{sum(f.verdict == REFUSED for f in findings)} refusal(s), "
            f"{sum(f.verdict == 'review' for f in findings)} item(s) for a maintainer to review.")


def _problem(problem: Problem, root: Path) -> str:
    try:
        where = problem.file.resolve().relative_to(root.resolve())
    except ValueError:
        where = problem.file
    icon = "❌" if problem.is_error else "⚠️"
    field = f"{code_span(problem.field)}: " if problem.field else ""
    hint = f" (hint: {code_span(problem.hint)})" if problem.hint else ""
    return f"- {icon} {code_span(f'{where}:{problem.line}:{problem.column}')} {field}{code_span(problem.message)}{hint}"


def _finding(finding: Finding) -> str:
    icon = "❌" if finding.verdict == REFUSED else "👀"
    return f"- {icon} {code_span(printable(finding.path))}: {code_span(finding.message)}"
