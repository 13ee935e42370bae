"""Rules across the directory: the index on its own (CS301, CS304, CS310 to CS312), each case
study against its row (CS302, CS303, CS305 to CS307), and shared numbers and slugs (CS308,
CS309). An older index kept as a numbered list of links is read as rows too."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from casestudy.check.context import Context, Findings
from casestudy.check.links import local_target
from casestudy.check.scan import DocumentScan
from casestudy.directory.names import link_key
from casestudy.index.model import unescape_markdown

if TYPE_CHECKING:
    from casestudy.index.model import IndexRow


def _same(left: str, right: str) -> bool:
    # equal as written is by far the common case, and needs no splitting
    if left == right:
        return True
    # A title typed with a combining accent is the same title as the precomposed one.
    left, right = unicodedata.normalize("NFC", left), unicodedata.normalize("NFC", right)
    return " ".join(left.split()) == " ".join(right.split())


def check_index_table(context: Context, out: Findings, index_display: str) -> None:
    """What the index says on its own: rows without a case-study link, links that do not
    resolve, rows that share their metrics. Needs no document, so it runs while a forked
    worker is still scanning."""
    index = context.index
    if index.error is not None:
        message, line, col = index.error
        out.add(None, "CS001", message, line, col, path=index_display)
    elif index.table is None:
        what = "has no index table" if index.text is not None else "does not exist"
        out.add(
            None, "CS301",
            f"the index README {what}: it needs a table with the header "
            "| Case Study | Key Metrics | Focus Area | and one row per case study",
            path=index_display,
        )
    else:
        if index.table.listed:
            out.add(
                None, "CS312",
                "the index is a numbered list of links; a table with the header "
                "| Case Study | Key Metrics | Focus Area | is expected "
                "(`casestudy index --write` turns the list into one)",
                index.table.header_line + 1, path=index_display,
            )
        _check_row_links(context, out, index_display)
        _check_shared_metrics(context, out, index_display)


def check_rows_against_documents(
    scans: list[DocumentScan], context: Context, out: Findings, index_display: str
) -> None:
    """Each case study against its row in the index (nothing when there is no table)."""
    if context.index.table is not None:
        _check_rows_for_scans(scans, context, out, index_display)


def check_shared_names(scans: list[DocumentScan], out: Findings) -> None:
    """Numbers and slugs across the directory's case studies."""
    _check_shared(scans, "number", lambda scan: f"{scan.number:02d}", "CS308", out)
    _check_shared(scans, "slug", lambda scan: scan.slug, "CS309", out)


def _row_subject(context: Context, key: str) -> tuple[str, bool]:
    entry = context.naming.entry_named(context.root, key)
    if entry is None:
        return "", False
    return entry.path, entry.flat


def _check_row_links(context: Context, out: Findings, shown: str) -> None:
    listed = context.index.table is not None and context.index.table.listed
    for row, case_studies in context.row_case_studies:
        line = row.line + 1
        if not case_studies:
            out.add(
                None, "CS311",
                f"this index {'item' if listed else 'row'} links to no case study "
                "(NN_slug/README.md or NN_slug.md)",
                line, path=shown,
            )
        for href in row.links:
            target = local_target(href)
            if target is None or context.exists(os.path.join(context.root, target)):
                continue
            subject, flat = _row_subject(context, link_key(href))
            out.add(
                None, "CS304",
                f"the row's link '{href}' does not resolve",
                line, path=shown, subject=subject, flat=flat,
            )


def _check_rows_for_scans(
    scans: list[DocumentScan], context: Context, out: Findings, shown: str
) -> None:
    rows_by_name = context.rows_by_name
    for scan in scans:
        rows = rows_by_name.get(scan.name, [])
        if not rows:
            out.add(
                scan, "CS302",
                f"the case study has no row in the index ({os.path.basename(context.index.path)})",
            )
            continue
        for extra in rows[1:]:
            out.add(
                scan, "CS303",
                f"{scan.name} has another row here (first at line {rows[0].line + 1})",
                extra.line + 1, path=shown,
            )
        if scan.front is not None:
            _compare_row(scan, rows[0], out, shown)


def _compare_row(scan: DocumentScan, row: IndexRow, out: Findings, shown: str) -> None:
    front = scan.front or {}
    line = row.line + 1
    title = front.get("title")
    if isinstance(title, str) and not _same(row.title, title):
        out.add(
            scan, "CS305",
            f"the row's title '{row.title}' disagrees with the front matter's '{title}'",
            line, path=shown,
        )
    metrics = front.get("key_metrics")
    # an item of a listed index has no metrics or focus area to disagree (CS312 says so)
    if (
        "key metrics" in row.cells
        and isinstance(metrics, list)
        and all(isinstance(metric, str) for metric in metrics)
    ):
        wanted = ", ".join(metric.strip() for metric in metrics)
        # A cell's source carries the escapes `casestudy new` and `index --write` put in it.
        if not _same(unescape_markdown(", ".join(row.metrics())), wanted):
            out.add(
                scan, "CS306",
                f"the row's key metrics '{row.cells.get('key metrics', '')}' disagree with "
                f"the front matter's '{wanted}'",
                line, path=shown,
            )
    focus = front.get("focus_area")
    cell = row.cells.get("focus area", "")
    if "focus area" in row.cells and isinstance(focus, str) and not _same(
        unescape_markdown(cell), focus
    ):
        out.add(
            scan, "CS307",
            f"the row's focus area '{cell}' disagrees with the front matter's '{focus}'",
            line, path=shown,
        )


def _check_shared(
    scans: Iterable[DocumentScan],
    what: str,
    key: Callable[[DocumentScan], str],
    code: str,
    out: Findings,
) -> None:
    groups: dict[str, list[DocumentScan]] = {}
    for scan in scans:
        groups.setdefault(key(scan), []).append(scan)
    for value, group in groups.items():
        if len(group) < 2:
            continue
        for scan in group:
            others = ", ".join(other.name for other in group if other is not scan)
            out.add(scan, code, f"{what} {value} is also used by {others}")


def _check_shared_metrics(context: Context, out: Findings, shown: str) -> None:
    groups: dict[tuple[str, ...], list[tuple[IndexRow, str]]] = {}
    for row, case_keys in context.row_case_studies:
        metrics = tuple(sorted(" ".join(m.split()).casefold() for m in row.metrics()))
        if metrics:
            groups.setdefault(metrics, []).append((row, case_keys[0] if case_keys else ""))
    for group in groups.values():
        if len({key for _, key in group}) < 2:
            continue  # one case study listed twice is CS303's finding, not a copy-paste
        for row, key in group:
            others = ", ".join(
                f"'{other.title}' (line {other.line + 1})"
                for other, other_key in group
                if other_key != key
            )
            subject, flat = _row_subject(context, key) if key else ("", False)
            out.add(
                None, "CS310",
                f"the row carries the same key metrics as {others}; copied by mistake?",
                row.line + 1, path=shown, subject=subject, flat=flat,
            )
