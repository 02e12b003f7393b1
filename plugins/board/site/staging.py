"""Build into a staging folder and swap it in only when the whole build succeeded.

A failed or interrupted build leaves the previous ``output/`` exactly as it was; the next build
clears whatever staging folder a killed build left behind. The credentials' signing inputs, which
are written beside the site (``output-to-sign/``), are staged and swapped in with it, so the signer
never finds inputs from another build than the site's.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from board.render.credential import to_sign_folder

FINAL = "_board_final_output"  # in Pelican's settings: the output folder the staging folder replaces


def staging_folder(final: Path) -> Path:
    """A sibling of the output folder, so the final rename never crosses file systems."""
    return final.parent / f".{final.name}.staging"


def build_in_staging(pelican: Any) -> None:
    final = Path(pelican.output_path).resolve()
    pelican.settings[FINAL] = str(final)
    for leftover in staging_folder(final), to_sign_folder(staging_folder(final)):  # what a killed build left behind
        shutil.rmtree(leftover, ignore_errors=True)
    pelican.output_path = str(staging_folder(final))


def swap_in(pelican: Any) -> None:
    replace(Path(pelican.settings[FINAL]), Path(pelican.output_path))


def replace(final: Path, built: Path) -> None:
    """``built`` becomes ``final`` (and its signing inputs ``final``'s), the old site removed after."""
    previous = final.parent / f".{final.name}.previous"
    shutil.rmtree(previous, ignore_errors=True)
    if final.exists():
        final.rename(previous)
    built.rename(final)
    shutil.rmtree(previous, ignore_errors=True)
    shutil.rmtree(to_sign_folder(final), ignore_errors=True)
    if to_sign_folder(built).is_dir():
        to_sign_folder(built).rename(to_sign_folder(final))
