"""Run a function over consecutive chunks of a list in worker processes; results come back in order.

Used where a pipeline handles many independent texts (counting words, scoring sentences). The
result never depends on the number of processes; small inputs stay in this process.
"""
from __future__ import annotations

import multiprocessing
import os
import warnings
from typing import Callable, Iterator, Sequence, TypeVar

__all__ = ["map_chunks", "iter_chunks"]

T = TypeVar("T")
R = TypeVar("R")

#: Inputs shorter than this are handled in this process: starting workers would cost more.
MIN_ITEMS = 1000


def _context():
    # fork: workers start in milliseconds and inherit what the parent loaded (lexicons, compiled
    # patterns); spawn would pickle the inputs over and import everything again.
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def map_chunks(function: Callable[[list[T]], R], items: Sequence[T], *, processes: int | None = None,
               min_items: int | None = None) -> list[R]:
    """``[function(chunk) for chunk in chunks of items]``, the chunks spread over worker processes.

    Args:
        function: takes a list of items and returns one result for it (picklable).
        processes: worker processes; ``None`` for one per CPU core; 1 for none.
        min_items: below this many items everything runs in this process, as one chunk
            (default: ``MIN_ITEMS``).

    >>> map_chunks(sum, [1, 2, 3], processes=1)
    [6]

    Args:
        function (callable): takes a list of items, returns one result for the list.
        items (sequence): the items.
        processes (int or None, default None): worker processes; None for one per CPU core.
        min_items (int or None, default None): below this many items, run in this process.

    >>> map_chunks(sum, [1, 2, 3], processes=1)
    [6]
    """
    return [result for _, result in iter_chunks(function, items, processes=processes, min_items=min_items)]


def iter_chunks(function: Callable[[list[T]], R], items: Sequence[T], *, processes: int | None = None,
                min_items: int | None = None) -> Iterator[tuple[int, R]]:
    """``(len(chunk), function(chunk))`` for consecutive chunks of items, in order, as the worker
    processes finish them (for a progress bar); otherwise as ``map_chunks``.

    Args:
        function (callable): takes a list of items, returns one result for the list.
        items (sequence): the items.
        processes (int or None, default None): worker processes; None for one per CPU core.
        min_items (int or None, default None): below this many items, run in this process.

    >>> list(iter_chunks(sum, [1, 2, 3], processes=1))
    [(3, 6)]
    """
    items = list(items)
    min_items = MIN_ITEMS if min_items is None else min_items
    if processes is None:
        processes = os.cpu_count() or 1
    if multiprocessing.current_process().daemon:  # inside a worker (a Dask worker, a pool): no pool of its own
        processes = 1
    if processes <= 1 or len(items) < min_items:
        yield len(items), function(items)
        return
    size = -(-len(items) // (processes * 4))  # a few chunks per process, kept in order
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    with warnings.catch_warnings():
        # Python 3.12+ warns about fork in a process with threads (a Jupyter kernel has some);
        # the workers only run pure-Python text processing and never touch locks those
        # threads may hold.
        warnings.filterwarnings("ignore", message=".*multi-threaded.*fork", category=DeprecationWarning)
        with _context().Pool(processes) as pool:
            for chunk, result in zip(chunks, pool.imap(function, chunks)):
                yield len(chunk), result
