"""The code follows the lint rules in pyproject.toml (ruff), so style never drifts."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_ruff_finds_nothing() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "plugins", "tests", "bench", "docs", "pelicanconf.py",
         "publishconf.py"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
