"""The issue-form path: a real issue event goes through both jobs of the workflow, as subprocesses.

``python -m board from-issue`` decides (with the board's packages), then
``python -S -m board.contribute.issue_replies`` (standard library only: ``-S`` leaves site-packages
out, as in the job that may write) checks its artifact, places the listing and words the replies.
Events have GitHub's shape; bodies are written the way GitHub writes issue forms (``### Label``
then the answer), including bodies an attacker would write.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from board.contribute.issue_form import form_fields
from board.read.yaml_loader import load_yaml
from conftest import CONTENT, ROOT, make_content, run_board
from inert_markdown import assert_inert

FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "new-opportunity.yml"
MAINTAINER, STRANGER = "acme-octo", "stranger-danger"
LISTING_ID = "acme-analytics-survey-analysis-for-a-city-bike-scheme"
ANSWERS = {
    "Organization id": "acme-analytics",
    "Title": "Survey analysis for a city bike scheme",
    "Summary": "Analyse 500 rider survey answers and tell us the three changes riders want most.",
    "Description": "## Context\n\nWe ran a survey in October.\n\n- 500 answers\n- 12 questions",
    "Deliverables": "A cleaned spreadsheet, with notes\nA two-page memo",
    "Category": "data-analysis",
    "Skills": "excel, survey-design",
    "Fewest total hours": "12",
    "Most total hours": "16",
    "Pay": "fixed",
    "Amount for the whole project": "480",
    "Lowest hourly rate": "_No response_",
    "Highest hourly rate": "_No response_",
    "Currency": "EUR",
    "Where": "remote",
    "Countries applicants may live in": "DE, NL",
    "City": "_No response_",
    "Country": "_No response_",
    "How to apply": "https://acme-analytics.example/jobs/survey",
    "Last day to apply": "2026-12-18",
    "Listing id (optional)": "_No response_",
}
HOSTILE = ("@board-maintainers ![pixel](https://tracker.example/p.gif) [click](https://evil.example) "
           "<img src=x onerror=alert(1)>")


def body(answers: dict[str, str]) -> str:
    return "".join(f"### {label}\n\n{value}\n\n" for label, value in answers.items())


def event(action: str, text: str, author: str = MAINTAINER, labels: tuple[str, ...] = ("new-opportunity", "approved"),
          **extra: object) -> dict:
    """An ``issues`` event as GitHub delivers it (the fields the workflow and the board read, and some more)."""
    user = {"login": author, "id": 583231, "type": "User", "html_url": f"https://github.com/{author}"}
    issue = {"number": 7, "title": "Opportunity: survey analysis", "state": "open", "body": text, "user": user,
             "labels": [{"id": index, "name": name, "color": "ededed"} for index, name in enumerate(labels)],
             "html_url": "https://github.com/acme/board/issues/7", "author_association": "NONE"}
    return {"action": action, "issue": issue, "repository": {"full_name": "acme/board", "default_branch": "main"},
            "sender": {"login": "board-maintainer", "type": "User"}, **extra}


def approved(text: str, author: str = MAINTAINER) -> dict:
    return event("labeled", text, author, label={"id": 1, "name": "approved", "color": "0e8a16"})


@dataclass
class Run:
    decided: subprocess.CompletedProcess
    published: subprocess.CompletedProcess
    outputs: dict[str, str]
    replies: Path
    outcome: dict

    def reply(self, name: str) -> str:
        return (self.replies / name).read_text()


@pytest.fixture
def board(tmp_path: Path) -> Path:
    make_content(tmp_path)
    (tmp_path / ".github" / "ISSUE_TEMPLATE").mkdir(parents=True)
    shutil.copy(FORM, tmp_path / ".github" / "ISSUE_TEMPLATE" / FORM.name)
    (tmp_path / "settings.py").write_text('PATH = "content"\nTIMEZONE = "Europe/London"\n')
    return tmp_path


def through_the_workflow(board: Path, payload: dict, temp: Path | None = None) -> Run:
    """Both jobs of from-issue.yml on ``payload``: decide, then check the artifact and word the replies
    (into ``temp``, the runner's temporary folder: the board's folder unless given)."""
    (board / "event.json").write_text(json.dumps(payload))
    temp = temp or board
    artifact = temp / "artifact"
    decided = run_board("--settings", "settings.py", "from-issue", "--event", "event.json", "--out", str(artifact),
                        cwd=board, env={"SOURCE_DATE_EPOCH": "1795000000"})
    output = board / "github-output"
    output.unlink(missing_ok=True)
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "GITHUB_OUTPUT": str(output)}
    published = subprocess.run(
        [sys.executable, "-S", "-m", "board.contribute.issue_replies", "--event", "event.json",
         "--artifact", str(artifact), "--replies", str(temp / "replies"), "--into", str(board)],
        cwd=board, env=environment, capture_output=True, text=True, timeout=60)
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines()) if output.exists() else {}
    outcome = json.loads((artifact / "outcome.json").read_text()) if (artifact / "outcome.json").is_file() else {}
    return Run(decided, published, outputs, temp / "replies", outcome)


def listings(board: Path) -> list[str]:
    return sorted(path.name for path in (board / "content" / "opportunities").iterdir())


def test_a_maintainers_approved_issue_becomes_a_pull_request_showing_the_whole_listing(board: Path) -> None:
    run = through_the_workflow(board, approved(body(ANSWERS), author="ACME-Octo"))  # logins ignore case
    assert run.decided.returncode == 0 and run.published.returncode == 0, run.decided.stderr + run.published.stderr
    path = f"content/opportunities/{LISTING_ID}.yaml"
    assert run.outputs == {"action": "pull-request", "listing": path, "id": LISTING_ID,
                           "title": f"Add listing `{LISTING_ID}`"}
    assert sorted(p.relative_to(board / "artifact").as_posix() for p in (board / "artifact").rglob("*")) == [
        "content", "content/opportunities", path, "outcome.json"]
    data = load_yaml(board / path).data
    assert data["deliverables"] == ["A cleaned spreadsheet, with notes", "A two-page memo"]
    assert data["compensation"] == {"type": "fixed", "amount": 480, "currency": "EUR"}
    assert data["location"] == {"mode": "remote", "countries": ["DE", "NL"]}
    assert data["description"].startswith("## Context\n\nWe ran a survey")
    assert run_board("--settings", "settings.py", "validate", cwd=board).returncode == 0
    pr_body = run.reply("pr-body.md")
    assert pr_body.startswith(
        "From the issue form: #7, posted by @ACME-Octo for `acme-analytics`, whose maintainers include them.\n\n"
        f"This adds `{path}` exactly as the board converted the issue when a maintainer added the `approved` "
        "label. Edits to the issue after that are not in it (an edit withdraws the approval). The whole file is "
        "below, as it will be merged; the **listings** check gives its verdict on it.\n\nCloses #7.\n\n```yaml\n")
    assert pr_body.endswith(f"{(board / path).read_text().rstrip()}\n```\n")
    assert not (run.replies / "comment.md").exists()


def test_a_stranger_naming_an_existing_organization_is_refused_and_its_maintainers_are_told(board: Path) -> None:
    run = through_the_workflow(board, approved(body(ANSWERS), author=STRANGER))
    assert run.outcome == {"kind": "not-a-maintainer", "listing_id": "", "organization": "acme-analytics",
                           "reasons": [], "maintainers": [MAINTAINER]}
    assert run.outputs == {"action": "reply", "title": ""}
    assert run.reply("comment.md") == (
        "@stranger-danger does not maintain `acme-analytics`, so the board cannot post this listing for it: only "
        "the maintainers named in `content/organizations/acme-analytics.yaml` on the default branch may post for "
        "an organization.\n\n"
        "@acme-octo: if @stranger-danger should post for `acme-analytics`, add their handle to `maintainers` in "
        "that file with a pull request; a board maintainer can then add the `approved` label to this issue again. "
        "If not, nothing needs doing.\n")
    assert listings(board) == [] and not (board / "artifact" / "content").exists()


def test_an_organization_that_is_not_on_the_board_is_refused_as_before(board: Path) -> None:
    run = through_the_workflow(board, approved(body({**ANSWERS, "Organization id": "not-on-the-board"})))
    assert run.outputs["action"] == "reply"
    assert run.reply("comment.md") == (
        "The board could not turn this request into a listing yet:\n\n"
        "- `organization 'not-on-the-board' is not on the board yet; a maintainer needs to add it first`\n\n"
        "Edit the issue to fix these; a maintainer can then add the `approved` label again.\n")
    assert listings(board) == [] and not (board / "content" / "organizations" / "not-on-the-board.yaml").exists()


def test_an_approved_issue_edited_afterwards_loses_its_approval(board: Path) -> None:
    edited = event("edited", body({**ANSWERS, "How to apply": "https://phish.example/apply"}),
                   changes={"body": {"from": body(ANSWERS)}})
    run = through_the_workflow(board, edited)
    assert run.outcome["kind"] == "edited-after-approval"
    assert run.outputs == {"action": "reply", "title": ""}
    assert run.reply("comment.md") == (
        "This issue was edited after a maintainer approved it, so the board removed the `approved` label: it turns "
        "into a listing only what a maintainer approved. A maintainer can read the edited answers and add "
        "`approved` again; the board then converts them (and updates its pull request, if it opened one).\n")
    assert run.reply("pr-comment.md") == (
        "#7 was edited after it was approved. This pull request still holds the listing as it was approved, not "
        "the edit. To take the edit, a maintainer adds `approved` to the issue again and the board updates this "
        "pull request; until then, what you review here is what would be merged.\n")
    assert listings(board) == []


@pytest.mark.parametrize("payload", [
    event("edited", body(ANSWERS), labels=("new-opportunity",), changes={"body": {"from": ""}}),
    event("edited", body(ANSWERS), changes={"title": {"from": "Opportunity: old title"}}),
    event("labeled", body(ANSWERS), label={"name": "good first issue"}),
    event("labeled", body(ANSWERS), labels=("approved",), label={"name": "approved"}),
], ids=["edited-before-approval", "title-edited", "another-label", "not-from-the-form"])
def test_other_issue_events_change_nothing(board: Path, payload: dict) -> None:
    run = through_the_workflow(board, payload)
    assert run.outcome["kind"] == "nothing" and run.outputs == {"action": "none", "title": ""}
    assert listings(board) == [] and not any(run.replies.iterdir())


def test_yaml_written_in_an_answer_stays_text(board: Path) -> None:
    answers = {**ANSWERS, "Title": "Survey: analysis & <b>more</b> {not: a mapping}",
               "Summary": "Analyse answers.\nstatus: filled\napply_by: 2099-01-01\n!!python/object:os.system x"}
    run = through_the_workflow(board, approved(body(answers)))
    assert run.outputs["action"] == "pull-request", run.published.stderr
    data = yaml.safe_load((board / run.outputs["listing"]).read_text())
    assert "status" not in data and data["apply_by"] == "2026-12-18"
    assert data["summary"] == "Analyse answers. status: filled apply_by: 2099-01-01 !!python/object:os.system x"
    assert data["title"] == "Survey: analysis & <b>more</b> {not: a mapping}"


def test_a_heading_smuggled_into_an_answer_is_refused(board: Path) -> None:
    answers = {**ANSWERS, "Description": "Nice project.\n\n### Last day to apply\n\n2099-12-31\n\n### Pay\n\nhourly"}
    run = through_the_workflow(board, approved(body(answers)))
    assert "headings are not the form's own" in run.reply("comment.md")
    assert listings(board) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"How to apply": "http://acme.example/jobs"}, "'http://acme.example/jobs' must be an https:// URL"),
        ({"Last day to apply": "next friday"}, "apply_by: 'next friday' must be a date written YYYY-MM-DD"),
        ({"Amount for the whole project": "_No response_"}, "missing --compensation-amount"),
        ({"Last day to apply": "2027-12-18"}, "days after posted; the board allows at most 120"),
        ({"Title": "x" * 5000}, f"title: '{'x' * 212} … {'x' * 57}' is too long"),  # shortened, not an error
    ],
)
def test_a_wrong_answer_gets_a_comment_saying_what_to_fix(board: Path, change: dict, message: str) -> None:
    run = through_the_workflow(board, approved(body({**ANSWERS, **change})))
    assert run.outputs == {"action": "reply", "title": ""}
    assert message in run.reply("comment.md")
    assert listings(board) == [] and not (board / "artifact" / "content").exists()


def test_hostile_text_in_a_refused_answer_comes_out_inert(board: Path) -> None:
    run = through_the_workflow(board, approved(body({**ANSWERS, "How to apply": f"http://x.example {HOSTILE}"})))
    comment = run.reply("comment.md")
    assert "onerror=alert(1)" in comment  # shown, as text
    assert_inert(comment, mentions=set())


def test_hostile_text_in_an_accepted_listing_comes_out_inert_in_the_pull_request(board: Path) -> None:
    description = f"{HOSTILE}\n\n```\n@fenced-mention\n```\n\n````\nfour\n````\n<script>alert(1)</script>"
    run = through_the_workflow(board, approved(body({**ANSWERS, "Description": description})))
    assert run.outputs["action"] == "pull-request", run.published.stderr
    pr_body = run.reply("pr-body.md")
    assert "@board-maintainers" in pr_body and "<script>alert(1)</script>" in pr_body  # shown, as text
    assert_inert(pr_body, mentions={MAINTAINER})


def test_the_form_offers_exactly_the_boards_categories_and_answers_every_question() -> None:
    form = yaml.safe_load(FORM.read_text())
    [category] = [item for item in form["body"] if item.get("id") == "category"]
    vocabulary = yaml.safe_load((CONTENT / "vocabulary.yaml").read_text())
    assert category["attributes"]["options"] == sorted(vocabulary["categories"])
    assert list(form_fields(FORM)) == list(ANSWERS)


# --- the job that may write trusts nothing in the artifact ----------------------------------------

GOOD_OUTCOME = {"kind": "listing", "listing_id": "acme-survey", "organization": "acme-analytics"}


def artifact(folder: Path, outcome: dict | str = GOOD_OUTCOME, files: dict[str, str] | None = None) -> Path:
    """An artifact as the converter leaves one, or as a compromised converter might."""
    folder.mkdir()
    (folder / "outcome.json").write_text(outcome if isinstance(outcome, str) else json.dumps(outcome))
    for name, text in ({"content/opportunities/acme-survey.yaml": "title: x\n"} if files is None else files).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


def _symlinked_listing(folder: Path) -> None:
    listing = folder / "content" / "opportunities" / "acme-survey.yaml"
    listing.unlink()
    listing.symlink_to("/etc/passwd")


def _symlinked_outcome(folder: Path) -> None:
    (folder / "real.json").write_text(json.dumps(GOOD_OUTCOME))
    (folder / "outcome.json").unlink()
    (folder / "outcome.json").symlink_to(folder / "real.json")


@pytest.mark.parametrize(("make", "action", "message"), [
    (lambda folder: artifact(folder, files={**{"content/opportunities/acme-survey.yaml": "x: 1\n"},
                                            "content/logos/x.js": "alert(1)"}),
     "labeled", "unexpected 'content/logos' (dir), 'content/logos/x.js' (file)"),
    (lambda folder: artifact(folder, files={"content/opportunities/acme-survey.yaml": "x: 1\n",
                                            "content/opportunities/another.yaml": "x: 1\n"}),
     "labeled", "unexpected 'content/opportunities/another.yaml' (file)"),
    (lambda folder: _symlinked_listing(artifact(folder)),
     "labeled", "unexpected 'content/opportunities/acme-survey.yaml' (symlink)"),
    (lambda folder: _symlinked_outcome(artifact(folder)), "labeled", "outcome.json is missing or not a regular file"),
    (lambda folder: artifact(folder, files={}), "labeled",
     "missing 'content', 'content/opportunities', 'content/opportunities/acme-survey.yaml'"),
    (lambda folder: artifact(folder, {**GOOD_OUTCOME, "listing_id": "acme-survey\n"},
                             {"content/opportunities/acme-survey\n.yaml": "x: 1\n"}),
     "labeled", "'acme-survey\\n' is not a listing id"),
    (lambda folder: artifact(folder, {**GOOD_OUTCOME, "listing_id": "../../.github/workflows/x"}),
     "labeled", "'../../.github/workflows/x' is not a listing id"),
    (lambda folder: artifact(folder), "edited", "a 'listing' outcome cannot follow an issue being edited"),
    (lambda folder: artifact(folder, files={"content/opportunities/acme-survey.yaml": "x" * (256 * 1024 + 1)}),
     "labeled", "acme-survey.yaml is larger than 262144 bytes"),
    (lambda folder: artifact(folder, "{not json"), "labeled", "outcome.json is not JSON"),
    (lambda folder: artifact(folder, {**GOOD_OUTCOME, "comment": "@everyone"}), "labeled", "must be an object"),
    (lambda folder: artifact(folder, {**GOOD_OUTCOME, "kind": "merge"}), "labeled", "unknown kind 'merge'"),
], ids=["extra-file", "second-listing", "symlinked-listing", "symlinked-outcome", "listing-missing",
        "id-with-newline", "id-with-path", "listing-for-an-edit", "too-large", "not-json", "unknown-key",
        "unknown-kind"])
def test_an_artifact_that_is_not_exactly_what_the_converter_leaves_is_refused(tmp_path: Path, make, action: str,
                                                                             message: str) -> None:
    from board.contribute.handoff import HandoffError, read_artifact

    make(tmp_path / "artifact")
    with pytest.raises(HandoffError) as refusal:
        read_artifact(tmp_path / "artifact", action)
    assert message in str(refusal.value)


def test_a_failed_conversion_removes_the_approval_and_points_to_the_log(board: Path) -> None:
    """No artifact at all: the conversion job failed. The writing job says so and exits 1."""
    (board / "event.json").write_text(json.dumps(approved(body(ANSWERS))))
    artifact(board / "artifact", files={"content/opportunities/acme-survey.yaml": "x: 1\n", "evil.sh": "curl"})
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "GITHUB_OUTPUT": str(board / "out"),
                   "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/board",
                   "GITHUB_RUN_ID": "42"}
    published = subprocess.run(
        [sys.executable, "-S", "-m", "board.contribute.issue_replies", "--event", "event.json", "--artifact",
         "artifact", "--replies", "replies", "--into", "."], cwd=board, env=environment, capture_output=True,
        text=True, timeout=60)
    assert published.returncode == 1
    assert "error: the artifact is not what the converter leaves: unexpected 'evil.sh' (file)" in published.stderr
    assert (board / "out").read_text() == "action=reply\ntitle=\n"
    assert (board / "replies" / "comment.md").read_text() == (
        "The board could not handle this issue (the conversion job failed or left something unexpected), so "
        "nothing was posted and the `approved` label was removed. A maintainer can read what happened in the log "
        "of [this workflow run](https://github.com/acme/board/actions/runs/42) and add `approved` again to retry.\n")
    assert listings(board) == []


def test_the_listing_never_replaces_a_file_nor_leaves_the_checkouts_own_folder(tmp_path: Path) -> None:
    from board.contribute.handoff import HandoffError
    from board.contribute.issue_replies import place_listing

    relative = Path("content/opportunities/acme-survey.yaml")
    checkout = tmp_path / "checkout"
    (checkout / relative).parent.mkdir(parents=True)
    (checkout / relative).write_text("the listing on the default branch\n")
    with pytest.raises(HandoffError, match="already exists on the default branch"):
        place_listing("title: x\n", checkout, relative)
    assert (checkout / relative).read_text() == "the listing on the default branch\n"
    linked = tmp_path / "linked"
    (linked / "content").mkdir(parents=True)
    (linked / "content" / "opportunities").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "elsewhere").mkdir()
    with pytest.raises(HandoffError, match="is not a plain folder"):
        place_listing("title: x\n", linked, relative)
    assert list((tmp_path / "elsewhere").iterdir()) == []


def git(*arguments: str | Path, cwd: Path) -> str:
    return subprocess.run(["git", *map(str, arguments)], cwd=cwd, check=True, capture_output=True, text=True).stdout


FAKE_GH = """#!/bin/sh
# GitHub's API is not reachable from a test: this records what the job asks of it.
printf '%s\\n' "$*" >> "$GH_LOG"
case "$1 $2" in
  "pr create") echo "https://github.com/acme/board/pull/12" ;;
esac
"""


def test_the_publish_job_commits_only_the_listing_pushes_it_and_asks_for_the_verdict(board: Path,
                                                                                     tmp_path: Path) -> None:
    """The workflow's own shell step, run in a real clone whose origin is a real (bare) repository."""
    remote = tmp_path / "origin.git"
    git("init", "--quiet", "--bare", "--initial-branch", "main", remote, cwd=tmp_path)
    for command in (("init", "--quiet", "--initial-branch", "main"), ("add", "--all"),
                    ("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "--quiet", "-m", "board"),
                    ("remote", "add", "origin", remote), ("push", "--quiet", "origin", "main")):
        git(*command, cwd=board)
    runner = tmp_path / "runner"
    run = through_the_workflow(board, approved(body(ANSWERS)), temp=runner)
    assert run.outputs["action"] == "pull-request", run.published.stderr
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "from-issue.yml").read_text())
    [step] = [step for step in workflow["jobs"]["publish"]["steps"]
              if step.get("if") == "steps.replies.outputs.action == 'pull-request'"]
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "gh").write_text(FAKE_GH)
    (tmp_path / "bin" / "gh").chmod(0o755)
    environment = {**os.environ, "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}", "GH_LOG": str(tmp_path / "gh"),
                   "RUNNER_TEMP": str(runner), "GH_TOKEN": "unused", "ISSUE": "7", "AUTHOR": MAINTAINER,
                   "LISTING": run.outputs["listing"], "LISTING_ID": run.outputs["id"], "TITLE": run.outputs["title"]}
    shell = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=board,
                           env=environment, capture_output=True, text=True, timeout=60)
    assert shell.returncode == 0, shell.stderr
    assert git("diff", "--name-status", "main", "listing/issue-7", cwd=remote) == f"A\t{run.outputs['listing']}\n"
    assert git("show", f"listing/issue-7:{run.outputs['listing']}", cwd=remote) == (board / run.outputs[
        "listing"]).read_text()
    assert (tmp_path / "gh").read_text().splitlines() == [
        "auth setup-git",
        "pr list --head listing/issue-7 --state open --json number --jq .[0].number // empty",
        f"pr create --head listing/issue-7 --title Add listing `{LISTING_ID}` --body-file {runner}/replies/pr-body.md",
        "issue comment 7 --body The board opened #12 with this listing; it goes live when a maintainer merges it.",
        f"workflow run listings-verdict.yml -f pull_request=12 -f author={MAINTAINER}",
    ]
