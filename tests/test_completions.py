"""Completions are validated like listings: example files are their specification, every schema
keyword and board rule has an example that breaks it, and the folder layout is checked too.

Each example in ``examples/completions/{valid,invalid}`` is placed at
``content/completions/acme-market-research/<name>.yaml``, beside the example listing it completes.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import shutil
from datetime import date
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from board.contribute.completion import identity_hash
from board.read.yaml_loader import load_yaml
from board.validate.catalog import validate_content
from board.validate.completions import CompletionContext, CompletionRules, completion_rule_table
from board.validate.urls import format_checker
from conftest import EXAMPLES, ROOT, board_settings, make_content, run_board
from test_validation_examples import EXPECT, keywords_in

COMPLETIONS = EXAMPLES / "completions"
LISTING = EXAMPLES / "valid" / "acme-market-research.yaml"
SETTINGS = 'PATH = "content"\nTIMEZONE = "Europe/London"\nSITEURL = "https://board.example"\n'


def content_with_listing(folder: Path) -> Path:
    content = make_content(folder)
    shutil.copy(LISTING, content / "opportunities" / LISTING.name)
    return content


def completion_problems(example: Path, folder: Path) -> list[str]:
    """Validate a content folder holding the example listing and this completion of it."""
    content = content_with_listing(folder)
    target = content / "completions" / LISTING.stem / example.name
    target.parent.mkdir(parents=True)
    shutil.copy(example, target)
    result = validate_content(board_settings(content))
    return [f"{p.line}:{p.column}: {p.severity.value}: {p.field + ': ' if p.field else ''}{p.message}"
            for p in result.problems]


def expected(example: Path) -> list[str]:
    return EXPECT.findall(example.read_text(encoding="utf-8"))


def examples(kind: str) -> list:
    return [pytest.param(path, id=path.stem) for path in sorted((COMPLETIONS / kind).glob("*.yaml"))]


@pytest.mark.parametrize("example", examples("valid"))
def test_a_valid_completion_reports_only_its_expected_warnings(example: Path, tmp_path: Path) -> None:
    assert all(": warning: " in line for line in expected(example))
    assert completion_problems(example, tmp_path) == expected(example)


@pytest.mark.parametrize("example", examples("invalid"))
def test_an_invalid_completion_reports_exactly_its_expected_errors(example: Path, tmp_path: Path) -> None:
    assert any(": error: " in line for line in expected(example)), "an invalid example must expect an error"
    assert completion_problems(example, tmp_path) == expected(example)


def test_every_keyword_the_completion_schema_refuses_by_is_broken_by_an_example() -> None:
    schema = json.loads((ROOT / "schemas" / "completion.schema.json").read_text())
    validator = Draft202012Validator(schema, format_checker=format_checker)
    documents = [load_yaml(path) for path in sorted((COMPLETIONS / "invalid").glob("*.yaml"))]
    broken = {error.validator for document in documents for error in validator.iter_errors(document.data)}
    refusing = keywords_in(schema["properties"]) | {"dependentRequired"}  # not a keyword listings use
    assert refusing - broken == set()


def test_every_completion_rule_is_broken_by_an_example(tmp_path: Path) -> None:
    content = content_with_listing(tmp_path)
    catalog = validate_content(board_settings(content)).catalog
    assert catalog is not None
    listing = catalog.listings[LISTING.stem]
    contexts = [CompletionContext(load_yaml(path), listing, date.today(), ())
                for kind in ("valid", "invalid") for path in sorted((COMPLETIONS / kind).glob("*.yaml"))]
    silent = [rule.__name__ for fields, rule in completion_rule_table()
              if not any(list(rule(context)) for context in contexts if all(field in context.data for field in fields))]
    assert silent == []
    assert CompletionRules(catalog.listings, date.today()).listings == catalog.listings


def test_the_folder_names_the_listing_and_ids_are_unique_across_the_board(tmp_path: Path) -> None:
    content = content_with_listing(tmp_path)
    completions = content / "completions"
    valid = (COMPLETIONS / "valid" / "anonymous.yaml").read_text()
    (completions / "acme-market-reserch").mkdir(parents=True)
    (completions / "acme-market-reserch" / "first-record.yaml").write_text(valid)
    (completions / "acme-market-research").mkdir()
    (completions / "acme-market-research" / "first-record.yaml").write_text(valid)
    (completions / "stray.yaml").write_text(valid)
    (content / "opportunities" / "second-study.yaml").write_text(LISTING.read_text().replace("title:", "titel:"))
    (completions / "second-study").mkdir()
    (completions / "second-study" / "first-record.yaml").write_text(valid)
    (completions / "second-study" / "other-record.yaml").write_text(valid)
    result = validate_content(board_settings(content))
    found = [(p.file.relative_to(content).as_posix(), p.message, p.hint) for p in result.problems
             if p.file.is_relative_to(completions)]
    assert found == [
        ("completions/acme-market-reserch", "no listing 'acme-market-reserch' in content/opportunities/",
         "did you mean 'acme-market-research'?"),
        ("completions/second-study/first-record.yaml", "the id 'first-record' is already used by "
         "acme-market-research/first-record.yaml; a completion's id is its address", "rename it, e.g. to "
         "first-record-2.yaml"),
        ("completions/second-study/other-record.yaml", "its listing 'second-study' has errors of its own",
         "fix content/opportunities/second-study.yaml first"),
        ("completions/stray.yaml", "only folders named after a listing belong here",
         "move it to completions/<listing-id>/stray.yaml"),
    ]
    assert result.catalog is not None and list(result.catalog.completions) == ["first-record"]


def test_a_board_without_a_completions_folder_is_fine(tmp_path: Path) -> None:
    content = content_with_listing(tmp_path)
    result = validate_content(board_settings(content))
    assert result.ok and result.catalog is not None and result.catalog.completions == {}


def test_the_sample_completions_hold_no_email_address() -> None:
    address = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
    files = sorted((ROOT / "content" / "completions").rglob("*.yaml"))
    assert len(files) >= 3
    assert [path.name for path in files if address.search(path.read_text())] == []


def record(content: Path, *flags: str) -> tuple[int, str, str]:
    result = run_board("--settings", str(content.parent / "pelicanconf.py"), "completion", "--no-input", *flags,
                       cwd=content.parent)
    return result.returncode, result.stdout, result.stderr


def test_make_completion_writes_the_salted_hash_and_never_the_address(tmp_path: Path) -> None:
    content = content_with_listing(tmp_path)
    (tmp_path / "pelicanconf.py").write_text(SETTINGS)
    address = f"  Student.{secrets.token_hex(4)}@Example.ORG "
    status, out, err = record(content, "--listing", LISTING.stem, "--email", address, "--id", "deck-study",
                              "--started", "2026-11-03", "--finished", "2026-11-20", "--issued", "2026-11-21",
                              "--hours", "14", "--delivered", "2, 1", "--paid-amount", "600",
                              "--statement", "Thorough research and a clear deck for our board.")
    assert (status, err) == (0, ""), out
    written = content / "completions" / LISTING.stem / "deck-study.yaml"
    assert out.splitlines()[0] == f"Wrote {written} (the email address itself is not in it)"
    text = written.read_text()
    assert address.strip().lower() not in text.lower() and "@" not in text
    data = load_yaml(written).data
    expected_hash = hashlib.sha256((address.strip().lower() + data["student"]["salt"]).encode()).hexdigest()
    assert data["student"] == {"identity": f"sha256${expected_hash}", "salt": data["student"]["salt"]}
    assert data["delivered"] == ["A spreadsheet of prices per city", "A 10-slide deck comparing operators"]
    assert data["paid"] == {"amount": 600, "currency": "EUR"}
    assert validate_content(board_settings(content)).ok


def test_make_completion_salts_every_record_afresh(tmp_path: Path) -> None:
    salts = {identity_hash("same@example.org", secrets.token_hex(16)) for _ in range(3)}
    assert len(salts) == 3


@pytest.mark.parametrize(("flags", "message"), [
    (("--listing", "no-such-listing"), "error: no valid listing 'no-such-listing' in "),
    (("--listing", LISTING.stem, "--email", "not-an-address"), "error: --email: that is not an email address"),
    (("--listing", LISTING.stem, "--email", "a@b.example", "--started", "2026-11-03", "--finished", "2026-11-20",
      "--hours", "14", "--delivered", "all", "--statement", "Thorough research and a clear deck.",
      "--paid-amount", "600", "--student-name", "Ada Fictional"),
     "error: a name needs --student-name-confirmed-by: the address of the student's own confirmation"),
    (("--listing", LISTING.stem, "--email", "a@b.example", "--started", "3 Nov"),
     "error: started: '3 Nov' must be a date written YYYY-MM-DD"),
])
def test_make_completion_refuses_what_it_cannot_write(tmp_path: Path, flags: tuple[str, ...], message: str) -> None:
    content = content_with_listing(tmp_path)
    (tmp_path / "pelicanconf.py").write_text(SETTINGS)
    status, _, err = record(content, *flags)
    assert status == 1 and err.startswith(message), err
    assert not (content / "completions").exists()
