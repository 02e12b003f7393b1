"""Large folders are checked on every core, with exactly the outcome of checking them one by one."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

import board.core.parallel as parallel
import board.validate.catalog as catalog
from board.core.errors import InternalError
from board.render.prepared import ListingPreparer
from conftest import EXAMPLES, board_settings, make_content

VALID = (EXAMPLES / "valid" / "acme-market-research.yaml").read_text()
COUNT = parallel.PARALLEL_FROM + 20
BROKEN = ["duplicate-key", "apply-url-not-https", "organization-unknown"]  # YAML, schema, board rule


@pytest.fixture(scope="module")
def large_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """More listings than the parallel threshold, three of them broken at each stage of checking."""
    content = make_content(tmp_path_factory.mktemp("large"),
                           {f"listing-{number:04d}.yaml": VALID for number in range(COUNT)})
    for name in BROKEN:
        shutil.copy(EXAMPLES / "invalid" / f"{name}.yaml", content / "opportunities" / f"{name}.yaml")
    return content


def outcome(result: catalog.Result) -> tuple:
    return result.problems, sorted(result.catalog.listings), result.files_checked


def test_checking_in_worker_processes_finds_exactly_what_checking_one_by_one_finds(
        large_content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    in_parallel = catalog.validate_content(board_settings(large_content))
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10**9)
    one_by_one = catalog.validate_content(board_settings(large_content))
    assert outcome(in_parallel) == outcome(one_by_one)
    assert {problem.file.stem for problem in in_parallel.errors} == set(BROKEN)
    assert len(in_parallel.catalog.listings) == COUNT


def test_a_crash_while_checking_in_a_worker_names_the_file(large_content: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    check_text = catalog.text_problems

    def explode_on_listings(document: catalog.Document) -> object:
        if document.path.parent.name == "opportunities":
            raise RuntimeError("boom")
        return check_text(document)

    monkeypatch.setattr(catalog, "text_problems", explode_on_listings)
    with pytest.raises(InternalError, match=r"internal error while checking .*/opportunities/[a-z0-9-]+\.yaml: "
                                                    r"RuntimeError: boom"):
        catalog.validate_content(board_settings(large_content))


def test_listings_prepared_in_worker_processes_are_those_prepared_one_by_one(
        large_content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = board_settings(large_content)
    listings = catalog.validate_content(settings).catalog
    preparer = ListingPreparer(listings, settings, date(2026, 11, 2),
                               lambda listing_id: f"https://board.example/opportunities/{listing_id}/")
    in_parallel = preparer.prepare_all(listings.listings.values())
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10**9)
    one_by_one = preparer.prepare_all(listings.listings.values())
    assert len(in_parallel) == COUNT
    assert in_parallel == one_by_one
