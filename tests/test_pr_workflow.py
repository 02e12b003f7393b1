"""The verdict workflow's own scripts, run as a runner would run them, on a real repository.

An "origin" repository holds the base on main and a pull request as ``refs/pull/7/head``, as
GitHub does; the runner's checkout is a clone of the base. The fetch and check steps run exactly
as written in listings-verdict.yml (bash -eo pipefail). The report step talks to GitHub's API,
which this machine cannot reach, so ``gh`` there is a small script that records its arguments:
what is checked is the status the step decides to post.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from pr_repo import LISTING, git, make_repo, propose

WORKFLOW = yaml.safe_load((ROOT / ".github" / "workflows" / "listings-verdict.yml").read_text())
FAKE_GH = '#!/bin/sh\nprintf "%s\\n" "$@" > "$GH_CALL"\n'


def step(job: str, step_id: str) -> str:
    return next(step["run"] for step in WORKFLOW["jobs"][job]["steps"] if step.get("id") == step_id)


def run(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=cwd,
                          env={**os.environ, **env}, capture_output=True, text=True, timeout=120)


def outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text().splitlines())


@pytest.fixture
def runner(tmp_path: Path) -> Path:
    """The runner's work folder: a clone of origin's main, with the board's installed packages."""
    origin = make_repo(tmp_path, with_plugins=True)
    work = tmp_path / "work"
    subprocess.run(["git", "clone", "-q", str(origin), str(work)], check=True)
    (work / ".venv").symlink_to(ROOT / ".venv")  # what `make venv` installs from the base's lock
    return work


def pull_request(runner: Path, files: dict) -> None:
    origin = runner.parent / "board"
    commit = propose(origin, files)
    git(origin, "update-ref", "refs/pull/7/head", commit)


def verdict(runner: Path, author: str) -> tuple[subprocess.CompletedProcess, dict[str, str], list[str]]:
    """Run the fetch, check and report steps; return the check, its outputs and the `gh` call."""
    fetched, checked = runner.parent / "fetch-output", runner.parent / "check-output"
    fetch = run(step("check", "pull"), runner, {"PULL_REQUEST": "7", "GH_TOKEN": "", "GITHUB_OUTPUT": str(fetched)})
    assert fetch.returncode == 0, fetch.stderr
    head = outputs(fetched)["head"]
    check = run(step("check", "check"), runner, {"AUTHOR": author, "HEAD_SHA": head, "GITHUB_OUTPUT": str(checked),
                                                 "GITHUB_STEP_SUMMARY": str(runner.parent / "summary.md")})
    counts = outputs(checked)
    bin_folder, call = runner.parent / "bin", runner.parent / "gh-call"
    bin_folder.mkdir(exist_ok=True)
    (bin_folder / "gh").write_text(FAKE_GH)
    (bin_folder / "gh").chmod(0o755)
    report_step = next(step for step in WORKFLOW["jobs"]["report"]["steps"])
    report = run(report_step["run"], runner, {
        "PATH": f"{bin_folder}:{os.environ['PATH']}", "GH_CALL": str(call), "GH_TOKEN": "", "REPOSITORY": "o/board",
        "HEAD_SHA": head, "RESULT": "success" if check.returncode == 0 else "failure", "ERRORS": counts["errors"],
        "REFUSED": counts["refused"], "REVIEW": counts["review"], "RUN_URL": "https://github.example/run/1"})
    assert report.returncode == 0, report.stderr
    return check, counts, call.read_text().splitlines()


def test_a_maintainers_listing_gets_a_success_status_on_the_head_commit(runner: Path) -> None:
    pull_request(runner, {"content/opportunities/acme-second-study.yaml": LISTING})
    check, counts, call = verdict(runner, "acme-octo")
    head = git(runner.parent / "board", "rev-parse", "refs/pull/7/head").strip()
    assert check.returncode == 0, check.stdout + check.stderr
    assert counts == {"errors": "0", "refused": "0", "review": "0"}
    assert call == ["api", "--method", "POST", f"repos/o/board/statuses/{head}", "-f", "state=success",
                    "-f", "context=listings verdict", "-f",
                    "description=Ready for review: 0 error(s), 0 refusal(s), 0 item(s) for a maintainer to review",
                    "-f", "target_url=https://github.example/run/1"]
    assert git(runner, "status", "--porcelain") == "?? .venv\n"  # nothing of the pull request was checked out


def test_a_pull_request_that_disarms_the_check_in_its_own_code_gets_a_failure_status(runner: Path) -> None:
    ownership = (runner / "plugins/board/contribute/ownership.py").read_text()
    pull_request(runner, {
        "plugins/board/contribute/ownership.py": ownership.replace("    author = author.lower()\n", "    return []\n"),
        "content/opportunities/pier-study.yaml": LISTING.replace("acme-analytics", "north-pier-press"),
    })
    check, counts, call = verdict(runner, "acme-octo")
    assert check.returncode == 1
    assert counts == {"errors": "0", "refused": "2", "review": "0"}
    assert "state=failure" in call
    assert "description=Changes needed: 0 error(s), 2 refusal(s), 0 item(s) for a maintainer to review" in call
    assert (runner / "plugins/board/contribute/ownership.py").read_text() == ownership
