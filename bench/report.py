"""The comparison table: medians, ranges, peak memory, ratios and scaling, from bench/compare.py's results.

Results are plain data, as in results.json: {N: {step: [measurement or None per run]}}, where a
measurement is {"seconds": float, "peak_mib": float}.
"""

from __future__ import annotations

import statistics
from typing import Any

Runs = list[dict[str, Any] | None]  # one entry per run; None when the step was not available

LABELS = {
    "ours": "ours full build",
    "stock": "stock Pelican",
    "hugo": "Hugo",
    "ours_no_change": "ours no-change rebuild",
    "ours_one_listing": "ours one-listing rebuild",
    "validate_all": "ours validate all",
    "validate_one": "ours validate one",
}
FULL_BUILDS = ("ours", "stock", "hugo")
LABEL_WIDTH = 26


def render(results: dict[int, dict[str, Runs]]) -> str:
    """One table per size, then the per-listing slopes between the smallest and largest size."""
    blocks = [_size_table(count, steps) for count, steps in sorted(results.items())]
    blocks.append(_scaling(results))
    return "\n\n".join(blocks)


def median(runs: Runs, field: str = "seconds") -> float | None:
    values = [entry[field] for entry in runs if entry is not None]
    return statistics.median(values) if values else None


def _size_table(count: int, steps: dict[str, Runs]) -> str:
    title = f"{count:,} listings, {len(steps['ours'])} run(s)"
    lines = [f"{title:<{LABEL_WIDTH}}{'median s':>10}{'min–max s':>17}{'peak MiB':>10}  ratio (medians)"]
    for step, label in LABELS.items():
        lines.append(_row(label, steps[step], _ratio(step, steps)))
    return "\n".join(lines)


def _row(label: str, runs: Runs, ratio: str) -> str:
    seconds = [entry["seconds"] for entry in runs if entry is not None]
    if not seconds:
        return f"{label:<{LABEL_WIDTH}}{'n/a':>10}"
    spread = f"{min(seconds):.2f}–{max(seconds):.2f}"
    return f"{label:<{LABEL_WIDTH}}{median(runs):>10.2f}{spread:>17}{median(runs, 'peak_mib'):>10.0f}  {ratio}".rstrip()


def _ratio(step: str, steps: dict[str, Runs]) -> str:
    full = median(steps["ours"])
    if step == "ours":
        return _quotient("ours/Hugo", full, median(steps["hugo"]))
    if step == "stock":
        return _quotient("stock/ours", median(steps["stock"]), full)
    if step == "hugo":
        return ""
    kind = "rebuild" if step.startswith("ours_") else "validate"
    return _quotient(f"{kind}/full build", median(steps[step]), full)


def _quotient(name: str, numerator: float | None, denominator: float | None) -> str:
    if numerator is None or not denominator:
        return ""
    return f"{name} {numerator / denominator:.2f}"


def _scaling(results: dict[int, dict[str, Runs]]) -> str:
    if len(results) < 2:
        return "Scaling: needs two sizes (e.g. --sizes 1000 10000)."
    small, large = min(results), max(results)
    lines = [f"Seconds per 1,000 listings between {small:,} and {large:,} listings (full builds, medians):"]
    for step in FULL_BUILDS:
        low, high = median(results[small][step]), median(results[large][step])
        lines.append(f"  {LABELS[step]:<{LABEL_WIDTH - 2}}{(high - low) / (large - small) * 1000:>10.3f}")
    low, high = median(results[small]["ours"]), median(results[large]["ours"])
    lines.append(f"Ours' scaling: {large / small:.0f}× the listings took {high / low:.2f}× the time.")
    return "\n".join(lines)
