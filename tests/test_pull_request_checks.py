"""The pull-request check: who may change what, and the job summary it writes.

Each case is a real git repository with a base commit on ``main`` and a pull request's commit on
its own branch, checked from the base's work tree exactly as the trusted workflow checks it.
Attacks are in test_pr_attacks.py; these are the rules and the happy paths.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from board.contribute.codeowners import CodeOwners
from board.contribute.review import review
from conftest import ROOT
from pr_repo import LISTING, check_pr, make_repo, propose, refusals, reviews


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


def findings(repo: Path, author: str) -> list[tuple[str, str]]:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(repo)
        _, found = review("main", "pull", author)
    return [(finding.path, finding.verdict) for finding in found]


def test_a_maintainer_adding_and_changing_listings_gets_a_clean_verdict(repo: Path) -> None:
    propose(repo, {"content/opportunities/acme-second-study.yaml": LISTING,
                   "content/opportunities/acme-market-research.yaml": LISTING.replace("600", "650")})
    summary = repo.parent / "summary.md"
    result = check_pr(repo, "ACME-octo", extra=("--summary", str(summary)))  # logins are case-insensitive
    assert (result.returncode, result.stdout) == (0, "")
    text = summary.read_text()
    assert text.startswith("## ✅ Ready for review\n\n0 error(s), 0 warning(s), 0 refusal(s), 0 item(s) for a "
                           "maintainer to review.")
    assert text.count("| `Acme Analytics` |") == 2


def test_anyone_else_is_refused_even_after_adding_themselves_as_maintainer(repo: Path) -> None:
    organization = (repo / "content/organizations/acme-analytics.yaml").read_text()
    propose(repo, {"content/opportunities/acme-second-study.yaml": LISTING,
                   "content/organizations/acme-analytics.yaml": organization + "  - intruder\n"})
    assert refusals(check_pr(repo, "intruder")) == [
        "content/opportunities/acme-second-study.yaml: refused: @intruder is not a maintainer of 'acme-analytics' "
        "(maintainers: @acme-octo)",
        "content/organizations/acme-analytics.yaml: refused: @intruder is not a maintainer of this organization"]


def test_deleting_or_moving_a_listing_needs_the_maintainers_of_every_organization_involved(repo: Path) -> None:
    propose(repo, {"content/opportunities/acme-market-research.yaml":
                   LISTING.replace("organization: acme-analytics", "organization: north-pier-press")})
    assert findings(repo, "pier-editor") == [("content/opportunities/acme-market-research.yaml", "refused")]
    propose(repo, {"content/opportunities/acme-market-research.yaml": None})
    assert findings(repo, "acme-octo") == []
    assert findings(repo, "pier-editor") == [("content/opportunities/acme-market-research.yaml", "refused")]


def test_a_new_organization_is_allowed_but_flagged_for_review(repo: Path) -> None:
    propose(repo, {
        "content/organizations/lakeside-clinic.yaml": "name: Lakeside Clinic\nurl: https://lakeside.example\n"
                                                      "summary: A community health clinic by the lake.\n"
                                                      "maintainers: [newcomer]\n",
        "content/opportunities/lakeside-survey.yaml": LISTING.replace("acme-analytics", "lakeside-clinic"),
    })
    result = check_pr(repo, "newcomer")
    assert result.returncode == 0
    assert reviews(result) == [
        "content/opportunities/lakeside-survey.yaml: review: posts for 'lakeside-clinic', an organization new in "
        "this pull request",
        "content/organizations/lakeside-clinic.yaml: review: a new organization: a maintainer must check it is "
        "genuine"]
    assert ("content/opportunities/lakeside-survey.yaml", "refused") in findings(repo, "someone-else")


def test_a_new_organization_may_bring_its_logo(repo: Path) -> None:
    propose(repo, {
        "content/organizations/lakeside-clinic.yaml": "name: Lakeside Clinic\nurl: https://lakeside.example\n"
                                                      "summary: A community health clinic by the lake.\n"
                                                      "logo: logos/lakeside-clinic.png\nmaintainers: [newcomer]\n",
        "content/logos/lakeside-clinic.png": (ROOT / "content/logos/atelier-moustique.png").read_bytes(),
    })
    assert refusals(check_pr(repo, "newcomer")) == []
    assert refusals(check_pr(repo, "someone-else")) == [
        "content/logos/lakeside-clinic.png: refused: is the logo of lakeside-clinic ('Lakeside Clinic'), which "
        "@someone-else does not maintain"]


def test_a_codeowners_owner_may_change_the_board_itself(repo: Path) -> None:
    propose(repo, {"theme/templates/base.html": "<html></html>", ".github/workflows/x.yml": "on: push\n",
                   "content/pages/about.md": "Title: About\nSlug: about\n\nNew text.\n"})
    result = check_pr(repo, "board-keeper")
    assert (result.returncode, result.stdout) == (0, "")
    assert findings(repo, "acme-octo") == [(".github/workflows/x.yml", "refused"),
                                           ("content/pages/about.md", "refused"),
                                           ("theme/templates/base.html", "refused")]


def test_codeowners_is_read_with_githubs_last_match_wins_rule(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, codeowners="* @keeper\n/content/ @editor\n/content/opportunities/ @keeper\n")
    propose(repo, {"content/pages/about.md": "Title: About\n\nNew text.\n", "plugins/board/x.py": ""})
    assert findings(repo, "editor") == [("plugins/board/x.py", "refused")]
    assert findings(repo, "keeper") == [("content/pages/about.md", "refused")]


def test_check_pr_writes_a_summary_and_fails_on_refusals_and_errors(repo: Path) -> None:
    hostile = LISTING.replace("title: Market research on European bike-sharing schemes",
                              "title: \"<b>Bold</b> | pipes | research\"")
    propose(repo, {"content/opportunities/acme-second-study.yaml": hostile,
                   "content/opportunities/acme-broken.yaml": LISTING.replace("https://jobs", "http://jobs")})
    summary, outcome = repo.parent / "summary.md", repo.parent / "outcome.txt"
    result = check_pr(repo, "acme-octo", extra=("--summary", str(summary), "--outcome", str(outcome)),
                      env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert "::error file=content/opportunities/acme-broken.yaml,line=25,col=8::apply.url: `'http://jobs." \
           "acme-analytics.example/bike-study' must be an https:// URL`" in result.stdout
    text = summary.read_text()
    assert text.startswith("## ❌ Changes needed")
    assert "| `<b>Bold</b> \\| pipes \\| research` | `Acme Analytics` | `€600 fixed fee` | `10–15 hours` |" in text
    assert "| `Remote from Germany, France, Netherlands` | " in text and " | none |" in text
    assert "- ❌ `content/opportunities/acme-broken.yaml:25:8` `apply.url`: `'http://jobs.acme-analytics.example/" \
           "bike-study' must be an https:// URL`" in text
    assert outcome.read_text() == "errors=1\nrefused=0\nreview=0\n"


def test_the_repository_maintainers_come_from_codeowners() -> None:
    assert CodeOwners((ROOT / ".github" / "CODEOWNERS").read_text()).owners("plugins/board/cli.py")
    owners = CodeOwners("# comment\n/docs/ @docs-team\n* @Alice @org/team @bob # trailing\n\\#notes @carol\n")
    assert owners.owners("docs/x.md") == {"alice", "bob"}  # the last matching line wins; teams are not resolved
    assert owners.owners("#notes") == {"carol"}
    assert CodeOwners("* @alice\n/generated/\n").owners("generated/x") == set()  # no owners on the last match


@pytest.mark.parametrize(("old", "new"), [
    ("description: |\n  We are launching in three new cities next spring.\n\n"
     "  **You will** compare pricing and coverage of the current operators.\n", "description: =\n"),
    ("start: 2027-01-10", "start: 2026-02-30"),
    ("organization: acme-analytics", "organization: [acme-analytics]"),
])
def test_a_listing_another_yaml_reader_would_misread_is_still_checked(repo: Path, old: str, new: str) -> None:
    assert old in LISTING
    propose(repo, {"content/opportunities/sneaky.yaml": LISTING.replace(old, new)})
    assert findings(repo, "mallory") == [("content/opportunities/sneaky.yaml", "refused")]
