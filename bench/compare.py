"""Build speed and memory: our board against stock Pelican, Hugo, and Hugo followed by Pagefind, on
the same generated listings.

    python bench/compare.py                                   # heavy and light, N = 1,000 and 10,000, 3 runs
    python bench/compare.py --kinds heavy --sizes 1000 --runs 1   # a quick check
    python bench/compare.py --kinds heavy --sizes 1000 10000 50000  # 50,000 takes minutes per run

For each kind and N, once and untimed: bench/generate.py writes N listings (today 2026-11-22;
heavy: 300-600 words with lists, links and tables and one organization per 4 listings, as on real
boards; light: about 200 words and one organization per 20), bench/equivalents.py converts them into a
stock-Pelican site and a Hugo site (same pages, lists and feeds), and WORK/KIND-N/board_settings.py
imports pelicanconf.py with PATH at the generated content. Prepared sites are reused while N and
the generator, configs and layouts are unchanged.

Then, RUNS times and in a rotating order, each tool builds from clean (output and cache deleted):
  ours            python -m pelican CONTENT -o OUT -s pelicanconf.py, as `make html` runs it
                  (validation of every file first, then pages, feeds, API, calendars and the
                  Pagefind index), in the repository, with PYTHONPATH=plugins and
                  SOURCE_DATE_EPOCH at 2026-11-22 12:00 UTC
  stock Pelican   python -m pelican content -o output -s pelicanconf.py in its site folder
  Hugo            hugo --source SITE --destination SITE/public --quiet (the binary that
                  .venv/bin/hugo, a Python wrapper, would exec; so no Python start-up is counted)
  Hugo + Pagefind the same, then pagefind --site SITE/public --glob 'opportunities/*/index.html'
                  (the binary that `python -m pagefind` execs): the same work as ours, whose
                  listing pages Pagefind indexes in the build
Right after its full build, ours is also timed for:
  no-change rebuild     pelican again over the existing output
  one-listing rebuild   listing-000000's summary edited (restored afterwards), pelican again
  validate all          python -m board -s SETTINGS validate --quiet
  validate one          the same with .../listing-000000.yaml as its only path (n/a when the
                        board's validate takes no paths: it exits 2, a usage error)

Seconds are wall time (perf_counter). Memory is the peak resident set of a command and of the
children it waited for (wait4's ru_maxrss), the highest over a step's commands. Progress goes
to stderr; the table to stdout: per kind, N and step the median, min-max and median peak MiB, with
ours/Hugo, ours/(Hugo + Pagefind) and stock/ours for the full builds and step/full build for ours'
other steps; the files and bytes per listing each full build published; then seconds per 1,000
listings between the smallest and largest N. Every measurement is written to WORK/results.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from dataclasses import asdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from equivalents import write_hugo, write_stock_pelican
from generate import generate
from measure import CommandError, Measurement
from report import LABELS, render
from steps import ROOT, TOOLS, Site

BENCH = ROOT / "bench"
KINDS = ("heavy", "light")
TODAY = date(2026, 11, 22)
DEFAULT_WORK = Path(tempfile.gettempdir()) / "board-bench"
SETTINGS = '''"""Our board, for bench/compare.py: pelicanconf.py with PATH at the generated content."""
import sys

sys.path.insert(0, {root!r})
from pelicanconf import *  # noqa: F403

# Absolute, because Pelican resolves relative paths beside this file, not beside pelicanconf.py.
PATH = {content!r}
THEME = {theme!r}
PLUGIN_PATHS = [{plugins!r}]
'''


def prepare(site: Site, kind: str) -> None:
    """Generate and convert SITE's content, unless the same kind, N and inputs were prepared before."""
    marker = site.folder / "prepared.json"
    stamp = {"count": site.count, "kind": kind, "inputs": _inputs_digest()}
    site.folder.mkdir(parents=True, exist_ok=True)
    site.settings.write_text(SETTINGS.format(root=str(ROOT), content=str(site.content), theme=str(ROOT / "theme"),
                                             plugins=str(ROOT / "plugins")), encoding="utf-8")
    if marker.is_file() and json.loads(marker.read_text()) == stamp:
        _progress(f"N={site.count:,}: reusing the content prepared in {site.folder}")
        return
    marker.unlink(missing_ok=True)
    _progress(f"N={site.count:,}: generating and converting the content in {site.folder}")
    generate(site.count, site.content, TODAY, heavy=kind == "heavy")
    write_stock_pelican(site.content, site.stock)
    write_hugo(site.content, site.hugo)
    marker.write_text(json.dumps(stamp))


def _inputs_digest() -> str:
    """What the prepared files depend on, so edited generators or layouts are not silently reused."""
    paths = [BENCH / "generate.py", BENCH / "heavy.py", BENCH / "equivalents.py", ROOT / "content" / "vocabulary.yaml",
             *sorted((BENCH / "configs").rglob("*")), *sorted((BENCH / "hugo_layouts").rglob("*"))]
    digest = hashlib.sha256()
    for path in filter(Path.is_file, paths):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def measure_size(site: Site, runs: int) -> dict[str, list[dict | None]]:
    """Every step's measurements over RUNS runs; each run starts with the next tool in turn."""
    results: dict[str, list[dict | None]] = {step: [] for step in LABELS}
    tools = list(TOOLS)
    for number in range(runs):
        turn = number % len(tools)
        for tool in tools[turn:] + tools[:turn]:
            for step, measure in TOOLS[tool]:
                measurement = measure(site)
                results[step].append(None if measurement is None else asdict(measurement))
                _progress(f"{site.folder.name} run {number + 1}/{runs} {LABELS[step]}: {_brief(measurement)}")
    return results


def _brief(measurement: Measurement | None) -> str:
    if measurement is None:
        return "n/a"
    return f"{measurement.seconds:.2f} s, {measurement.peak_mib:.0f} MiB"


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS),
                        help="which generated listings: heavy (as employers write them) and light (default: both)")
    parser.add_argument("--sizes", type=_positive, nargs="+", default=[1000, 10000], metavar="N",
                        help="how many listings per board, one board each (default: 1000 10000)")
    parser.add_argument("--runs", type=_positive, default=3,
                        help="timed runs per size; the table shows medians (default: %(default)s)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK,
                        help="folder for the prepared sites, outputs and results.json; kept between "
                             "invocations so content is generated once per N (default: %(default)s)")
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive whole number")
    return value


def main() -> None:
    arguments = _parser().parse_args()
    work = arguments.work.resolve()
    _progress(f"Work folder: {work}")
    results: dict[str, dict[int, dict[str, list[dict | None]]]] = {}
    for kind in dict.fromkeys(arguments.kinds):
        for count in sorted(set(arguments.sizes)):
            site = Site(count, work / f"{kind}-{count}")
            prepare(site, kind)
            try:
                results.setdefault(kind, {})[count] = measure_size(site, arguments.runs)
            except CommandError as failure:
                raise SystemExit(f"error: {failure}") from None
            payload = {"today": TODAY.isoformat(), "runs": arguments.runs, "cpus": os.cpu_count(), "kinds": results}
            (work / "results.json").write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(render(results))
    print(f"\nRaw results: {work / 'results.json'}")


if __name__ == "__main__":
    main()
