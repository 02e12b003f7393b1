"""Refresh the screenshots in docs/ from the built board (`make screenshot`), in Debian's Chromium:
docs/screenshot.png for the README, and the home page, a search with filters, a listing and the
Saved page at 360x740 (a phone) and 1280x800 (a laptop), as docs/screens/<page>-<width>.png.

    python docs/screenshot.py [--site output] [--today 2026-11-22]
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import playwright_browser, serve  # noqa: E402

SIZES = {"360": {"width": 360, "height": 740}, "1280": {"width": 1280, "height": 800}}


def wait_ready(page, selector: str = "#search") -> None:
    for _ in range(200):
        if page.evaluate(f"document.querySelector('{selector}')?.dataset.state === 'ready'"):
            return
        page.wait_for_timeout(50)
    raise RuntimeError(f"{selector} never became ready")


def shoot(site: Path, folder: Path, today: date | None) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    shots = []
    with serve(site) as base, playwright_browser() as browser:
        for width, viewport in SIZES.items():
            context = browser.new_context(viewport=viewport, device_scale_factor=1)
            page = context.new_page()
            if today:
                page.clock.set_fixed_time(datetime.combine(today, time(12), ZoneInfo("Europe/London")))
            page.goto(f"{base}/")
            wait_ready(page)
            shots.append(_save(page, folder / f"home-{width}.png"))
            page.goto(f"{base}/?q=research&mode=Remote&sort=pay")
            wait_ready(page)
            if width == "360":
                page.click("#filters-open")
                page.wait_for_timeout(300)
            shots.append(_save(page, folder / f"search-filters-{width}.png"))
            first = page.eval_on_selector("#search-results .card__title a", "link => link.href") \
                if width == "1280" else None
            page.goto(first or f"{base}/opportunities/kilimo-pay-agro-dealer-interviews/")
            page.wait_for_timeout(300)
            page.click(".listing__actions [data-save]")
            page.evaluate("window.scrollTo(0, 0)")
            if width == "360":
                page.mouse.wheel(0, 700)  # into the description: the Apply bar stays at the bottom
            page.wait_for_timeout(300)
            shots.append(_save(page, folder / f"listing-{width}.png"))
            page.goto(f"{base}/saved/")
            wait_ready(page, "#saved")
            shots.append(_save(page, folder / f"saved-{width}.png"))
            context.close()
        page = browser.new_page(viewport={"width": 1280, "height": 1100})
        page.goto(f"{base}/?q=research")
        wait_ready(page)
        shots.append(_save(page, ROOT / "docs" / "screenshot.png"))
    return shots


def _save(page, path: Path) -> Path:
    page.screenshot(path=str(path))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "output")
    parser.add_argument("--today", type=date.fromisoformat, help="the browser's day (default: the real one)")
    arguments = parser.parse_args()
    for path in shoot(arguments.site, ROOT / "docs" / "screens", arguments.today):
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
