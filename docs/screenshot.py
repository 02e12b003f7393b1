"""Refresh docs/screenshot.png: the built board's home page in Debian's Chromium (`make screenshot`)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import playwright_browser, serve  # noqa: E402


def main() -> None:
    with serve(ROOT / "output") as base, playwright_browser() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 1100})
        page.goto(f"{base}/")
        page.wait_for_selector("#search:not([hidden])")
        page.click("#search-q")
        page.keyboard.type("research")
        page.wait_for_timeout(1500)
        page.screenshot(path=str(ROOT / "docs" / "screenshot.png"))


if __name__ == "__main__":
    main()
