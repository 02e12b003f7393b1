"""Search benchmark: build a board of N synthetic listings, then measure browsing and search in
headless Chromium (Debian's), offline.

    python bench/search.py              # N = 1,000 and 10,000 (make bench-search)
    python bench/search.py --sizes 1000 --runs 20
    python bench/search.py --site output --sizes 34   # an already built site

For each N, each figure a median over --runs (20) in one page, 300 ms apart:
- filter ms: from a facet change to the first screen of results, with counts and chips rendered
  (browse index only);
- query ms (median and p90): from the last keystroke's input event to the first screen of results
  (the status and the first cards; search.js shows two, then the rest of its page of 12), with no
  filter chosen ("closed") and with one chosen ("open", Where: Remote); 12 cards ms: to the whole
  page of 12 results (median, filters closed);
- Pagefind alone ms (median and p90): Pagefind's own search call for the same queries, warm, for
  comparison: on words that nearly every synthetic listing uses it takes hundreds of ms by itself;
- index KB: search/index.json gzipped, the facet index the home page loads;
- 1st query KB: every byte fetched from focusing the search box to the first results (Pagefind's
  code, wasm and index chunks, the page map, cards and fragments), gzipped as a CDN would send it;
- home KB: the home page with its CSS, JavaScript and index, gzipped; home CLS: its cumulative
  layout shift as it loads (the search form is rendered with the build's counts, so ~0).
Targets at 10,000: filter < 30 ms; query < 60 ms median and < 150 ms p90, filters open or closed;
index < 60 KB; first query < 250 KB.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import mimetypes
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from generate import generate

from browser import playwright_browser

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 22)
QUERIES = ["survey", "bakery", "pricing", "report", "museum", "volunteer", "design", "data", "grant", "routes",
           "impact", "energy", "sales", "support", "market", "portfolio", "interviews", "spreadsheet", "charity",
           "logistics", "pyhton"]
TARGETS = {"filter_ms": 30, "query_ms": 60, "query_p90_ms": 150, "query_open_ms": 60, "query_open_p90_ms": 150,
           "index_gzip_kb": 60, "first_query_gzip_kb": 250}

LAYOUT_SHIFT = """() => new Promise((resolve) => {
    new PerformanceObserver((list) => resolve(list.getEntries().reduce((sum, entry) =>
        sum + (entry.hadRecentInput ? 0 : entry.value), 0))).observe({type: 'layout-shift', buffered: true});
    setTimeout(() => resolve(0), 300);  // no shift at all: the observer never reports
})"""
RENDERED = """(action) => new Promise((resolve) => {
    // [first screen, whole page]: the first cards and the status, then the rest of the 12 cards
    const section = document.querySelector('#search');
    const list = document.querySelector('#search-results');
    let start, shown;
    const check = () => {
        if (shown === undefined && section.dataset.state === 'ready') shown = performance.now() - start;
        if (shown !== undefined && list.dataset.complete !== 'false') {
            observer.disconnect();
            resolve([shown, performance.now() - start]);
        }
    };
    const observer = new MutationObserver(check);
    observer.observe(section, {attributes: true, subtree: true, attributeFilter: ['data-state', 'data-complete']});
    start = performance.now();
    window.__benchAction(action);
})"""
ACTIONS = """() => { window.__benchAction = ([kind, name, value]) => {
    if (kind === 'query') {
        const input = document.querySelector('#search-q');
        input.value = value;
        input.dispatchEvent(new Event('input'));
    } else {
        const control = document.querySelector(`#filter-panel input[name="${name}"][value="${value}"]`);
        control.checked = !control.checked;
        control.dispatchEvent(new Event('change', {bubbles: true}));
    }
}; }"""


def build(count: int, folder: Path) -> float:
    generate(count, folder / "content", TODAY)
    epoch = str(int(datetime(2026, 11, 22, 12, tzinfo=UTC).timestamp()))
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pelican", str(folder / "content"), "-o", str(folder / "output"),
                    "-s", str(ROOT / "pelicanconf.py")], check=True, cwd=ROOT, capture_output=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "SOURCE_DATE_EPOCH": epoch})
    return time.perf_counter() - started


@contextmanager
def serve_static(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on loopback with keep-alive, from memory once read, as a CDN edge would.
    (tests/browser.serve, on http.server, spends about 2 ms of Python per request, which would be
    most of what is measured here.)"""
    loop = asyncio.new_event_loop()
    cache: dict[str, bytes | None] = {}

    def body_of(path: str) -> bytes | None:
        if path not in cache:
            target = (folder / unquote(path).lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            inside = target.is_relative_to(folder.resolve()) and target.is_file()
            cache[path] = target.read_bytes() if inside else None
        return cache[path]

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while request := await reader.readuntil(b"\r\n\r\n"):
                path = urlsplit(request.split(b" ", 2)[1].decode()).path
                body = body_of(path)
                kind = mimetypes.guess_type(path if not path.endswith("/") else "index.html")[0]
                status = b"200 OK" if body is not None else b"404 Not Found"
                body = body if body is not None else b"not found"
                writer.write(b"HTTP/1.1 " + status + b"\r\nContent-Length: " + str(len(body)).encode()
                             + b"\r\nContent-Type: " + (kind or "application/octet-stream").encode()
                             + b"\r\n\r\n" + body)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = loop.run_until_complete(asyncio.start_server(handle, "127.0.0.1", 0))
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join()


def measure(site: Path, runs: int) -> dict[str, float]:
    with serve_static(site) as base, playwright_browser() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.clock.set_fixed_time(datetime(2026, 11, 22, 12, tzinfo=UTC))
        fetched: list[bytes] = []
        page.on("response", lambda response: fetched.append(_body(response)))
        page.goto(f"{base}/")
        _wait_ready(page)
        page.wait_for_timeout(500)
        home = list(fetched)
        shift = float(page.evaluate(LAYOUT_SHIFT))
        page.evaluate(ACTIONS)
        fetched.clear()
        page.focus("#search-q")  # Pagefind is fetched from here on
        first_ms = _timed(page, ("query", "", QUERIES[0]))
        page.wait_for_timeout(500)
        first_query = list(fetched)
        WHOLE_PAGE.clear()
        queries = [_timed(page, ("query", "", query)) for query in _cycle(QUERIES[1:], runs)]
        whole_queries = list(WHOLE_PAGE)
        _timed(page, ("query", "", ""))
        filters = _filter_values(page)
        filter_ms = [_timed(page, ("filter", name, value)) for name, value in _cycle(filters, runs)]
        engine = _pagefind_alone(page, _cycle(QUERIES[1:], runs))
        page.goto(f"{base}/?mode=Remote")
        _wait_ready(page)
        page.evaluate(ACTIONS)
        page.focus("#search-q")
        _timed(page, ("query", "", QUERIES[0]))  # Pagefind's first query (its loading) is timed above
        open_queries = [_timed(page, ("query", "", query)) for query in _cycle(QUERIES[1:], runs)]
    return {
        "filter_ms": statistics.median(filter_ms), "query_ms": statistics.median(queries),
        "query_p90_ms": _p90(queries), "query_page_ms": statistics.median(whole_queries),
        "pagefind_ms": statistics.median(engine), "pagefind_p90_ms": _p90(engine),
        "query_open_ms": statistics.median(open_queries),
        "query_open_p90_ms": _p90(open_queries), "first_ms": first_ms,
        "index_gzip_kb": _kb([(site / "search" / "index.json").read_bytes()]),
        "first_query_gzip_kb": _kb(first_query), "home_gzip_kb": _kb(home), "home_cls": shift,
    }


def _pagefind_alone(page, queries: list[str]) -> list[float]:
    """Pagefind's own time for each query (its search call alone, warm), for comparison."""
    return page.evaluate("""async ([script, queries]) => {
        const pagefind = await import(script);
        const times = [];
        for (const query of queries) {
            await new Promise((resolve) => setTimeout(resolve, 300));
            const start = performance.now();
            await pagefind.search(query);
            times.push(performance.now() - start);
        }
        return times;
    }""", [page.evaluate("new URL(document.querySelector('#search').dataset.pagefind, location.href).href"),
           queries])


def _filter_values(page) -> list[tuple[str, str]]:
    """Facet values to toggle: each one on, then off again, across several facets."""
    values = page.eval_on_selector_all(
        "#filter-panel input[type=checkbox]", "inputs => inputs.slice(0, 24).map(i => [i.name, i.value])")
    return [pair for value in values for pair in (value, value)]


def _cycle(items: list, count: int) -> list:
    return [items[index % len(items)] for index in range(count)]


def _timed(page, action: tuple[str, str, str]) -> float:
    """One action's milliseconds to its first screen, after a pause as a student's (so the last
    one's excerpts are in); the whole page's time is kept in WHOLE_PAGE."""
    page.wait_for_timeout(300)
    shown, whole = page.evaluate(RENDERED, list(action))
    WHOLE_PAGE.append(float(whole))
    return float(shown)


WHOLE_PAGE: list[float] = []


def _wait_ready(page) -> None:
    for _ in range(600):
        if page.evaluate("document.querySelector('#search')?.dataset.state === 'ready'"):
            return
        page.wait_for_timeout(50)
    raise RuntimeError("the home page's search never became ready")


def _p90(values: list[float]) -> float:
    return sorted(values)[max(int(len(values) * 0.9) - 1, 0)]


def _body(response) -> bytes:
    try:
        return response.body()
    except Exception:  # a redirect has no body
        return b""


def _kb(bodies: list[bytes]) -> float:
    return sum(len(gzip.compress(body, 6)) for body in bodies) / 1024


COLUMNS = [("listings", "listings", 9, "d"), ("build s", "build_s", 8, ".1f"), ("filter ms", "filter_ms", 10, ".1f"),
           ("query ms", "query_ms", 9, ".1f"), ("p90", "query_p90_ms", 6, ".1f"),
           ("12 cards ms", "query_page_ms", 12, ".1f"),
           ("Pagefind alone ms", "pagefind_ms", 18, ".1f"), ("p90", "pagefind_p90_ms", 6, ".1f"),
           ("query+filter ms", "query_open_ms", 16, ".1f"), ("p90", "query_open_p90_ms", 6, ".1f"),
           ("1st query ms", "first_ms", 13, ".1f"), ("index KB gz", "index_gzip_kb", 12, ".1f"),
           ("1st query KB gz", "first_query_gzip_kb", 16, ".1f"), ("home KB gz", "home_gzip_kb", 11, ".1f"),
           ("home CLS", "home_cls", 9, ".3f")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="board sizes (listings)")
    parser.add_argument("--runs", type=int, default=20, help="measurements per median")
    parser.add_argument("--site", type=Path, help="measure this already built site instead of building")
    arguments = parser.parse_args()
    print(" ".join(f"{title:>{width}}" for title, _, width, _ in COLUMNS))
    missed = []
    for count in arguments.sizes:
        with tempfile.TemporaryDirectory() as folder:
            seconds = float("nan") if arguments.site else build(count, Path(folder))
            figures = {"listings": count, "build_s": seconds,
                       **measure(arguments.site or Path(folder) / "output", arguments.runs)}
        print(" ".join(f"{figures[key]:>{width}{form}}" for _, key, width, form in COLUMNS), flush=True)
        if count >= 10000:
            missed += [f"{key} {figures[key]:.1f} (target < {limit})" for key, limit in TARGETS.items()
                       if figures[key] >= limit]
    print("Targets at 10,000: " + ("all met" if not missed else "missed: " + "; ".join(missed)))


if __name__ == "__main__":
    main()
