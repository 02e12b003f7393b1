"""Who may record a completion: only a maintainer of the listing's organization, as both are on the
base branch. Real repositories, checked by ``check-pr`` from the base as the trusted workflow does."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLES
from pr_repo import LISTING, check_pr, git, make_repo, propose, refusals

COMPLETION = (EXAMPLES / "completions" / "valid" / "anonymous.yaml").read_text()
RECORD = "content/completions/acme-market-research/bike-study-record.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


def test_a_maintainer_of_the_listings_organization_records_a_completion(repo: Path) -> None:
    propose(repo, {RECORD: COMPLETION})
    result = check_pr(repo, "Acme-Octo")
    assert (result.returncode, result.stdout) == (0, ""), result.stderr


def test_the_ownership_rule_refuses_a_completion_for_another_organizations_listing(repo: Path) -> None:
    propose(repo, {RECORD: COMPLETION})
    result = check_pr(repo, "pier-editor")
    assert result.returncode == 1
    assert refusals(result) == [
        f"{RECORD}: refused: @pier-editor is not a maintainer of 'acme-analytics', whose listing "
        "'acme-market-research' this completes (maintainers: @acme-octo)"]


def test_adding_oneself_as_maintainer_in_the_same_pull_request_does_not_count(repo: Path) -> None:
    organization = (repo / "content/organizations/acme-analytics.yaml").read_text()
    propose(repo, {RECORD: COMPLETION, "content/organizations/acme-analytics.yaml": organization + "  - intruder\n"})
    assert refusals(check_pr(repo, "intruder")) == [
        f"{RECORD}: refused: @intruder is not a maintainer of 'acme-analytics', whose listing "
        "'acme-market-research' this completes (maintainers: @acme-octo)",
        "content/organizations/acme-analytics.yaml: refused: @intruder is not a maintainer of this organization"]


def test_removing_a_completion_needs_the_same_maintainer(repo: Path) -> None:
    propose(repo, {RECORD: COMPLETION})
    git(repo, "merge", "-q", "--ff-only", "pull")
    propose(repo, {RECORD: None}, branch="removal")
    assert check_pr(repo, "acme-octo", head="removal").returncode == 0
    assert len(refusals(check_pr(repo, "pier-editor", head="removal"))) == 1


def test_a_completion_needs_its_listing_on_the_base_branch(repo: Path) -> None:
    record = "content/completions/acme-second-study/early-record.yaml"
    propose(repo, {"content/opportunities/acme-second-study.yaml": LISTING, record: COMPLETION})
    assert refusals(check_pr(repo, "acme-octo")) == [
        f"{record}: refused: completes 'acme-second-study', which is not a listing on the base branch: record a "
        "completion once its listing is merged"]


@pytest.mark.parametrize("path", ["content/completions/stray.yaml", "content/completions/Acme/record.yaml",
                                  "content/completions/acme-market-research/notes/record.yaml"])
def test_anything_else_under_completions_is_refused_by_name(repo: Path, path: str) -> None:
    propose(repo, {path: COMPLETION})
    [refusal] = refusals(check_pr(repo, "acme-octo"))
    assert refusal.startswith(f"{path}: refused: '") and "is not a valid completion path: use " \
        "completions/<listing-id>/<id>.yaml" in refusal
