"""No job that can write, or that holds secrets, runs installed code, or a pull request's code.

A job can write when its permissions (or the workflow's, when the job sets none) grant ``write``
to any scope or are ``write-all``, or when neither sets any: then the token has the repository's
default, which may write. Such a job installs nothing and runs nothing installed: no package
installer, no Makefile target that installs (read from the Makefile itself), nothing from
``.venv/``, no toolchain set-up action, and Python only as ``python3 -S`` (no site-packages, so
nothing installed can even be imported). Nor does it check out a pull request's code. Work that
needs the board's packages happens in a read-only job that hands an artifact over. The same holds
for a job that reads the repository's secrets (SMTP, webhooks, tokens): it could leak them to a
package that was compromised; and no job both can write and holds such secrets.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
INSTALLERS = re.compile(r"\b(pip[\d.]*|pipx|uv|poetry|conda|npm|npx|yarn|pnpm|gem install|cargo install|go install"
                        r"|apt(-get)? install|brew install)\b")
PYTHON = re.compile(r"\bpython[\d.]*((?:\s+-[A-Za-z]+)*)")
MAKE = re.compile(r"\bmake\b((?:[ \t]+[^\s;&|]+)*)")
PULL_REQUEST_CODE = re.compile(r"github\.event\.pull_request\.head|github\.head_ref|refs/pull/|\bpull/|FETCH_HEAD")
GIT_CHECKOUT = re.compile(r"\bgit\s+(checkout|switch|worktree\s+add|reset|restore|read-tree|merge|pull|rebase"
                          r"|cherry-pick)\b")


def installing_targets(makefile: str) -> set[str]:
    """The Makefile's targets that install packages: a recipe runs pip, or a prerequisite installs."""
    prerequisites: dict[str, list[str]] = {}
    installs: set[str] = set()
    target = None
    for line in makefile.splitlines():
        rule = re.match(r"^([^\s#:=][^:=]*?)\s*:(?!=)\s*([^#]*)", line)
        if rule and not rule.group(1).startswith("."):  # .PHONY and the like are not targets
            target = rule.group(1)
            prerequisites[target] = rule.group(2).split("##")[0].split()
        elif line.startswith("\t") and target and INSTALLERS.search(line):
            installs.add(target)
    changed = True
    while changed:
        grown = {name for name, needs in prerequisites.items() if installs & set(needs)} | installs
        changed, installs = grown != installs, grown
    return installs


def can_write(workflow: dict[str, Any], job: dict[str, Any]) -> bool:
    permissions = job.get("permissions", workflow.get("permissions"))
    if permissions is None:
        return True
    if isinstance(permissions, str):
        return permissions == "write-all"
    return "write" in permissions.values()


def holds_secrets(job: dict[str, Any]) -> bool:
    """Whether the job reads a repository secret (the workflow's own token is not one)."""
    return bool(re.search(r"secrets\.(?!GITHUB_TOKEN\b)\w", str(job)))


def violations(workflow: dict[str, Any], installing: set[str]) -> list[str]:
    """What each job that can write or holds secrets does that it must not, as ``job: what``."""
    found = []
    for name, job in workflow.get("jobs", {}).items():
        if can_write(workflow, job) and holds_secrets(job):
            found.append(f"{name}: can write and holds secrets")
        if can_write(workflow, job) or holds_secrets(job):
            found += [f"{name}: {problem}" for step in job.get("steps", []) for problem in _step(step, installing)]
    return found


def _step(step: dict[str, Any], installing: set[str]) -> list[str]:
    uses, script = step.get("uses", ""), step.get("run", "")
    problems = []
    if uses.startswith("actions/setup-"):
        problems.append(f"sets up a toolchain ({uses.split('@')[0]})")
    if uses.startswith("actions/checkout@") and PULL_REQUEST_CODE.search(
            " ".join(str(step.get("with", {}).get(key, "")) for key in ("ref", "repository"))):
        problems.append("checks out a pull request's code")
    if INSTALLERS.search(script):
        problems.append(f"installs packages ({INSTALLERS.search(script).group(0)})")
    if ".venv/" in script:
        problems.append("runs the virtualenv (.venv/)")
    for flags in PYTHON.findall(script):
        if not re.search(r"-[A-Za-z]*[SI]", flags):
            problems.append("runs Python with site-packages (use python3 -S)")
    for arguments in MAKE.findall(script):
        targets = [word for word in arguments.split() if not word.startswith("-") and "=" not in word]
        problems += [f"runs make {target}, which installs packages" for target in targets if target in installing]
    for line in script.splitlines():
        if "gh pr checkout" in line or (GIT_CHECKOUT.search(line) and PULL_REQUEST_CODE.search(line)):
            problems.append(f"checks out a pull request's code ({line.strip()})")
    return problems


INSTALLING = installing_targets((ROOT / "Makefile").read_text())


def test_the_makefile_targets_that_install_are_found() -> None:
    assert {"venv", "validate", "html", "publish", "test", "lock", "bench"} <= INSTALLING
    assert not {"help", "clean"} & INSTALLING


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_no_job_that_can_write_runs_installed_code_or_a_pull_requests_code(path: Path) -> None:
    assert violations(yaml.safe_load(path.read_text()), INSTALLING) == []


def job(steps: list[dict], permissions: object = None) -> dict:
    workflow = {"jobs": {"work": {"runs-on": "ubuntu-latest", "steps": steps}}}
    if permissions is not None:
        workflow["jobs"]["work"]["permissions"] = permissions
    return workflow


WRITES = {"contents": "write"}


@pytest.mark.parametrize(("workflow", "expected"), [
    (job([{"run": "make venv"}], WRITES), ["work: runs make venv, which installs packages"]),
    (job([{"run": "make html"}], {"issues": "write"}), ["work: runs make html, which installs packages"]),
    (job([{"run": "python -m pip install x"}], WRITES),
     ["work: installs packages (pip)", "work: runs Python with site-packages (use python3 -S)"]),
    (job([{"run": "npx some-tool"}], {"statuses": "write"}), ["work: installs packages (npx)"]),
    (job([{"run": ".venv/bin/python -S -m board"}], "write-all"), ["work: runs the virtualenv (.venv/)"]),
    (job([{"run": "python3 -m board.contribute.issue_replies"}], WRITES),
     ["work: runs Python with site-packages (use python3 -S)"]),
    (job([{"run": "make venv"}]), ["work: runs make venv, which installs packages"]),  # the default token
    (job([{"uses": "actions/setup-python@e797f83bcb11b83ae66e0230d6156d7c80228e7c"}], WRITES),
     ["work: sets up a toolchain (actions/setup-python)"]),
    (job([{"uses": "actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8",
           "with": {"ref": "${{ github.event.pull_request.head.sha }}"}}], {"pull-requests": "write"}),
     ["work: checks out a pull request's code"]),
    (job([{"run": 'git fetch origin "pull/$N/head" && git checkout FETCH_HEAD'}], WRITES),
     ['work: checks out a pull request\'s code (git fetch origin "pull/$N/head" && git checkout FETCH_HEAD)']),
    (job([{"run": "gh pr checkout 12"}], WRITES), ["work: checks out a pull request's code (gh pr checkout 12)"]),
    (job([{"run": "make venv && .venv/bin/python -m board validate"}], {"contents": "read"}), []),
    (job([{"run": "make clean"}, {"run": "PYTHONPATH=plugins python3 -S -m board.contribute.x"}], WRITES), []),
    (job([{"run": 'git switch --create "listing/issue-$ISSUE"'}], WRITES), []),
    (job([{"run": "make venv", "env": {"SMTP_PASSWORD": "${{ secrets.SMTP_PASSWORD }}"}}], {"contents": "read"}),
     ["work: runs make venv, which installs packages"]),
    (job([{"run": "python3 -m board.reach.chat plan.json", "env": {"X": "${{ secrets.DISCORD_WEBHOOK_URL }}"}}],
         {"contents": "read"}), ["work: runs Python with site-packages (use python3 -S)"]),
    (job([{"run": "gh api x", "env": {"X": "${{ secrets.MASTODON_TOKEN }}"}}], WRITES),
     ["work: can write and holds secrets"]),
    (job([{"run": "python3 -S -m board.reach.mail x --send", "env": {"X": "${{ secrets.SMTP_HOST }}"}}],
         {"contents": "read"}), []),
], ids=["make-venv", "make-html", "pip", "npx", "venv-python", "python-with-site-packages", "default-token",
        "setup-python", "checkout-head", "fetch-and-checkout-head", "gh-pr-checkout", "read-only-job-may-install",
        "stdlib-python", "a-branch-of-its-own", "secrets-and-make-venv", "secrets-and-site-packages",
        "secrets-and-write-token", "secrets-and-stdlib-python"])
def test_the_rule_sees_each_way_a_job_that_can_write_could_run_installed_or_foreign_code(
        workflow: dict, expected: list[str]) -> None:
    assert violations(workflow, INSTALLING) == expected
