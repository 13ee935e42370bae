"""Turning an older index kept as a numbered list of links into the index table.

The table is built from the case studies (their front matter; for one without it, the
list item's link text as its title, the metrics and focus area left empty to fill in), in
number order; an item that links to no case study on disk becomes a row of its own, after
them. Only the list's lines are replaced: every other byte of the file stays as it was. A
blank line is put around the table where the list had none, as a table needs one to end
(and markdown-it to start it there). The result is re-parsed before it is returned.
"""

from __future__ import annotations

from collections.abc import Sequence

from casestudy.directory.names import DEFAULT_NAMING, Naming, link_key
from casestudy.directory.records import CaseStudyRecord
from casestudy.errors import IndexTableError
from casestudy.index.model import SEED_COLUMNS, IndexEntry, IndexTable, escape_cell, render_row
from casestudy.index.table import find_index_table, split_lines

_BOM = "\ufeff"
HEADER = "| Case Study | Key Metrics | Focus Area |"
DELIMITER = "|------------|-------------|------------|"


def _entry_for(study: CaseStudyRecord) -> IndexEntry:
    entry = study.index_entry()
    if entry is not None:
        return entry
    title = " ".join((study.title or study.name).split())
    return IndexEntry(title, study.link, study.metrics, study.focus_area or "")


def _rows(
    listing: IndexTable, studies: Sequence[CaseStudyRecord], naming: Naming
) -> list[str]:
    """The table's rows, ordered by number: one per case study, and one per item that links
    to none on disk (unnumbered ones last, in the list's order)."""
    names = {study.name for study in studies}
    rows = [
        ((0, study.number, -1), render_row(SEED_COLUMNS, _entry_for(study)))
        for study in studies
    ]
    for position, row in enumerate(listing.rows):
        keys = [link_key(href) for href in row.links]
        if any(key in names for key in keys):
            continue  # the case study's own row is built from it above
        if row.links:
            entry = IndexEntry(" ".join(row.title.split()) or keys[0], row.links[0], (), "")
            text = render_row(SEED_COLUMNS, entry)
        else:  # an item without a link keeps its text
            cells = {"case study": escape_cell(" ".join(row.cells.get("case study", "").split()))}
            text = "| " + " | ".join(cells.get(column, "") for column in SEED_COLUMNS) + " |"
        numbers = [number for number in map(naming.number_in, keys) if number is not None]
        rows.append(((0, numbers[0], position) if numbers else (1, 0, position), text))
    return [text for _, text in sorted(rows)]


def _ending(line: str) -> str:
    stripped = line.rstrip("\r\n")
    return line[len(stripped) :]


def table_from_list(
    text: str,
    listing: IndexTable,
    studies: Sequence[CaseStudyRecord],
    naming: Naming = DEFAULT_NAMING,
) -> str:
    """`text` (its BOM kept) with the listed index `listing` replaced by the index table.
    Raises IndexTableError when the result does not read back as that table."""
    bom = _BOM if text.startswith(_BOM) else ""
    lines = split_lines(text[len(bom) :])
    first, last = listing.header_line, min(listing.last_line, len(lines) - 1)
    while last > first and not lines[last].strip():
        last -= 1  # blank lines after the list stay where they are
    newline = _ending(lines[last]) or next(
        (ending for line in lines if (ending := _ending(line))), "\n"
    )
    rows = _rows(listing, studies, naming)
    block = [HEADER, DELIMITER, *rows]
    before = "".join(lines[:first])
    if first > 0 and lines[first - 1].strip():
        block.insert(0, "")
    following = lines[last + 1 :]
    ends_file = not following and not _ending(lines[last])
    if following and following[0].strip():
        block.append("")
    result = before + newline.join(block) + ("" if ends_file else newline) + "".join(following)
    _verify(result, rows)
    return bom + result


def _verify(result: str, rows: list[str]) -> None:
    table = find_index_table(result)
    problem = None
    if table is None:
        problem = "no index table reads back"
    elif len(table.rows) != len(rows):
        problem = f"the table reads back with {len(table.rows)} rows, expected {len(rows)}"
    else:
        lines = split_lines(result)
        for row, wanted in zip(table.rows, rows, strict=True):
            if lines[row.line].rstrip("\r\n") != wanted:
                problem = f"a row reads back as {lines[row.line]!r}, expected {wanted!r}"
                break
    if problem:
        raise IndexTableError(
            f"turning the list into the index table failed its re-parse check ({problem}); "
            "a title, metric or focus area probably holds markdown that breaks a table row"
        )
