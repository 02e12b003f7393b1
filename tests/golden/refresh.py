"""Record what two reference builds publish, file by file (SHA-256), so speed-ups can prove they change nothing.

    PYTHONPATH=plugins .venv/bin/python tests/golden/refresh.py

Run it only after a deliberate change to what the board publishes, then read the diff of the
manifests: every changed file must be one you meant to change. Optimisations never need it.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generate import generate

from conftest import CONTENT, epoch_at, run_pelican, sample_today, stable_files

HERE = Path(__file__).resolve().parent
SYNTHETIC_LISTINGS = 450  # above validate.parallel.PARALLEL_FROM, so the parallel path is checked too
SYNTHETIC_TODAY = date(2026, 11, 22)


def manifest(site: Path) -> dict[str, str]:
    """Every stable file of a built site with the SHA-256 of its bytes."""
    return {name: hashlib.sha256(data).hexdigest() for name, data in stable_files(site).items()}


def read_manifest(name: str) -> dict[str, str]:
    lines = (HERE / f"{name}.sha256").read_text().splitlines()
    return {path: digest for digest, path in (line.split("  ", 1) for line in lines)}


def build_synthetic(folder: Path) -> Path:
    """A board of generated listings (bench/generate.py), built on its fixed day."""
    generate(SYNTHETIC_LISTINGS, folder / "content", SYNTHETIC_TODAY)
    output = folder / "output"
    result = run_pelican(folder / "content", output, epoch_at(SYNTHETIC_TODAY))
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    return output


def build_samples(folder: Path) -> Path:
    output = folder / "samples"
    result = run_pelican(CONTENT, output, epoch_at(sample_today()))
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    return output


def _write(name: str, site: Path) -> None:
    lines = [f"{digest}  {path}\n" for path, digest in sorted(manifest(site).items())]
    (HERE / f"{name}.sha256").write_text("".join(lines))
    print(f"wrote tests/golden/{name}.sha256 ({len(lines)} files)")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as scratch:
        _write("sample-site", build_samples(Path(scratch)))
        _write("synthetic-site", build_synthetic(Path(scratch)))
