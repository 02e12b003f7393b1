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
    assert "pull_request_target" not in triggers
    assert "permissions" in workflow
    for uses in re.findall(r"uses: (\S+)(.*)", text):
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
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert {"push", "schedule", "workflow_dispatch"} <= set(deploy[True])


def test_pre_commit_runs_the_same_validator() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert any(hook["entry"] == "make validate" for hook in hooks)
