"""`python -m board check-pr`: the verdict on a pull request, from the base's own code.

The pull request is data. Its changed paths and their modes come from ``git diff --raw -z``, its
files from git objects; its content/ tree is written, regular files only, into a temporary folder
where the installed validator (the base's code, schemas and settings) checks it. Nothing of the
pull request is checked out, imported or run, so a pull request cannot change its own verdict.

Prints every problem and finding on one line each (control characters spelled out, so no line can
become a workflow command), the first ones also as GitHub annotations, and writes the job summary.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from pathlib import Path, PurePosixPath

from board.contribute import git_objects
from board.contribute.allowlist import LISTING, data_kind
from board.contribute.finding import REFUSED, REVIEW, Finding
from board.contribute.inert import code_span, printable
from board.contribute.review import review
from board.contribute.side import CONTENT
from board.contribute.summary import job_summary
from board.core.problems import Problem, Severity
from board.core.settings import BoardSettings
from board.render.view import ListingView, build_view
from board.validate import report
from board.validate.catalog import Result, validate_content

ANNOTATIONS_PER_KIND = 10  # GitHub shows only a handful per step; the summary lists them all


def check_pull_request(settings: BoardSettings, base: str, head: str, author: str, summary: Path | None,
                       outcome: Path | None = None) -> int:
    for commit in (base, head):
        if not git_objects.is_commit(commit):
            raise SystemExit(f"error: {commit!r} is not a commit in this repository; fetch it first "
                             "(git fetch --no-tags origin pull/<number>/head)")
    changes, findings = review(base, head, author)
    changed = {PurePosixPath(change.path).stem for change in changes if data_kind(change.path) == LISTING}
    with tempfile.TemporaryDirectory(prefix="check-pr-") as folder:
        root = Path(folder)
        git_objects.materialize(head, CONTENT, root)
        result = validate_content(replace(settings, content=root / CONTENT))
        problems = [_shown(problem, root) for problem in result.problems]
        views = _views(result, changed, settings)
    _print(problems, findings)
    if summary:
        with summary.open("a", encoding="utf-8") as file:
            file.write(job_summary(views, problems, findings, Path.cwd()))
    if outcome:
        with outcome.open("a", encoding="utf-8") as file:
            file.write(_counts(problems, findings))
    print(report.summary_line(problems, result.files_checked), file=sys.stderr)
    refused = any(finding.verdict == REFUSED for finding in findings)
    return 1 if refused or not result.ok else 0


def _counts(problems: list[Problem], findings: list[Finding]) -> str:
    """The verdict's counts as ``name=value`` lines ($GITHUB_OUTPUT), for the commit status."""
    return "".join(f"{name}={count}\n" for name, count in (
        ("errors", sum(problem.is_error for problem in problems)),
        ("refused", sum(finding.verdict == REFUSED for finding in findings)),
        ("review", sum(finding.verdict == REVIEW for finding in findings))))


def _views(result: Result, changed: set[str], settings: BoardSettings) -> list[ListingView]:
    catalog = result.catalog
    return [] if catalog is None else [
        build_view(listing, catalog.vocabulary, settings.today(), settings.locale, settings.timezone)
        for key, listing in sorted(catalog.listings.items()) if key in changed]


def _shown(problem: Problem, root: Path) -> Problem:
    """The problem as the author knows the file (``content/…``), its text on one line."""
    file = problem.file.relative_to(root) if problem.file.is_relative_to(root) else problem.file
    return replace(problem, file=Path(printable(file.as_posix())), field=printable(problem.field),
                   message=printable(problem.message), hint=printable(problem.hint))


def _print(problems: list[Problem], findings: list[Finding]) -> None:
    here = Path.cwd()
    for problem in problems:
        print(report.as_text(problem, here))
    for finding in findings:
        print(f"{printable(finding.path)}: {finding.verdict}: {printable(finding.message)}")
    if not report.in_github_actions():
        return
    notes = [_inert(problem) for problem in problems] + [_as_problem(finding) for finding in findings]
    for is_error in (True, False):
        for note in [note for note in notes if note.is_error is is_error][:ANNOTATIONS_PER_KIND]:
            print(report.as_annotation(note, here))


def _inert(problem: Problem) -> Problem:
    """Employer text in an annotation stays text: in code spans, like the summary."""
    return replace(problem, message=code_span(problem.message), hint=code_span(problem.hint) if problem.hint else "")


def _as_problem(finding: Finding) -> Problem:
    severity = Severity.ERROR if finding.verdict == REFUSED else Severity.WARNING
    return Problem(Path(printable(finding.path)), 1, 1, "", code_span(finding.message), "", severity)
