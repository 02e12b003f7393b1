"""`make new` / `python -m board new`: answers in, a valid commented listing out."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from board.contribute.new import LISTING_QUESTIONS, NewListingError, collect
from conftest import ROOT, make_content, run_board

FLAGS = [
    "--organization", "acme-analytics", "--title", "Clean up our survey data",
    "--summary", "Tidy 300 survey responses and chart the five questions our board asks about most.",
    "--category", "data-analysis", "--skills", "excel, data-cleaning", "--effort-hours-min", "10",
    "--effort-hours-max", "12", "--compensation-type", "fixed", "--compensation-amount", "400",
    "--compensation-currency", "eur", "--location-mode", "remote", "--location-countries", "de, at",
    "--apply", "https://acme-analytics.example/jobs/survey", "--apply-by", "2026-12-20",
    "--deliverables", "A cleaned spreadsheet, Five charts",
]


@pytest.fixture
def board(tmp_path: Path) -> Path:
    make_content(tmp_path)
    (tmp_path / "settings.py").write_text('PATH = "content"\nTIMEZONE = "Europe/London"\n')
    return tmp_path


def new(board: Path, *flags: str):
    return run_board("--settings", "settings.py", "new", "--no-input", *flags, cwd=board,
                     env={"SOURCE_DATE_EPOCH": "1795000000"})


def test_flags_give_a_valid_commented_listing_that_editors_can_check(board: Path) -> None:
    result = new(board, *FLAGS)
    assert result.returncode == 0, result.stdout + result.stderr
    path = board / "content" / "opportunities" / "acme-analytics-clean-up-our-survey-data.yaml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schemas/opportunity.schema.json\n")
    assert "# Total hours of work for the whole project" in text
    assert "  currency: EUR\n" in text
    assert "  countries:\n  - DE\n  - AT\n" in text
    assert "posted: '2026-11-18'" in text
    assert run_board("--settings", "settings.py", "validate", cwd=board).returncode == 0


def test_a_new_organization_gets_its_own_file_too(board: Path) -> None:
    flags = [*FLAGS]
    flags[1] = "lakeside-clinic"
    result = new(board, *flags, "--org-name", "Lakeside Clinic", "--org-url", "https://lakeside.example",
                 "--org-summary", "A community health clinic serving the east side of town.",
                 "--org-maintainers", "lakeside-admin")
    assert result.returncode == 0, result.stdout + result.stderr
    organization = (board / "content" / "organizations" / "lakeside-clinic.yaml").read_text()
    assert organization.startswith("# yaml-language-server: $schema=../../schemas/organization.schema.json")
    assert "- lakeside-admin" in organization
    assert run_board("--settings", "settings.py", "validate", cwd=board).returncode == 0


def test_a_wrong_answer_given_as_a_flag_is_refused_and_nothing_is_written(board: Path) -> None:
    flags = [*FLAGS]
    flags[flags.index("https://acme-analytics.example/jobs/survey")] = "http://acme.example"
    result = new(board, *flags)
    assert result.returncode == 1
    assert "error: apply: 'http://acme.example' must be an https:// URL" in result.stderr
    assert list((board / "content" / "opportunities").iterdir()) == []


def test_a_missing_answer_names_its_flag(board: Path) -> None:
    result = new(board, *FLAGS[:4])
    assert result.returncode == 1
    assert "missing --summary" in result.stderr


def test_questions_are_asked_again_until_the_answer_is_valid(capsys: pytest.CaptureFixture) -> None:
    schema = json.loads((ROOT / "schemas" / "opportunity.schema.json").read_text())
    answers = iter(["data-analytics", "data-analysis"])
    asked: list[str] = []

    def ask(prompt: str, help_text: str) -> str:
        asked.append(prompt)
        return next(answers)

    category = [question for question in LISTING_QUESTIONS if question.key == "category"]
    assert collect(category, {}, schema, ask) == {"category": "data-analysis"}
    assert len(asked) == 2
    assert "is not one of" in capsys.readouterr().out
    with pytest.raises(NewListingError, match="category"):
        collect(category, {"category": "nope"}, schema, None)
    assert date.fromtimestamp(1795000000).isoformat() == "2026-11-18"


@pytest.mark.parametrize("bad_id", ["../../escaped", "Upper", "a/b", "x"])
def test_an_id_that_is_not_a_plain_slug_is_refused_and_nothing_is_written(board: Path, bad_id: str) -> None:
    result = new(board, *FLAGS, "--id", bad_id)
    assert result.returncode == 1
    assert "cannot be an id" in result.stderr
    assert list((board / "content" / "opportunities").iterdir()) == []
    assert not list(board.rglob("escaped.yaml"))
