"""Run one command and measure it: wall time and the peak memory of it and its children."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Sample:
    """One finished command: its wall time, peak resident memory, exit code and output."""

    seconds: float
    peak_mib: float
    exit_code: int
    output: str


@dataclass(frozen=True)
class Measurement:
    """One timed step that succeeded: its wall time and peak resident memory, and for a full build
    the files and bytes it published."""

    seconds: float
    peak_mib: float
    files: int | None = None
    bytes: int | None = None


class CommandError(RuntimeError):
    """Raised by `checked` when a benchmarked command exits non-zero; the message ends with its output."""


def run(command: list[str], cwd: Path, env: Mapping[str, str] | None = None) -> Sample:
    """Run COMMAND to the end, timing it with perf_counter and reading its rusage from wait4."""
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        # wait4's ru_maxrss (KiB on Linux) covers the process and every descendant it waited for,
        # such as Pagefind under our Pelican. It is reaped here, so Popen must not wait again.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", errors="replace")
    return Sample(seconds, usage.ru_maxrss / 1024, process.returncode, output)


def checked(sample: Sample, what: str) -> Measurement:
    """SAMPLE's measurement when it succeeded; otherwise raise CommandError with the end of its output."""
    if sample.exit_code != 0:
        tail = "\n".join(sample.output.splitlines()[-30:])
        raise CommandError(f"{what} exited with {sample.exit_code}:\n{tail}")
    return Measurement(sample.seconds, sample.peak_mib)


def with_output(measurement: Measurement, site: Path) -> Measurement:
    """MEASUREMENT with the number of files under SITE and their bytes (what a host stores)."""
    sizes = [path.stat().st_size for path in site.rglob("*") if path.is_file()]
    return Measurement(measurement.seconds, measurement.peak_mib, len(sizes), sum(sizes))

