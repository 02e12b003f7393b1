"""The repository's GitHub workflows and issue form: valid by GitHub's own schemas, and hardened.

Both linters run offline from packages in requirements.lock: zizmor (a workflow security
linter) and check-jsonschema with GitHub's vendored schemas.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
# The one workflow allowed to run on pull_request_target: it runs the base's code only (see its comments).
TRUSTED_ON_PULL_REQUEST_TARGET = {"listings-verdict.yml"}
UNTRUSTED = re.compile(r"\$\{\{\s*(github\.event\.|steps\.[^}]*outputs|github\.head_ref)")


def test_zizmor_finds_nothing_of_medium_severity_or_above() -> None:
    result = subprocess.run([BIN / "zizmor", "--offline", "--format", "json", "--persona", "auditor",
                             *map(str, WORKFLOWS)], capture_output=True, text=True, cwd=ROOT)
    findings = json.loads(result.stdout)
    serious = [f"{finding['ident']}: {finding['desc']}" for finding in findings
               if finding["determinations"]["severity"] in ("Medium", "High")]
    assert serious == []


@pytest.mark.parametrize(("schema", "files"), [
    ("vendor.github-workflows", WORKFLOWS),
    ("vendor.github-issue-forms", [ROOT / ".github" / "ISSUE_TEMPLATE" / "new-opportunity.yml"]),
    ("vendor.github-issue-config", [ROOT / ".github" / "ISSUE_TEMPLATE" / "config.yml"]),
])
def test_files_match_githubs_own_schemas(schema: str, files: list[Path]) -> None:
    result = subprocess.run([BIN / "check-jsonschema", "--builtin-schema", schema, *map(str, files)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_a_workflow_pins_actions_limits_permissions_and_keeps_untrusted_text_out_of_scripts(path: Path) -> None:
    text = path.read_text()
    workflow = yaml.safe_load(text)
    triggers = workflow[True]  # PyYAML reads the key `on` as a YAML 1.1 boolean
    assert "pull_request_target" not in triggers or path.name in TRUSTED_ON_PULL_REQUEST_TARGET
    assert "workflow_run" not in triggers
    assert "permissions" in workflow
    for uses in re.findall(r"\buses: (\S+)(.*)", text):  # not the `statuses:` permission
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", uses[0]), uses
        assert re.match(r"\s+# v\d", uses[1]), f"{uses[0]} needs a version comment"
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False
            assert not UNTRUSTED.search(step.get("run", "")), f"{path.name}: pass it through env instead"


def test_deploy_grants_pages_permissions_to_the_deploy_job_only() -> None:
    deploy = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text())
    assert deploy["permissions"] == {}
    assert deploy["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert deploy["jobs"]["sign"]["permissions"] == {"contents": "read"}
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert {"push", "schedule", "workflow_dispatch"} <= set(deploy[True])


def test_pre_commit_runs_the_same_validator() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert any(hook["entry"] == "make validate" for hook in hooks)


def test_the_verdict_runs_the_base_code_on_the_pull_request_as_data_and_only_reports_with_write_access() -> None:
    verdict = yaml.safe_load((ROOT / ".github" / "workflows" / "listings-verdict.yml").read_text())
    assert verdict[True]["pull_request_target"]["types"] == ["opened", "synchronize", "reopened", "edited"]
    assert set(verdict[True]["workflow_dispatch"]["inputs"]) == {"pull_request", "author"}
    assert verdict["permissions"] == {}
    check, report = verdict["jobs"]["check"], verdict["jobs"]["report"]
    assert check["permissions"] == {"contents": "read"}
    checkouts = [step for step in check["steps"] if step.get("uses", "").startswith("actions/checkout@")]
    assert len(checkouts) == 1 and "ref" not in checkouts[0]["with"]  # the base; never the pull request's ref
    scripts = "\n".join(step.get("run", "") for step in check["steps"])
    assert 'fetch --no-tags --quiet origin "pull/$PULL_REQUEST/head"' in scripts
    assert re.search(r"make venv.*-m board check-pr --base .*--head \"\$HEAD_SHA\"", scripts, flags=re.DOTALL)
    assert not re.search(r"\bgit (checkout|switch|worktree|archive|reset|merge)\b", scripts)
    assert report["permissions"] == {"statuses": "write"}
    assert all("uses" not in step for step in report["steps"])  # installs and runs nothing of the repository
    assert not re.search(r"make|pip|\.venv|python", "\n".join(step["run"] for step in report["steps"]))


def test_the_preview_builds_the_pull_request_read_only_and_gives_no_verdict() -> None:
    preview = yaml.safe_load((ROOT / ".github" / "workflows" / "listings.yml").read_text())
    assert set(preview[True]) == {"pull_request"}
    assert preview["permissions"] == {"contents": "read"}
    scripts = "\n".join(step.get("run", "") for step in preview["jobs"]["preview"]["steps"])
    assert "make html" in scripts and "check-pr" not in scripts and "secrets." not in str(preview)


def test_the_digest_is_written_read_only_claimed_once_and_sent_by_a_job_that_installs_nothing() -> None:
    digest = yaml.safe_load((ROOT / ".github" / "workflows" / "digest.yml").read_text())
    assert set(digest[True]) == {"schedule", "workflow_dispatch"} and digest["permissions"] == {}
    jobs = digest["jobs"]
    assert jobs["prepare"]["permissions"] == {"contents": "read"} and "secrets." not in str(jobs["prepare"])
    assert "-m board --settings publishconf.py digest" in jobs["prepare"]["steps"][-2]["run"]
    assert jobs["claim"]["permissions"] == {"contents": "write"} and "secrets." not in str(jobs["claim"])
    assert "refs/tags/digest-$ISSUE" in jobs["claim"]["steps"][0]["run"] and "uses" not in jobs["claim"]["steps"][0]
    assert jobs["send"]["needs"] == ["prepare", "claim"]
    assert jobs["send"]["if"] == "needs.claim.outputs.claimed == 'true'"
    assert jobs["send"]["permissions"] == {"contents": "read"} and jobs["send"]["environment"] == "digest"
    assert "python3 -S -m board.reach.mail" in jobs["send"]["steps"][-1]["run"]
    assert set(jobs["send"]["steps"][-1]["env"]) >= {"SMTP_HOST", "SMTP_PORT", "SMTP_USER", "SMTP_PASSWORD",
                                                      "DIGEST_FROM", "DIGEST_TO"}


def test_a_deploy_reads_the_live_api_before_building_and_announces_after_deploying() -> None:
    deploy = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text())
    build, announce = deploy["jobs"]["build"], deploy["jobs"]["announce"]
    scripts = [step.get("run", "") for step in build["steps"]]
    fetch = next(index for index, script in enumerate(scripts) if "/api/v1/opportunities.json" in script)
    publish = scripts.index("make publish")
    plan = next(index for index, script in enumerate(scripts)
                if "-m board --settings publishconf.py announcements" in script)
    assert fetch < publish < plan and "secrets." not in str(build)
    assert announce["needs"] == ["build", "deploy"] and announce["permissions"] == {"contents": "read"}
    assert announce["environment"] == "announcements"
    assert "python3 -S -m board.reach.chat" in announce["steps"][3]["run"] and "--ledger" in announce["steps"][3]["run"]
    assert announce["steps"][4]["with"]["name"] == "announced-${{ github.run_attempt }}"


def test_the_badge_signing_key_is_only_in_a_job_that_installs_nothing_and_signs_what_the_build_left() -> None:
    deploy = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text())
    build, sign, publish = deploy["jobs"]["build"], deploy["jobs"]["sign"], deploy["jobs"]["deploy"]
    assert "environment" not in build and "secrets." not in str(build)
    [building] = [step for step in build["steps"] if step.get("run") == "make publish"]
    assert building["env"]["BOARD_SIGNING_PUBLIC_KEY"] == "${{ vars.BOARD_SIGNING_PUBLIC_KEY }}"
    [handed_over] = [step for step in build["steps"] if step.get("with", {}).get("name", "").startswith("site-")]
    assert handed_over["with"]["path"].split() == ["output", "output-to-sign"]
    assert not any(step.get("uses", "").startswith("actions/upload-pages-artifact@") for step in build["steps"])

    assert sign["needs"] == "build" and sign["environment"] == "badge-signing"
    checkout, download, signing, upload = sign["steps"]
    assert checkout["uses"].startswith("actions/checkout@") and "ref" not in checkout["with"]
    assert download["with"] == {"name": "site-${{ needs.build.outputs.attempt }}", "path": "${{ runner.temp }}/built"}
    assert signing["run"] == 'PYTHONPATH=plugins python3 -S -m board.reach.sign "$RUNNER_TEMP/built/output"'
    assert signing["env"] == {"BOARD_SIGNING_KEY": "${{ secrets.BOARD_SIGNING_KEY }}"}
    assert re.findall(r"secrets\.\w+", str(deploy)).count("secrets.BOARD_SIGNING_KEY") == 1
    assert upload["uses"].startswith("actions/upload-pages-artifact@")
    assert upload["with"] == {"path": "${{ runner.temp }}/built/output"}
    assert publish["needs"] == "sign"
