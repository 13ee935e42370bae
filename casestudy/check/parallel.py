"""Sharing the documents of a large directory between two processes.

Checking documents is CPU-bound and the benchmark machine has two cores, so once the
directory is listed a forked child and the parent both claim batches of documents from one
queue until it is empty: whichever runs faster takes more. The parent first does the index
work (reading and checking the index), then joins in. After each batch the child writes
what it found to a pipe as plain values (marshal), and the parent takes in what has arrived
between its own batches, so that little is left to do once the queue is empty.

Flat case studies (NN_slug.md) are queued apart: one without front matter takes its metrics
from the index, which the parent has read by the time it starts, so the parent takes them
first and the child last (reading the index itself only if it comes to them).

Without fork or a second core, or when no process can be forked, everything runs in the
parent; a batch the child claimed but never reported (it failed) is scanned by the parent too.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable, Iterator

from casestudy.check.findings import Finding
from casestudy.check.scan import DocumentScan
from casestudy.directory.names import Entry

# Below this many case studies a second process costs more than it saves.
PARALLEL_MIN_ENTRIES = 200
# Documents are handed out in batches of about this many: small enough that neither process
# waits long for the other at the end, large enough that claiming one costs nothing.
BATCH_SIZE = 8
# A batch is claimed by reading its number, one byte, from a pipe.
_MAX_BATCHES = 250
_LENGTH_BYTES = 4  # each report the child writes: its length, then the marshal data

Scanned = tuple[list[DocumentScan], list[Finding]]
ScanBatch = Callable[[list[Entry]], Scanned]
TakeScans = Callable[[list[DocumentScan]], None]  # handed each scan once, in this process


def _can_share(entries: list[Entry]) -> bool:
    return (
        len(entries) >= PARALLEL_MIN_ENTRIES
        and hasattr(os, "fork")
        and (os.cpu_count() or 1) >= 2
    )


def _run_here(
    entries: list[Entry],
    scan_batch: ScanBatch,
    index_work: Callable[[], None],
    take: TakeScans,
) -> Scanned:
    index_work()
    scanned = scan_batch(entries)
    take(scanned[0])
    return scanned


def scan_shared(
    entries: list[Entry],
    scan_batch: ScanBatch,
    index_work: Callable[[], None],
    take: TakeScans,
) -> Scanned:
    """`scan_batch` over every entry, and `index_work` done here; every scan is handed to
    `take` here after the index work, and all come back in the entries' order. A large
    directory is split between this process and a forked child."""
    if not _can_share(entries):
        return _run_here(entries, scan_batch, index_work, take)
    # The metric parser, which any case study writing a figure in its own words needs, is
    # imported once before the fork rather than in both processes.
    import casestudy.format.metrics  # noqa: F401

    size = max(BATCH_SIZE, -(-len(entries) // _MAX_BATCHES))
    flat = _batches([entry for entry in entries if entry.flat], size)
    folders = _batches([entry for entry in entries if not entry.flat], size)
    batches = flat + folders
    flat_queue, folder_queue = _queue(0, len(flat)), _queue(len(flat), len(folders))
    reader, writer = os.pipe()
    try:
        child = os.fork()
    except OSError:  # no process to spare (EAGAIN, ENOMEM): everything runs here
        for descriptor in (reader, writer, flat_queue, folder_queue):
            os.close(descriptor)
        return _run_here(entries, scan_batch, index_work, take)
    if child == 0:  # pragma: no cover - runs in the forked child, which never returns
        os.close(reader)
        _work_as_child([folder_queue, flat_queue], batches, scan_batch, writer)
    os.close(writer)
    reports = _Reports(reader, take)
    index_work()
    scans: list[DocumentScan] = []
    items: list[Finding] = []
    done: set[int] = set()
    mine = _claimed([flat_queue, folder_queue], batches, scan_batch)
    for number, (more_scans, more_items) in mine:
        done.add(number)
        take(more_scans)
        scans += more_scans
        items += more_items
        reports.take(scans, items, done)
    os.close(flat_queue)
    os.close(folder_queue)
    reports.take(scans, items, done, to_the_end=True)
    os.waitpid(child, 0)
    for number, batch in enumerate(batches):
        if number not in done:  # claimed by a child that failed before reporting it
            more_scans, more_items = scan_batch(batch)
            take(more_scans)
            scans += more_scans
            items += more_items
    by_path = {scan.path: scan for scan in scans}
    return [by_path[entry.path] for entry in entries], items


def _batches(entries: list[Entry], size: int) -> list[list[Entry]]:
    return [entries[start : start + size] for start in range(0, len(entries), size)]


def _queue(first: int, count: int) -> int:
    """A pipe holding the batch numbers first..first+count-1, one byte each; reading from it
    claims the next one, and end-of-file says none is left."""
    reader, writer = os.pipe()
    # under PIPE_BUF: written at once, never blocking
    os.write(writer, bytes(range(first, first + count)))
    os.close(writer)
    return reader


def _claimed(
    queues: list[int], batches: list[list[Entry]], scan_batch: ScanBatch
) -> Iterator[tuple[int, Scanned]]:
    """Claim batches from each queue in turn until it is empty, scanning each."""
    for queue in queues:
        while ticket := os.read(queue, 1):
            yield ticket[0], scan_batch(batches[ticket[0]])


def _work_as_child(
    queues: list[int], batches: list[list[Entry]], scan_batch: ScanBatch, writer: int
) -> None:  # pragma: no cover - runs in the forked child
    status = 1
    try:
        with os.fdopen(writer, "wb") as stream:
            for number, (scans, items) in _claimed(queues, batches, scan_batch):
                report = marshal.dumps(
                    (
                        number,
                        [scan.metadata() for scan in scans],
                        [finding.as_tuple() for finding in items],
                    )
                )
                stream.write(len(report).to_bytes(_LENGTH_BYTES, "little") + report)
                stream.flush()  # for the parent to take in between its own batches
        status = 0
    finally:
        os._exit(status)


class _Reports:
    """The child's reports, read from its pipe without waiting until the very end."""

    def __init__(self, reader: int, take: TakeScans) -> None:
        self.reader = reader
        self.take_scans = take
        self.buffer = bytearray()
        os.set_blocking(reader, False)

    def take(
        self,
        scans: list[DocumentScan],
        items: list[Finding],
        done: set[int],
        *,
        to_the_end: bool = False,
    ) -> None:
        """Add the batches reported so far (all of them, up to end-of-file, `to_the_end`)."""
        if to_the_end:
            os.set_blocking(self.reader, True)
        while True:
            try:
                chunk = os.read(self.reader, 1 << 16)
            except BlockingIOError:
                break
            if not chunk:
                break
            self.buffer += chunk
        buffer = self.buffer
        while len(buffer) >= _LENGTH_BYTES:
            end = _LENGTH_BYTES + int.from_bytes(buffer[:_LENGTH_BYTES], "little")
            if len(buffer) < end:
                break
            number, rows, findings = marshal.loads(buffer[_LENGTH_BYTES:end])
            del buffer[:end]
            done.add(number)
            reported = [DocumentScan.from_metadata(row) for row in rows]
            self.take_scans(reported)
            scans += reported
            items += [Finding(*finding) for finding in findings]
        if to_the_end:
            os.close(self.reader)
