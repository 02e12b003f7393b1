"""The comparison table: medians, ranges, peak memory, ratios, output size and scaling, from
bench/compare.py's results.

Results are plain data, as in results.json: {kind: {N: {step: [measurement or None per run]}}}, where
a measurement is {"seconds": float, "peak_mib": float, "files": int | None, "bytes": int | None}.
"""

from __future__ import annotations

import statistics
from typing import Any

Runs = list[dict[str, Any] | None]  # one entry per run; None when the step was not available
Sizes = dict[int, dict[str, Runs]]

LABELS = {
    "ours": "ours full build",
    "stock": "stock Pelican",
    "hugo": "Hugo",
    "hugo_pagefind": "Hugo + Pagefind",
    "ours_no_change": "ours no-change rebuild",
    "ours_one_listing": "ours one-listing rebuild",
    "validate_all": "ours validate all",
    "validate_one": "ours validate one",
}
FULL_BUILDS = ("ours", "stock", "hugo", "hugo_pagefind")
PUBLISHERS = ("ours", "hugo_pagefind")  # the builds whose output is counted
LABEL_WIDTH = 26


def render(results: dict[str, Sizes]) -> str:
    """Per kind of listings: one table per size, then the per-listing slopes between the smallest
    and largest size."""
    blocks = []
    for kind, sizes in results.items():
        blocks.extend(_size_table(kind, count, steps) for count, steps in sorted(sizes.items()))
        blocks.append(_scaling(kind, sizes))
    return "\n\n".join(blocks)


def median(runs: Runs, field: str = "seconds") -> float | None:
    values = [entry[field] for entry in runs if entry is not None and entry.get(field) is not None]
    return statistics.median(values) if values else None


def _size_table(kind: str, count: int, steps: dict[str, Runs]) -> str:
    title = f"{count:,} {kind} listings, {len(steps['ours'])} run(s)"
    lines = [f"{title:<{LABEL_WIDTH}}{'median s':>10}{'min–max s':>17}{'peak MiB':>10}  ratio (medians)"]
    for step, label in LABELS.items():
        if step in steps:
            lines.append(_row(label, steps[step], _ratio(step, steps)))
    published = [step for step in PUBLISHERS if median(steps.get(step, []), "files")]
    lines.extend(_output(LABELS[step], steps[step], count) for step in published)
    return "\n".join(lines)


def _row(label: str, runs: Runs, ratio: str) -> str:
    seconds = [entry["seconds"] for entry in runs if entry is not None]
    if not seconds:
        return f"{label:<{LABEL_WIDTH}}{'n/a':>10}"
    spread = f"{min(seconds):.2f}–{max(seconds):.2f}"
    return f"{label:<{LABEL_WIDTH}}{median(runs):>10.2f}{spread:>17}{median(runs, 'peak_mib'):>10.0f}  {ratio}".rstrip()


def _output(label: str, runs: Runs, count: int) -> str:
    files, size = median(runs, "files") or 0, median(runs, "bytes") or 0
    return (f"{label + ' output':<{LABEL_WIDTH}}{files:>10,.0f} files, {size / 2**20:,.1f} MiB: "
            f"{files / count:.2f} files and {size / count / 1024:.1f} KiB per listing")


def _ratio(step: str, steps: dict[str, Runs]) -> str:
    full = median(steps["ours"])
    if step == "ours":
        return "  ".join(filter(None, (_quotient("ours/Hugo", full, median(steps.get("hugo", []))),
                                       _quotient("ours/(Hugo + Pagefind)", full,
                                                 median(steps.get("hugo_pagefind", []))))))
    if step == "stock":
        return _quotient("stock/ours", median(steps["stock"]), full)
    if step in ("hugo", "hugo_pagefind"):
        return ""
    kind = "rebuild" if step.startswith("ours_") else "validate"
    return _quotient(f"{kind}/full build", median(steps[step]), full)


def _quotient(name: str, numerator: float | None, denominator: float | None) -> str:
    if numerator is None or not denominator:
        return ""
    return f"{name} {numerator / denominator:.2f}"


def _scaling(kind: str, results: Sizes) -> str:
    if len(results) < 2:
        return f"Scaling ({kind}): needs two sizes (e.g. --sizes 1000 10000)."
    small, large = min(results), max(results)
    lines = [f"Seconds per 1,000 {kind} listings between {small:,} and {large:,} listings (full builds, medians):"]
    for step in FULL_BUILDS:
        low, high = median(results[small].get(step, [])), median(results[large].get(step, []))
        if low is not None and high is not None:
            lines.append(f"  {LABELS[step]:<{LABEL_WIDTH - 2}}{(high - low) / (large - small) * 1000:>10.3f}")
    low, high = median(results[small]["ours"]), median(results[large]["ours"])
    lines.append(f"Ours' scaling: {large / small:.0f}× the listings took {high / low:.2f}× the time.")
    return "\n".join(lines)
