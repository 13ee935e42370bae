"""From the paths given on the command line to sorted findings and a per-case-study summary."""

# os.path on purpose: plain str paths cost a fraction of Path objects, and a check
# handles thousands of them.
# ruff: noqa: PTH100, PTH109, PTH110, PTH112, PTH113, PTH118, PTH119, PTH120, PTH206

from __future__ import annotations

import marshal
import os
from collections.abc import Callable

from casestudy.checker.findings import ERROR, Finding
from casestudy.checker.rules import (
    Context,
    Findings,
    check_directory,
    check_document,
    check_index,
    read_denylist,
    status_of,
)
from casestudy.checker.scan import DocumentScan, case_study_entry, has_entries, scan_entry
from casestudy.errors import UsageError
from casestudy.names import INDEX_NAME, Entry, list_entries
from casestudy.sections import SECTIONS


class Summary:
    __slots__ = ("errors", "filled", "path", "status", "warnings")

    def __init__(self, path: str, filled: int, status: str, errors: int, warnings: int) -> None:
        self.path = path
        self.filled = filled  # sections present, with content, no placeholder or guidance
        self.status = status
        self.errors = errors
        self.warnings = warnings

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "sections_filled": self.filled,
            "sections_total": len(SECTIONS),
            "status": self.status,
            "errors": self.errors,
            "warnings": self.warnings,
        }


class Result:
    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.summaries: list[Summary] = []

    @property
    def errors(self) -> int:
        return sum(finding.severity == ERROR for finding in self.findings)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors


class Target:
    """One directory to check, and which of its case studies (None: all of them)."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.selected: set[str] | None = set()

    def select(self, entry: Entry | None) -> None:
        if entry is None:
            self.selected = None
        elif self.selected is not None:
            self.selected.add(entry.path)


def _display_base(root: str) -> str:
    """Paths are shown relative to the working directory when they are under it."""
    here = os.getcwd()
    if root == here:
        return ""
    try:
        relative = os.path.relpath(root, here)
    except ValueError:  # another drive
        return root
    parts = relative.split(os.sep)
    climbing = [part for part in parts if part == os.pardir]
    # under the working directory, or one of its parents ("..", "../.."): relative
    return relative if not climbing or len(climbing) == len(parts) else root


def _enclosing_case_study(path: str) -> Entry | None:
    """The case study a path is, or lies inside (a folder's image, its README), walking up."""
    candidate = path
    while True:
        entry = case_study_entry(candidate)
        # above the path itself, only a folder that really holds a case study counts
        if entry is not None and (candidate == path or os.path.isfile(entry.path)):
            return entry
        parent = os.path.dirname(candidate)
        if parent == candidate:
            return None
        candidate = parent


def _is_directory(path: str) -> bool:
    """A case-study directory: it holds case studies, or an index README and is not itself
    one case study's folder."""
    if not os.path.isdir(path):
        return False
    if has_entries(path):
        return True
    return case_study_entry(path) is None and os.path.isfile(os.path.join(path, INDEX_NAME))


def resolve_targets(paths: list[str]) -> list[Target]:
    targets: dict[str, Target] = {}
    for given in paths or ["."]:
        path = os.path.abspath(given)
        if not os.path.exists(path):
            raise UsageError(
                f"{given} does not exist. Give a case-study directory (the folder with the "
                "index README), one case study's folder, or its markdown file."
            )
        if os.path.basename(path).lower() == INDEX_NAME.lower() and _is_directory(
            os.path.dirname(path)
        ):
            path = os.path.dirname(path)  # the index README stands for its directory
        if _is_directory(path):
            targets.setdefault(path, Target(path)).select(None)
            continue
        entry = _enclosing_case_study(path)
        if entry is None:
            raise UsageError(
                f"{given} is neither a case-study directory (a folder with the index README "
                "or NN_slug case studies) nor in a case study (NN_slug/, NN_slug/README.md or "
                "NN_slug.md). Run the check from the case-study directory, or give its path."
            )
        folder = entry.path if entry.flat else os.path.dirname(entry.path)
        root = os.path.dirname(folder)
        targets.setdefault(root, Target(root)).select(entry)
    return list(targets.values())


def check_paths(paths: list[str], *, strict: bool = False) -> Result:
    result = Result()
    for target in resolve_targets(paths):
        check_target(target, strict, result)
    result.findings.sort(key=Finding.position_key)
    return result


def check_target(target: Target, strict: bool, result: Result) -> None:
    root = target.root
    base = _display_base(root)
    index_display = os.path.join(base, INDEX_NAME) if base else INDEX_NAME
    denylist, denylist_problem = read_denylist(root, base)
    context = Context(root, None, strict, denylist)  # the index is read when first needed
    out = Findings(context)
    if denylist_problem is not None:
        out.items.append(denylist_problem)
    scans, items = scan_entries(
        list_entries(root),
        base,
        target.selected,
        context,
        lambda: check_index(context, out, index_display),
    )
    out.items.extend(items)
    check_directory(scans, context, out, index_display)
    selected = target.selected
    # A check of some case studies shows their findings, and a missing index (which
    # concerns them all), but not what is wrong elsewhere in the directory.
    kept = [
        finding
        for finding in out.items
        if selected is None
        or (finding.subject in selected if finding.subject is not None else finding.code == "CS301")
    ]
    result.findings.extend(kept)
    _summarise(scans, selected, kept, result)


# Below this many case studies a second process costs more than it saves.
PARALLEL_MIN_ENTRIES = 200
# Documents are handed out in batches of about this many: small enough that neither process
# waits long for the other at the end, large enough that claiming one costs nothing.
BATCH_SIZE = 8
# A batch is claimed by reading its number, one byte, from a pipe.
_MAX_BATCHES = 250

Scanned = tuple[list[DocumentScan], list[Finding]]


def _scan_chunk(
    entries: list[Entry], base: str, selected: set[str] | None, context: Context
) -> Scanned:
    """Scan and check documents, keeping of each only what the directory-wide rules need."""
    out = Findings(context)
    scans = []
    for entry in entries:
        shown = os.path.join(base, entry.name) if base else entry.name
        if not entry.flat:
            shown = os.path.join(shown, INDEX_NAME)
        scan = scan_entry(entry, shown)
        if selected is None or entry.path in selected:
            check_document(scan, context, out)
        scan.forget_text()
        scans.append(scan)
    return scans, out.items


def _queue(first: int, count: int) -> int:
    """A pipe holding the batch numbers first..first+count-1, one byte each; reading from it
    claims the next one, and end-of-file says none is left."""
    reader, writer = os.pipe()
    # under PIPE_BUF: written at once, never blocking
    os.write(writer, bytes(range(first, first + count)))
    os.close(writer)
    return reader


def _scan_claimed(
    queues: list[int], batches: list[list[Entry]], base: str, selected: set[str] | None,
    context: Context,
) -> tuple[Scanned, list[int]]:
    """Claim batches from each queue in turn until it is empty; scan and check each."""
    scans: list[DocumentScan] = []
    items: list[Finding] = []
    claimed: list[int] = []
    for queue in queues:
        while ticket := os.read(queue, 1):
            claimed.append(ticket[0])
            more = _scan_chunk(batches[ticket[0]], base, selected, context)
            scans += more[0]
            items += more[1]
    return (scans, items), claimed


def scan_entries(
    entries: list[Entry],
    base: str,
    selected: set[str] | None,
    context: Context,
    index_work: Callable[[], None],
) -> Scanned:
    """Scan and check every document, and do `index_work` (reading and checking the index).

    A large directory is shared by two processes (the benchmark machine has two cores and
    the work is CPU-bound). Right after listing the directory a forked child starts claiming
    batches of documents from a queue, and the parent, once it has done the index work,
    does the same until the queue is empty: whichever runs faster takes more. The child
    sends what it found back as plain values (marshal). Without fork, or if the child
    fails, everything runs here.

    Flat case studies (NN_slug.md) are queued apart: one without front matter takes its
    metrics from the index, which the parent has read by then, so the parent takes them
    first and the child last, reading the index itself only if it comes to them."""
    if len(entries) < PARALLEL_MIN_ENTRIES or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        index_work()
        return _scan_chunk(entries, base, selected, context)

    # The metric parser, which any case study writing a figure in its own words needs, is
    # imported here once rather than in both processes: in the forked one an import runs
    # several times slower, as every page it writes to is first copied.
    import casestudy.metrics  # noqa: F401

    size = max(BATCH_SIZE, -(-len(entries) // _MAX_BATCHES))
    flat = _batches([entry for entry in entries if entry.flat], size)
    folders = _batches([entry for entry in entries if not entry.flat], size)
    batches = flat + folders
    flat_queue, folder_queue = _queue(0, len(flat)), _queue(len(flat), len(folders))
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the forked child, which never returns
        status = 1
        try:
            os.close(reader)
            queues = [folder_queue, flat_queue]
            (scans, items), _ = _scan_claimed(queues, batches, base, selected, context)
            reply = (
                [scan.metadata() for scan in scans],
                [finding.as_tuple() for finding in items],
            )
            with os.fdopen(writer, "wb") as stream:
                stream.write(marshal.dumps(reply))
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    index_work()
    queues = [flat_queue, folder_queue]
    (scans, items), mine = _scan_claimed(queues, batches, base, selected, context)
    os.close(flat_queue)
    os.close(folder_queue)
    with os.fdopen(reader, "rb") as stream:
        payload = stream.read()
    _, status = os.waitpid(child, 0)
    if status == 0 and payload:
        rows, finding_rows = marshal.loads(payload)
        more_scans = [DocumentScan.from_metadata(row) for row in rows]
        more_items = [Finding(*row) for row in finding_rows]
    else:  # the child's batches are the ones the parent did not claim
        claimed = set(mine)
        theirs = [
            entry
            for number, batch in enumerate(batches)
            if number not in claimed
            for entry in batch
        ]
        more_scans, more_items = _scan_chunk(theirs, base, selected, context)
    order = {entry.path: place for place, entry in enumerate(entries)}
    scans += more_scans
    scans.sort(key=lambda scan: order[scan.path])  # back in the directory's order
    return scans, items + more_items


def _batches(entries: list[Entry], size: int) -> list[list[Entry]]:
    return [entries[start : start + size] for start in range(0, len(entries), size)]


def _summarise(
    scans: list[DocumentScan], selected: set[str] | None, kept: list[Finding], result: Result
) -> None:
    counts: dict[str, list[int]] = {}
    for finding in kept:
        if finding.subject is not None:
            tally = counts.setdefault(finding.subject, [0, 0])
            tally[0 if finding.severity == ERROR else 1] += 1
    for scan in scans:
        if selected is not None and scan.path not in selected:
            continue
        filled = scan.filled
        if scan.read_error is not None:
            status = "unreadable"
        else:
            status = status_of(scan) or ("legacy" if scan.flat and not scan.has_front_matter
                                         else "unknown")
        errors, warnings = counts.get(scan.path, [0, 0])
        result.summaries.append(Summary(scan.display, filled, status, errors, warnings))
