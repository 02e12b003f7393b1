"""Markdown worst cases: how long the slowest descriptions take to render, before and after bounded work.

    PYTHONPATH=plugins .venv/bin/python bench/markdown_worst_cases.py              # every case
    PYTHONPATH=plugins .venv/bin/python bench/markdown_worst_cases.py --limit 5    # give up on "before" at 5 s

Each case is a description of the most characters a listing may have (20,000), built to make one of
Python-Markdown's processors do the most work. "before" renders it with Python-Markdown's own
processors, as the board did (each in a child process, given up after --limit seconds, so a case
that never ends does not stop the benchmark); "after" with the board's renderer
(board.read.markdown), sanitizer included. Each figure is the best of --runs.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

DESCRIPTION_MAX = 20_000  # schemas/opportunity.schema.json: description.maxLength
ROOT = Path(__file__).resolve().parents[1]


def fill(unit: str, size: int = DESCRIPTION_MAX) -> str:
    """``unit`` repeated to exactly ``size`` characters."""
    return (unit * (size // len(unit) + 1))[:size]


def nest(opening: str, closing: str, size: int = DESCRIPTION_MAX) -> str:
    """``opening`` k times, a word, ``closing`` k times: as deep as ``size`` characters allow."""
    depth = (size - 1) // (len(opening) + len(closing))
    return opening * depth + "a" + closing * depth


def indented(marker: str, size: int = DESCRIPTION_MAX) -> str:
    """A list nested by indentation, one item per level, as deep as ``size`` characters allow."""
    lines = []
    while sum(map(len, lines)) + 4 * len(lines) + len(marker) + 2 <= size:
        lines.append(" " * (4 * len(lines)) + marker + "a\n")
    return "".join(lines)


# The worst each of Python-Markdown's slow paths can do with 20,000 characters.
WORST_CASES: dict[str, str] = {
    "open brackets [[[": fill("["),
    "open images ![![": fill("!["),
    "brackets and spaces": fill("[ "),
    "brackets on lines": fill("[\n"),
    "nested brackets [[[a]]]": nest("[", "]"),
    "links never closed [a](": fill("[a]("),
    "images in links [![a](": fill("[![a]("),
    "emphasis and brackets *[": fill("*["),
    "tags never closed <a ": fill("<a "),
    "autolinks never closed <http://": fill("<http://"),
    "block tags never closed <div ": fill("<div "),
    "end tags never closed </a": fill("</a"),
    "instructions never closed <?": fill("\n<?"),
    "list markers on one line 1. 1.": fill("1. "),
    "bullets on one line + +": fill("+ "),
    "quotes on one line > >": fill("> "),
    "nested lists by indentation": indented("1. "),
    "setext headings, one block": fill("a\n=\n"),
    "rules, one block": fill("---\n"),
    "hash headings, one block": fill("# a\n"),
    "one-column table": "a|b\n-|-\n" + fill("|\n", DESCRIPTION_MAX - 8),
    "emphasis *a": fill("*a"),
    "mixed emphasis *_": nest("*_", "_*"),
    "code spans `a": fill("`a"),
    "inline tags <b>": nest("<b>", "</b>"),
}


def render_after(text: str) -> None:
    from board.read.markdown import render_description

    render_description.cache_clear()  # a build renders each description once; time that, not the cache
    render_description(text)


BEFORE = """
import sys
import markdown, nh3
sys.path.insert(0, {plugins!r})
from board.read.markdown import ATTRIBUTES, LINK_REL, TAGS, _DemoteHeadingsExtension
renderer = markdown.Markdown(extensions=["sane_lists", "tables", _DemoteHeadingsExtension()])
text = sys.stdin.read()
import time
start = time.perf_counter()
nh3.clean(renderer.convert(text), tags=set(TAGS), attributes=ATTRIBUTES, url_schemes={{"https", "mailto"}},
          link_rel=LINK_REL, strip_comments=True)
print(time.perf_counter() - start)
"""


def time_before(text: str, limit: float) -> str:
    """Python-Markdown's own processors, in a child process given up after ``limit`` seconds."""
    try:
        done = subprocess.run([sys.executable, "-c", BEFORE.format(plugins=str(ROOT / "plugins"))], input=text,
                              capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return f"> {limit:g} s"
    if done.returncode != 0:
        return "crash: " + (done.stderr.strip().splitlines() or ["?"])[-1].split(":")[0]
    return f"{float(done.stdout):.3f} s"


def time_after(text: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        render_after(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=float, default=30, help="seconds before giving up on a 'before' run")
    parser.add_argument("--runs", type=int, default=3, help="runs of 'after' per case; the best is shown")
    parser.add_argument("--after-only", action="store_true", help="skip the 'before' runs")
    arguments = parser.parse_args()
    print(f"{'case (20,000 characters)':34} {'before':>14} {'after':>9}")
    worst = 0.0
    for name, text in WORST_CASES.items():
        before = "" if arguments.after_only else time_before(text, arguments.limit)
        after = time_after(text, arguments.runs)
        worst = max(worst, after)
        print(f"{name:34} {before:>14} {after:8.3f} s", flush=True)
    print(f"slowest after: {worst:.3f} s")


if __name__ == "__main__":
    main()
