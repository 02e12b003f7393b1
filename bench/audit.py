"""Lighthouse 12 over the sample board as a deploy publishes it (publishconf.py), offline, in Debian's
chromium (CHROME_PATH; nothing downloads a browser): mobile and desktop, on the home page, a listing,
a search and a category page. Prints the README's table (`make audit`).

    python bench/audit.py                  # build the sample board, serve it, audit it
    python bench/audit.py --site output    # audit a site already built with publishconf.py for --port

Targets: every score >= 95 and CLS < 0.05. Exits 1 when one is missed. Not a test: Lighthouse's
performance score depends on the machine's load.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from board.contribute.samples import shift_completion_dates, shift_dates  # noqa: E402
from browser import serve  # noqa: E402 - tests/ is put on the path just above
from conftest import CONTENT, epoch_at, run_pelican  # noqa: E402

LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
PAGES = {"home": "/", "listing": "/opportunities/eastside-food-bank-survey-analysis/", "search": "/?q=survey",
         "category": "/categories/data-analysis/"}
CATEGORIES = {"performance": "Performance", "accessibility": "Accessibility", "best-practices": "Best practices",
              "seo": "SEO"}
MIN_SCORE, MAX_CLS = 95, 0.05


def lighthouse(url: str, form_factor: str, report: Path) -> dict[str, float]:
    """One Lighthouse run: the four category scores (0-100) and the cumulative layout shift."""
    preset = ["--preset=desktop"] if form_factor == "desktop" else []
    subprocess.run([str(LIGHTHOUSE), url, *preset, "--output=json", f"--output-path={report}", "--quiet",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                   check=True, env={**os.environ, "CHROME_PATH": CHROME}, timeout=300)
    result = json.loads(report.read_text())
    scores = {key: round(result["categories"][key]["score"] * 100) for key in CATEGORIES}
    return scores | {"cls": result["audits"]["cumulative-layout-shift"]["numericValue"]}


def table(rows: list[tuple[str, str, dict[str, float]]]) -> str:
    lines = ["| Page | Form factor | " + " | ".join(CATEGORIES.values()) + " | CLS |",
             "|---|---|" + "---:|" * (len(CATEGORIES) + 1)]
    for page, form_factor, found in rows:
        scores = " | ".join(str(found[key]) for key in CATEGORIES)
        lines.append(f"| {page} | {form_factor} | {scores} | {found['cls']:.3f} |")
    return "\n".join(lines)


def audit(url: str, reports: Path) -> list[tuple[str, str, dict[str, float]]]:
    rows = []
    for form_factor in ("mobile", "desktop"):
        for page, path in PAGES.items():
            found = lighthouse(url + path, form_factor, reports / f"{page}-{form_factor}.json")
            print(f"{page} ({form_factor}): {found}", file=sys.stderr)
            rows.append((page, form_factor, found))
    return rows


def build_for_today(content: Path, site: Path, url: str) -> None:
    """The sample board as if its newest listing were posted today, as `make shift-dates` moves it:
    built on the sample's own day, listings the browser's clock has closed since would disappear as
    search.js starts, a shift no deployed board (rebuilt daily) shows."""
    shutil.copytree(CONTENT, content)
    today = datetime.now(UTC).date()
    days, _ = shift_dates(content / "opportunities", today)
    shift_completion_dates(content / "completions", days)
    built = run_pelican(content, site, epoch_at(today), "publishconf.py", {"SITEURL": url})
    if built.returncode:
        sys.exit(built.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="an already built site (publishconf.py) to audit")
    parser.add_argument("--reports", type=Path, help="keep Lighthouse's JSON reports in this folder")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        site = arguments.site or Path(folder) / "site"
        reports = arguments.reports or Path(folder) / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        with serve(site) as url:
            url = url.replace("127.0.0.1", "localhost")  # a secure context for Chromium, as HTTPS is in production
            if not arguments.site:
                build_for_today(Path(folder) / "content", site, url)
            rows = audit(url, reports)
    print(table(rows))
    missed = [(page, form_factor) for page, form_factor, found in rows
              if min(found[key] for key in CATEGORIES) < MIN_SCORE or found["cls"] >= MAX_CLS]
    if missed:
        print(f"Below {MIN_SCORE} or CLS >= {MAX_CLS}: {missed}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
