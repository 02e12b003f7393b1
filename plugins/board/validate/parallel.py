"""Run a check over many files on every core, with exactly the outcome of running it one by one."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import Any, TypeVar

PARALLEL_FROM = 400  # files; below this, starting worker processes costs more than it saves
CHUNK = 100  # files per task sent to a worker

Outcome = TypeVar("Outcome")


def check_all(check: Callable[[Path], Outcome], files: list[Path],
              for_transfer: Callable[[Outcome], Outcome] = lambda outcome: outcome) -> Iterable[Outcome]:
    """``check`` applied to each file, in order. From PARALLEL_FROM files, where the system can fork,
    forked worker processes run it: they inherit ``check`` (nothing is pickled on the way out), and
    each outcome is passed through ``for_transfer`` in the worker before it is sent back."""
    if len(files) < PARALLEL_FROM or (os.cpu_count() or 1) < 2 or "fork" not in get_all_start_methods():
        return map(check, files)
    return _in_workers(check, files, for_transfer)


def _in_workers(check: Callable[[Path], Any], files: list[Path], for_transfer: Callable[[Any], Any]) -> Iterator[Any]:
    with ProcessPoolExecutor(mp_context=get_context("fork"), initializer=_use, initargs=(check, for_transfer)) as pool:
        yield from pool.map(_run, files, chunksize=CHUNK)


_worker: tuple[Callable[[Path], Any], Callable[[Any], Any]] | None = None


def _use(check: Callable[[Path], Any], for_transfer: Callable[[Any], Any]) -> None:
    global _worker
    _worker = (check, for_transfer)


def _run(path: Path) -> Any:
    assert _worker is not None, "a worker runs only after its initializer"
    check, for_transfer = _worker
    return for_transfer(check(path))
