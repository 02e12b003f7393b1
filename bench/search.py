"""Search benchmark: build a board of N synthetic listings, then measure search in headless Chromium.

    python bench/search.py              # N = 1,000 and 10,000
    python bench/search.py --sizes 1000 --queries 30

For each N it prints the median time from a keystroke to rendered results (over the queries, each
typed into a fresh page state), the bytes fetched for a first query (Pagefind index chunks,
filter chunks and result fragments), and the home page's weight (HTML, CSS and JavaScript before
any search fragment). Bytes are counted uncompressed and gzipped (what a CDN would send).
Targets at 10,000 listings: < 100 ms median, < 300 KB for a first query, < 100 KB home page.
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from generate import generate

from browser import playwright_browser, serve

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 22)
QUERIES = ["survey", "bakery", "pricing", "report", "museum", "volunteer", "design", "data", "grant", "routes",
           "impact", "energy", "sales", "support", "market", "portfolio", "interviews", "spreadsheet", "charity",
           "logistics"]


def build(count: int, folder: Path) -> float:
    generate(count, folder / "content", TODAY)
    epoch = str(int(datetime(2026, 11, 22, 12, tzinfo=UTC).timestamp()))
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pelican", str(folder / "content"), "-o", str(folder / "output"),
                    "-s", str(ROOT / "pelicanconf.py")], check=True, cwd=ROOT, capture_output=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "SOURCE_DATE_EPOCH": epoch})
    return time.perf_counter() - started


def measure(site: Path, queries: list[str]) -> dict[str, float]:
    with serve(site) as base, playwright_browser() as browser:
        page = browser.new_page()
        page.clock.set_fixed_time(datetime(2026, 11, 22, 12, tzinfo=UTC))
        fetched: list[tuple[str, bytes]] = []
        page.on("response", lambda response: fetched.append((response.url, _body(response))))
        page.goto(f"{base}/")
        _wait(page, "document.querySelector('#search').dataset.state === 'ready'")
        page.wait_for_timeout(500)
        home = [body for _, body in fetched]
        fetched.clear()
        first = _time_query(page, queries[0], focus=True)  # Pagefind is fetched on this first focus
        page.wait_for_timeout(500)
        first_query = [body for _, body in fetched]
        timings = [_time_query(page, query) for query in queries[1:]]
    return {
        "median_ms": statistics.median(timings), "p90_ms": sorted(timings)[int(len(timings) * 0.9) - 1],
        "first_ms": first, "first_query_kb": _kb(first_query), "first_query_gzip_kb": _kb(first_query, gzipped=True),
        "home_kb": _kb(home), "home_gzip_kb": _kb(home, gzipped=True),
    }


def _body(response) -> bytes:
    try:
        return response.body()
    except Exception:  # a redirect has no body
        return b""


def _time_query(page, query: str, focus: bool = False) -> float:
    """Milliseconds from the input event of the last keystroke to the results being in the page."""
    if focus:
        page.focus("#search-q")
    return page.evaluate("""async (query) => {
        const input = document.querySelector('#search-q');
        const status = document.querySelector('#search-status');
        if (input.value) {
            input.value = '';
            input.dispatchEvent(new Event('input'));
            await new Promise((resolve) => setTimeout(resolve, 300));
        }
        const before = status.textContent;
        const done = new Promise((resolve) => new MutationObserver((_, observer) => {
            if (status.textContent.includes(query)) { observer.disconnect(); resolve(performance.now()); }
        }).observe(status, {childList: true, characterData: true, subtree: true}));
        input.value = query;
        const start = performance.now();
        input.dispatchEvent(new Event('input'));
        return (await done) - start;
    }""", query)


def _wait(page, expression: str) -> None:
    for _ in range(600):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(50)
    raise RuntimeError(f"timed out: {expression}")


def _kb(bodies: list[bytes], gzipped: bool = False) -> float:
    return sum(len(gzip.compress(body, 6)) if gzipped else len(body) for body in bodies) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="board sizes (listings)")
    parser.add_argument("--queries", type=int, default=len(QUERIES), help="how many queries to time")
    parser.add_argument("--site", type=Path, help="measure this already built site instead of building")
    arguments = parser.parse_args()
    print(f"{'listings':>9} {'build s':>8} {'median ms':>10} {'p90 ms':>7} {'1st query ms':>13} "
          f"{'1st query KB':>13} {'(gzip)':>7} {'home KB':>8} {'(gzip)':>7}")
    for count in arguments.sizes:
        with tempfile.TemporaryDirectory() as folder:
            seconds = float("nan") if arguments.site else build(count, Path(folder))
            figures = measure(arguments.site or Path(folder) / "output", QUERIES[: arguments.queries])
        print(f"{count:>9} {seconds:>8.1f} {figures['median_ms']:>10.1f} {figures['p90_ms']:>7.1f} "
              f"{figures['first_ms']:>13.1f} {figures['first_query_kb']:>13.1f} {figures['first_query_gzip_kb']:>7.1f} "
              f"{figures['home_kb']:>8.1f} {figures['home_gzip_kb']:>7.1f}", flush=True)


if __name__ == "__main__":
    main()
