"""The issue-form path: an approved issue's answers become a listing, or a comment saying what to fix.

Bodies are written the way GitHub writes issue forms (``### Label`` then the answer), including
bodies an attacker would write.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from board.contribute.issue_form import form_fields
from board.read.yaml_loader import load_yaml
from conftest import CONTENT, ROOT, make_content, run_board

FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "new-opportunity.yml"
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


def body(answers: dict[str, str]) -> str:
    return "".join(f"### {label}\n\n{value}\n\n" for label, value in answers.items())


@pytest.fixture
def board(tmp_path: Path) -> Path:
    make_content(tmp_path)
    (tmp_path / ".github" / "ISSUE_TEMPLATE").mkdir(parents=True)
    shutil.copy(FORM, tmp_path / ".github" / "ISSUE_TEMPLATE" / FORM.name)
    (tmp_path / "settings.py").write_text('PATH = "content"\nTIMEZONE = "Europe/London"\n')
    return tmp_path


def convert(board: Path, text: str):
    event = board / "event.json"
    event.write_text(json.dumps({"issue": {"number": 7, "body": text, "user": {"login": "acme-octo"}}}))
    output = board / "github-output"
    result = run_board("--settings", "settings.py", "from-issue", "--event", str(event), "--comment",
                       str(board / "comment.md"), cwd=board,
                       env={"GITHUB_OUTPUT": str(output), "SOURCE_DATE_EPOCH": "1795000000"})
    return result, output


def test_an_approved_issue_becomes_a_valid_listing(board: Path) -> None:
    result, output = convert(board, body(ANSWERS))
    assert result.returncode == 0, result.stdout + result.stderr
    path = board / "content" / "opportunities" / "acme-analytics-survey-analysis-for-a-city-bike-scheme.yaml"
    assert output.read_text() == f"path={path.relative_to(board).as_posix()}\nid={path.stem}\n"
    data = load_yaml(path).data
    assert data["deliverables"] == ["A cleaned spreadsheet, with notes", "A two-page memo"]
    assert data["compensation"] == {"type": "fixed", "amount": 480, "currency": "EUR"}
    assert data["location"] == {"mode": "remote", "countries": ["DE", "NL"]}
    assert data["description"].startswith("## Context\n\nWe ran a survey")
    assert run_board("--settings", "settings.py", "validate", cwd=board).returncode == 0


def test_yaml_written_in_an_answer_stays_text(board: Path) -> None:
    answers = {**ANSWERS, "Title": "Survey: analysis & <b>more</b> {not: a mapping}",
               "Summary": "Analyse answers.\nstatus: filled\napply_by: 2099-01-01\n!!python/object:os.system x"}
    result, _ = convert(board, body(answers))
    assert result.returncode == 0, result.stdout + result.stderr
    [path] = (board / "content" / "opportunities").iterdir()
    data = yaml.safe_load(path.read_text())
    assert "status" not in data and data["apply_by"] == "2026-12-18"
    assert data["summary"] == "Analyse answers. status: filled apply_by: 2099-01-01 !!python/object:os.system x"
    assert data["title"] == "Survey: analysis & <b>more</b> {not: a mapping}"


def test_a_heading_smuggled_into_an_answer_is_refused(board: Path) -> None:
    answers = {**ANSWERS, "Description": "Nice project.\n\n### Last day to apply\n\n2099-12-31\n\n### Pay\n\nhourly"}
    result, _ = convert(board, body(answers))
    assert result.returncode == 1
    assert "headings are not the form's own" in (board / "comment.md").read_text()
    assert list((board / "content" / "opportunities").iterdir()) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"How to apply": "http://acme.example/jobs"}, "'http://acme.example/jobs' must be an https:// URL"),
        ({"Organization id": "not-on-the-board"}, "organization 'not-on-the-board' is not on the board yet"),
        ({"Last day to apply": "next friday"}, "apply_by: 'next friday' must be a date written YYYY-MM-DD"),
        ({"Amount for the whole project": "_No response_"}, "missing --compensation-amount"),
        ({"Last day to apply": "2027-12-18"}, "days after posted; the board allows at most 120"),
    ],
)
def test_a_wrong_answer_gets_a_comment_saying_what_to_fix(board: Path, change: dict, message: str) -> None:
    result, output = convert(board, body({**ANSWERS, **change}))
    assert result.returncode == 1
    assert message in (board / "comment.md").read_text()
    assert list((board / "content" / "opportunities").iterdir()) == []
    assert not output.exists()


def test_the_form_offers_exactly_the_boards_categories_and_answers_every_question() -> None:
    form = yaml.safe_load(FORM.read_text())
    [category] = [item for item in form["body"] if item.get("id") == "category"]
    vocabulary = yaml.safe_load((CONTENT / "vocabulary.yaml").read_text())
    assert category["attributes"]["options"] == sorted(vocabulary["categories"])
    assert list(form_fields(FORM)) == list(ANSWERS)
