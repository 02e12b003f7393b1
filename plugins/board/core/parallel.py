"""Apply a function to many items on every core, with exactly the outcome of applying it one by one."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_all_start_methods, get_context
from typing import Any, TypeVar

PARALLEL_FROM = 400  # items; below this, starting worker processes costs more than it saves
CHUNK = 100  # items per task sent to a worker

Item = TypeVar("Item")
Outcome = TypeVar("Outcome")


def map_ordered(function: Callable[[Item], Outcome], items: Sequence[Item],
                for_transfer: Callable[[Outcome], Outcome] | None = None) -> Iterable[Outcome]:
    """``function`` applied to each item, in order. From PARALLEL_FROM items, where the system can
    fork, forked worker processes run it: they inherit ``function`` (nothing is pickled on the way
    out but the items), and each outcome passes through ``for_transfer`` in the worker before it is
    sent back."""
    if (len(items) < PARALLEL_FROM or _here_only or (os.cpu_count() or 1) < 2
            or "fork" not in get_all_start_methods()):
        return map(function, items)
    return _in_workers(function, items, for_transfer or _unchanged)


_here_only = False


@contextmanager
def in_this_process() -> Iterator[None]:
    """Within it, ``map_ordered`` maps here, one by one: for work that touches few of many items
    (the dev server's update of one listing), where forking workers would cost more."""
    global _here_only
    before, _here_only = _here_only, True
    try:
        yield
    finally:
        _here_only = before


def _unchanged(outcome: Outcome) -> Outcome:
    return outcome


def _in_workers(function: Callable[[Any], Any], items: Sequence[Any],
                for_transfer: Callable[[Any], Any]) -> Iterator[Any]:
    with ProcessPoolExecutor(mp_context=get_context("fork"), initializer=_use,
                             initargs=(function, for_transfer)) as pool:
        yield from pool.map(_run, items, chunksize=CHUNK)


_worker: tuple[Callable[[Any], Any], Callable[[Any], Any]] | None = None


def _use(function: Callable[[Any], Any], for_transfer: Callable[[Any], Any]) -> None:
    global _worker
    _worker = (function, for_transfer)


def _run(item: Any) -> Any:
    assert _worker is not None, "a worker runs only after its initializer"
    function, for_transfer = _worker
    return for_transfer(function(item))
