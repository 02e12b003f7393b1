"""How soon `make devserver` serves a saved edit to one listing, on N generated listings.

    python bench/devserver.py                        # 10,000 heavy listings, 5 edits
    python bench/devserver.py --size 1000 --edits 3

The content is prepared as bench/compare.py prepares it (and reused from its work folder). The
dev server (`python -m board serve --autoreload`) starts on it and makes its first full build;
then, EDITS times, one open listing's title is changed (a different listing each time; all are
restored at the end) and three addresses are polled every 20 ms until each shows the new title:
the listing's page, its organization's list page and its organization's Atom feed. Printed: per
edit, the seconds from the saved file to the page, and to all three; their medians; and how long
after the last edit the full build in the background caught up (search index, API and every
page current). Edits follow each other without waiting for that build, as a person's do.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from datetime import date
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from compare import DEFAULT_WORK, TODAY, prepare
from steps import OURS_ENV, ROOT, Site

POLL = 0.02  # seconds between two requests for the same address


def main() -> None:
    arguments = _parser().parse_args()
    site = Site(arguments.size, arguments.work.resolve() / f"heavy-{arguments.size}")
    prepare(site, "heavy")
    listings = _open_listings(site, arguments.edits)
    originals = {path: path.read_text(encoding="utf-8") for path in listings}
    output, log = site.folder / "devserver-output", site.folder / "devserver.log"
    port = _free_port()
    with log.open("w") as stderr:
        server = subprocess.Popen([sys.executable, "-m", "board", "-s", str(site.settings), "serve", "--autoreload",
                                   "--output", str(output), "--port", str(port)], cwd=ROOT, env=OURS_ENV,
                                  stderr=stderr, stdout=subprocess.DEVNULL)
    try:
        started = time.perf_counter()
        _wait(lambda: "Built the whole site" in log.read_text(), server, 1800)
        print(f"N={arguments.size:,}: first full build {time.perf_counter() - started:.1f} s", file=sys.stderr)
        figures = [_edit(path, number, port, server) for number, path in enumerate(listings, start=1)]
        last_edit = time.perf_counter()
        _wait(lambda: log.read_text().count("The full build caught up") >= 1, server, 1800)
        caught_up = time.perf_counter() - last_edit
    finally:
        server.terminate()
        server.wait(timeout=60)
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
    _report(arguments.size, figures, caught_up)


def _edit(path: Path, number: int, port: int, server: subprocess.Popen[bytes]) -> tuple[float, float]:
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    title = f"Edited title number {number} for the dev server bench"
    organization = record["organization"]
    record["title"] = title
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    saved = time.perf_counter()
    base = f"http://127.0.0.1:{port}"
    addresses = [f"{base}/opportunities/{path.stem}/", f"{base}/organizations/{organization}/",
                 f"{base}/feeds/organizations/{organization}.atom.xml"]
    shown: list[float] = []
    for address in addresses:
        _wait(lambda address=address: title in _get(address), server, 600, POLL)
        shown.append(time.perf_counter() - saved)
    print(f"edit {number} ({path.stem}): page {shown[0]:.2f} s, page, list and feed {max(shown):.2f} s",
          file=sys.stderr)
    return shown[0], max(shown)


def _report(size: int, figures: list[tuple[float, float]], caught_up: float) -> None:
    pages, everything = [page for page, _ in figures], [every for _, every in figures]
    print(f"make devserver, {size:,} heavy listings, {len(figures)} edits one after another")
    print(f"  saved -> its page served:                 median {statistics.median(pages):.2f} s, "
          f"max {max(pages):.2f} s")
    print(f"  saved -> page, list and feed all served:  median {statistics.median(everything):.2f} s, "
          f"max {max(everything):.2f} s")
    print(f"  last edit -> full build caught up:         {caught_up:.0f} s")


def _open_listings(site: Site, count: int) -> list[Path]:
    chosen = []
    for path in sorted((site.content / "opportunities").glob("*.yaml")):
        if date.fromisoformat(str(yaml.safe_load(path.read_text(encoding="utf-8"))["apply_by"])) > TODAY:
            chosen.append(path)
        if len(chosen) == count:
            return chosen
    raise SystemExit(f"error: fewer than {count} open listings in {site.content}")


def _get(address: str) -> str:
    try:
        with urllib.request.urlopen(address, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait(condition: Callable[[], bool], server: subprocess.Popen[bytes], seconds: float, every: float = 0.5) -> None:
    deadline = time.perf_counter() + seconds
    while not condition():
        if server.poll() is not None:
            raise SystemExit("error: the dev server stopped; see its log")
        if time.perf_counter() > deadline:
            raise SystemExit(f"error: nothing after {seconds} s")
        time.sleep(every)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10000, help="how many listings (default: %(default)s)")
    parser.add_argument("--edits", type=int, default=5, help="how many edits, one after another (default: %(default)s)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK,
                        help="bench/compare.py's work folder, where prepared content is reused (default: %(default)s)")
    return parser


if __name__ == "__main__":
    main()
