"""Checking a directory's documents in several processes (`casestudy check --jobs`).

Each document is scanned and checked on its own, so the documents are cut into runs of
consecutive entries, each run goes to a worker, and the results come back in entry order:
the findings and summaries are the same as a check in one process, only sooner on a machine
with cores to spare. The workers are forked, so they start with the directory's context
(its index already read) instead of reading and sending it again; where processes cannot be
forked, the check runs in one process.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from casestudy.errors import CaseStudyError

if TYPE_CHECKING:
    from casestudy.check.findings import Finding
    from casestudy.check.scan import DocumentScan
    from casestudy.directory.names import Entry

# Workers are forked. macOS's system libraries are not safe to fork (CPython spawns its
# processes there), and Windows cannot fork: there a check runs in one process.
CAN_FORK = hasattr(os, "fork") and sys.platform != "darwin"

# A run is a few dozen documents: enough that handing it over costs little beside checking
# it, few enough that the workers finish together and that an interrupted check stops soon.
RUN_LENGTH = 64

# Below this many documents a check is over before worker processes would have started.
AUTO_MINIMUM = 500

# What the workers inherit from the parent at fork: the check of one run, by entry range.
_check_run: Callable[[list[Entry]], tuple[list[DocumentScan], list[Finding]]] | None = None
_entries: list[Entry] = []


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def workers_for(jobs: int | None, documents: int) -> int:
    """How many processes check `documents` documents: `jobs` when given (1: this process
    alone), else every usable core once the directory is large enough to pay for them."""
    if not CAN_FORK:
        return 1
    if jobs is None:
        return usable_cores() if documents >= AUTO_MINIMUM else 1
    return max(1, min(jobs, documents // 2 or 1))


def check_in_workers(
    entries: list[Entry],
    workers: int,
    check_run: Callable[[list[Entry]], tuple[list[DocumentScan], list[Finding]]],
) -> tuple[list[DocumentScan], list[Finding]]:
    """`check_run` over `entries` in runs, in `workers` forked processes; the scans and
    findings in entry order."""
    # imported here: a check in one process, the usual case, never needs them
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _check_run, _entries
    _check_run, _entries = check_run, entries
    # A few runs per worker at least, so that a small directory is shared out too.
    length = max(1, min(RUN_LENGTH, -(-len(entries) // (workers * 4))))
    bounds = [(start, min(start + length, len(entries)))
              for start in range(0, len(entries), length)]
    scans: list[DocumentScan] = []
    findings: list[Finding] = []
    try:
        with ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("fork"), initializer=_in_worker
        ) as pool:
            try:
                # The workers are forked at the first submission. Ctrl-C is held back across
                # it, so that none can take it before its initializer has turned it off: the
                # parent gets it as soon as the workers stand.
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
                try:
                    runs = pool.map(_check_range, bounds)
                finally:
                    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
                for run_scans, run_findings in runs:
                    scans += run_scans
                    findings += run_findings
            except BaseException:
                # Ctrl-C or a failure: the runs not started are dropped, not waited for
                pool.shutdown(wait=True, cancel_futures=True)
                raise
    except BrokenProcessPool:
        raise CaseStudyError(
            "A worker process of the check stopped unexpectedly (out of memory, or killed), "
            "so the check is incomplete. Run it again, with --jobs 1 to check in one process."
        ) from None
    finally:
        _check_run, _entries = None, []
    return scans, findings


def _in_worker() -> None:
    # Ctrl-C is the parent's to handle: it stops the check and exits 130, and a worker
    # that took it too would print a traceback of its own. Ignoring it also drops one that
    # arrived while it was held back (see check_in_workers).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _check_range(bounds: tuple[int, int]) -> tuple[list[DocumentScan], list[Finding]]:
    assert _check_run is not None  # set in the parent before the workers were forked
    return _check_run(_entries[bounds[0] : bounds[1]])
