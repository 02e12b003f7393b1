"""Build into a staging folder and swap it in only when the whole build succeeded.

A failed or interrupted build leaves the previous ``output/`` exactly as it was; the next build
clears whatever staging folder a killed build left behind.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

FINAL = "_board_final_output"  # in Pelican's settings: the output folder the staging folder replaces


def staging_folder(final: Path) -> Path:
    """A sibling of the output folder, so the final rename never crosses file systems."""
    return final.parent / f".{final.name}.staging"


def build_in_staging(pelican: Any) -> None:
    final = Path(pelican.output_path).resolve()
    pelican.settings[FINAL] = str(final)
    shutil.rmtree(staging_folder(final), ignore_errors=True)  # what a killed build left behind
    pelican.output_path = str(staging_folder(final))


def swap_in(pelican: Any) -> None:
    final = Path(pelican.settings[FINAL])
    staging = Path(pelican.output_path)
    previous = final.parent / f".{final.name}.previous"
    shutil.rmtree(previous, ignore_errors=True)
    if final.exists():
        final.rename(previous)
    staging.rename(final)
    shutil.rmtree(previous, ignore_errors=True)
