"""The pull-request check: who may post for which organization, and the job summary it writes.

The ownership rule runs against a real git repository with a base commit and a pull request's
changes on top, exactly as the workflow calls it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from board.contribute.codeowners import CodeOwners
from board.contribute.review import review
from conftest import EXAMPLES, ROOT, make_content, run_board

LISTING = (EXAMPLES / "valid" / "acme-market-research.yaml").read_text()


def git(repo: Path, *arguments: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *arguments], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A board repository whose base commit has two organizations, a listing and CODEOWNERS."""
    make_content(tmp_path, {"acme-market-research.yaml": LISTING})
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "CODEOWNERS").write_text("# Board maintainers\n* @Board-Keeper @second-keeper\n")
    (tmp_path / "settings.py").write_text('PATH = "content"\nTIMEZONE = "Europe/London"\n')
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    return tmp_path


def pull_request(repo: Path, files: dict[str, str | None]) -> None:
    for name, text in files.items():
        path = repo / name
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "pull request")


def findings(repo: Path, author: str) -> list[tuple[str, str]]:
    base = git(repo, "rev-parse", "HEAD~1").strip()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(repo)
        _, found = review(base, "HEAD", author)
    return [(finding.path, finding.verdict) for finding in found]


def test_a_maintainer_may_add_and_change_listings_of_their_organization(repo: Path) -> None:
    pull_request(repo, {"content/opportunities/acme-second-study.yaml": LISTING,
                        "content/opportunities/acme-market-research.yaml": LISTING.replace("600", "650")})
    assert findings(repo, "ACME-octo") == []  # logins are case-insensitive


def test_anyone_else_is_refused_even_after_adding_themselves_as_maintainer(repo: Path) -> None:
    organization = (repo / "content/organizations/acme-analytics.yaml").read_text()
    pull_request(repo, {"content/opportunities/acme-second-study.yaml": LISTING,
                        "content/organizations/acme-analytics.yaml": organization + "  - intruder\n"})
    assert findings(repo, "intruder") == [("content/opportunities/acme-second-study.yaml", "refused"),
                                          ("content/organizations/acme-analytics.yaml", "refused")]


def test_deleting_or_moving_a_listing_needs_the_maintainers_of_every_organization_involved(repo: Path) -> None:
    moved = LISTING.replace("organization: acme-analytics", "organization: north-pier-press")
    pull_request(repo, {"content/opportunities/acme-market-research.yaml": moved})
    assert findings(repo, "pier-editor") == [("content/opportunities/acme-market-research.yaml", "refused")]
    pull_request(repo, {"content/opportunities/acme-market-research.yaml": None})
    assert findings(repo, "acme-octo") == [("content/opportunities/acme-market-research.yaml", "refused")]
    assert findings(repo, "pier-editor") == []


def test_a_new_organization_is_allowed_but_flagged_for_review(repo: Path) -> None:
    pull_request(repo, {
        "content/organizations/lakeside-clinic.yaml": "name: Lakeside Clinic\nmaintainers: [newcomer]\n",
        "content/opportunities/lakeside-survey.yaml": LISTING.replace("acme-analytics", "lakeside-clinic"),
    })
    assert findings(repo, "newcomer") == [("content/opportunities/lakeside-survey.yaml", "review"),
                                          ("content/organizations/lakeside-clinic.yaml", "review")]
    assert ("content/opportunities/lakeside-survey.yaml", "refused") in findings(repo, "someone-else")


def test_changes_outside_the_data_are_refused_unless_a_repository_maintainer_made_them(repo: Path) -> None:
    pull_request(repo, {"theme/templates/base.html": "<html></html>", ".github/workflows/x.yml": "on: push\n"})
    assert findings(repo, "acme-octo") == [(".github/workflows/x.yml", "refused"),
                                           ("theme/templates/base.html", "refused")]
    assert findings(repo, "board-keeper") == []


def test_check_pr_writes_a_summary_and_fails_on_refusals_and_errors(repo: Path) -> None:
    hostile = LISTING.replace("title: Market research on European bike-sharing schemes",
                              "title: \"<b>Bold</b> | pipes | research\"")
    pull_request(repo, {"content/opportunities/acme-second-study.yaml": hostile,
                        "content/opportunities/acme-broken.yaml": LISTING.replace("https://jobs", "http://jobs")})
    base = git(repo, "rev-parse", "HEAD~1").strip()
    summary = repo / "summary.md"
    result = run_board("--settings", "settings.py", "check-pr", "--base", base, "--head", "HEAD", "--author", "acme-octo",
                       "--summary", str(summary), cwd=repo, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert "::error file=content/opportunities/acme-broken.yaml,line=25,col=8::apply.url:" in result.stdout
    text = summary.read_text()
    assert text.startswith("## ❌ Changes needed")
    assert "| `<b>Bold</b> \\| pipes \\| research` | `Acme Analytics` | `€600 fixed fee` | `10–15 hours` |" in text
    assert "| `Remote from Germany, France, Netherlands` | " in text and " | none |" in text
    assert "- ❌ `content/opportunities/acme-broken.yaml:25:8` `apply.url`: `'http://jobs.acme-analytics.example/" \
           "bike-study' must be an https:// URL`" in text


def test_the_repository_maintainers_come_from_codeowners() -> None:
    assert CodeOwners((ROOT / ".github" / "CODEOWNERS").read_text()).owners("plugins/board/cli.py")
    owners = CodeOwners("# comment\n/docs/ @docs-team\n* @Alice @org/team @bob # trailing\n")
    assert owners.owners("plugins/x.py") == {"alice", "bob"}  # a team cannot be resolved offline


@pytest.mark.parametrize(("old", "new"), [
    ("description: |\n  We are launching in three new cities next spring.\n\n"
     "  **You will** compare pricing and coverage of the current operators.\n", "description: =\n"),
    ("start: 2027-01-10", "start: 2026-02-30"),
    ("organization: acme-analytics", "organization: [acme-analytics]"),
])
def test_a_listing_another_yaml_reader_would_misread_is_still_checked(repo: Path, old: str, new: str) -> None:
    assert old in LISTING
    pull_request(repo, {"content/opportunities/sneaky.yaml": LISTING.replace(old, new)})
    assert findings(repo, "mallory") == [("content/opportunities/sneaky.yaml", "refused")]
