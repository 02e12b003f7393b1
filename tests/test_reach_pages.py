"""The pages this board adds for career offices and subscribers (the embed builder, the digest's
archive, Subscribe, API) and the digest email itself: no serious or critical accessibility
violation (axe-core) and nothing wider than a 360 px phone, in light and dark."""

from __future__ import annotations

from pathlib import Path

import pytest

from board.render.digest import Week
from browser import serve
from conftest import ROOT, epoch_at, run_board, sample_today

AXE = (ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js").read_text()
LAST_WEEK = Week.of(sample_today()).before


@pytest.fixture(scope="module")
def email_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("digest")
    result = run_board("digest", "--out", str(folder), env={"SOURCE_DATE_EPOCH": epoch_at(sample_today())})
    assert result.returncode == 0, result.stderr
    return folder / LAST_WEEK.id


def serious_violations(page) -> list[tuple]:
    page.evaluate(AXE)  # evaluated by the test harness, so the page's own policy stays as it is
    report = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [(violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]][:3])
            for violation in report["violations"] if violation["impact"] in ("serious", "critical")]


@pytest.mark.parametrize(("path", "scheme"), [
    *((path, "light") for path in ("embed-listings/", "digest/", f"digest/{LAST_WEEK.id}/", "subscribe/", "api/")),
    ("embed-listings/", "dark"), ("email", "light"), ("email", "dark"),  # their own colours in dark mode
])
def test_pages_are_accessible_and_fit_a_phone(browser, sample_site: Path, email_folder: Path, path: str,
                                              scheme: str) -> None:
    with serve(sample_site, cors=True) as board, serve(email_folder) as mail:
        page = browser.new_page(viewport={"width": 360, "height": 800}, color_scheme=scheme)
        page.goto(f"{mail}/all.html" if path == "email" else f"{board}/{path}")
        page.wait_for_load_state("networkidle")
        assert serious_violations(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
