"""`python -m board validate`: every problem, compiler style, with the right exit status."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, make_content, run_board


@pytest.fixture
def board(tmp_path: Path) -> Path:
    """A folder with a settings file and a content folder holding two valid listings."""
    content = make_content(tmp_path)
    for name in ("acme-market-research.yaml", "north-pier-onsite-hourly.yaml"):
        shutil.copy(EXAMPLES / "valid" / name, content / "opportunities" / name)
    (tmp_path / "settings.py").write_text('PATH = "content"\nTIMEZONE = "Europe/London"\n')
    return tmp_path


def add_example(board: Path, kind: str, name: str) -> None:
    shutil.copy(EXAMPLES / kind / f"{name}.yaml", board / "content" / "opportunities" / f"{name}.yaml")


def validate(board: Path, **env: str):
    return run_board("--settings", "settings.py", "validate", cwd=board, env=env or None)


def test_valid_content_passes_with_a_summary(board: Path) -> None:
    result = validate(board)
    assert result.returncode == 0
    assert result.stdout == ""
    assert "Checked 5 file(s): passed with 0 errors and 0 warnings." in result.stderr


def test_every_problem_in_every_file_is_listed_compiler_style(board: Path) -> None:
    add_example(board, "invalid", "apply-url-not-https")
    add_example(board, "invalid", "hourly-with-amount")
    result = validate(board)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "content/opportunities/apply-url-not-https.yaml:25:8: error: apply.url: 'http://acme.com' " \
           "must be an https:// URL" in lines
    hourly = [line for line in lines if line.startswith("content/opportunities/hourly-with-amount.yaml:")]
    assert len(hourly) == 3
    assert "    hint: add it, for example: min: 22" in lines
    assert "failed with 4 errors and 0 warnings" in result.stderr
    assert "Traceback" not in result.stderr


def test_warnings_are_printed_but_do_not_fail(board: Path) -> None:
    add_example(board, "valid", "low-pay-warns")
    result = validate(board)
    assert result.returncode == 0
    assert "content/opportunities/low-pay-warns.yaml:18:3: warning: compensation: pays about 10.00 EUR per hour" \
        in result.stdout


def test_under_github_actions_problems_are_also_annotations(board: Path) -> None:
    add_example(board, "invalid", "apply-url-not-https")
    result = validate(board, GITHUB_ACTIONS="true")
    assert "::error file=content/opportunities/apply-url-not-https.yaml,line=25,col=8::apply.url: " \
           "'http://acme.com' must be an https:// URL" in result.stdout


def test_a_broken_organization_is_reported_and_its_listings_are_not_published(board: Path) -> None:
    organization = board / "content" / "organizations" / "north-pier-press.yaml"
    organization.write_text(organization.read_text().replace("url: https://", "url: http://"))
    result = validate(board)
    assert result.returncode == 1
    assert "content/organizations/north-pier-press.yaml:2:6: error: url: 'http://north-pier-press.example' " \
           "must be an https:// URL" in result.stdout
    assert "content/opportunities/north-pier-onsite-hourly.yaml:3:15: error: organization: " \
           "'north-pier-press' has errors of its own" in result.stdout


def test_a_missing_settings_file_is_a_clear_usage_error(tmp_path: Path) -> None:
    result = run_board("--settings", "nowhere.py", "validate", cwd=tmp_path)
    assert result.returncode != 0
    assert "settings file nowhere.py not found" in result.stderr


@pytest.mark.parametrize("command", ["validate", "schema", "shift-dates"])
def test_every_command_explains_itself(command: str) -> None:
    result = run_board(command, "--help")
    assert result.returncode == 0
    assert "usage: python -m board" in result.stdout


def test_an_internal_failure_names_the_file_and_exits_3_without_a_traceback(board: Path) -> None:
    # A sitecustomize module breaks one rule, as a bug would; the content itself is fine.
    (board / "sitecustomize.py").write_text(
        "import board.validate.rules as rules\n"
        "def broken(context):\n    raise KeyError('surprise')\n"
        "rules._organization = broken\n"
    )
    result = validate(board, PYTHONPATH=f"{board}:{ROOT / 'plugins'}")
    assert result.returncode == 3
    assert "internal error while checking " in result.stderr and "acme-market-research.yaml" in result.stderr
    assert "please report it" in result.stderr
    assert "Traceback" not in result.stderr


def test_given_files_only_those_listings_are_checked_with_every_organization(board: Path) -> None:
    add_example(board, "invalid", "apply-url-not-https")
    add_example(board, "invalid", "hourly-with-amount")
    changed = "content/opportunities/hourly-with-amount.yaml"
    result = run_board("--settings", "settings.py", "validate", changed, cwd=board)
    assert result.returncode == 1
    assert result.stdout.count("error:") >= 1
    assert all(line.startswith((changed, "    hint:")) for line in result.stdout.splitlines())
    organizations = len(list((board / "content" / "organizations").glob("*.yaml")))
    assert f"Checked {1 + organizations + 1} file(s)" in result.stderr  # the listing, organizations, vocabulary


def test_given_a_file_outside_the_listings_folder_validate_says_so(board: Path) -> None:
    result = run_board("--settings", "settings.py", "validate", "settings.py", cwd=board)
    assert result.returncode != 0
    assert "error: settings.py is not a listing file in " in result.stderr
    assert result.stderr.rstrip().endswith("content/opportunities/")
