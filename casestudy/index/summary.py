"""The index table as a generation needs it: one pass over its rows, no row kept.

A new case study needs four things from its directory's index: which titles are taken (to
say when a name repeats one), the focus areas in use (to keep their spelling), which case
studies the rows link to (their numbers and slugs are taken), and the table's columns (the
new row's shape). `IndexTable` keeps every row as an object, which the checker needs; a
hundred-thousand-row index would make a generation pay for a hundred thousand of them. The
links are kept as the rows wrote them, one text: which case studies they name is worked out
for the few that a question is about (`casestudy.directory.state`), not for every row.

A table whose rows are all in the seed's own shape is read by one regular-expression pass
over its text, a stretch at a time (the line reader's seed-row pattern, which reads those
rows as markdown-it does); any other table is read whole and summarised, so both give the
same summary.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from casestudy.index.model import SEED_COLUMNS, IndexTable

if TYPE_CHECKING:
    from casestudy.index.table import TableRows


@dataclass(frozen=True)
class IndexSummary:
    """What the first index table of a README says, for a generation."""

    columns: list[str]  # normalised header names, in file order
    titles: list[str]  # each row's title (the text of its first link), rows without one left out
    focus_areas: list[str]  # each area once, as first written, in order of first use
    # The href of every link in a row, in order, one a line: an href never holds a line
    # break (a row is one line, and markdown-it percent-encodes anything but ASCII).
    hrefs: str

    @classmethod
    def of_table(cls, table: IndexTable) -> IndexSummary:
        areas = (row.cells.get("focus area", "").strip() for row in table.rows)
        return cls(
            columns=table.columns,
            titles=[row.title for row in table.rows if row.title],
            focus_areas=list(dict.fromkeys(area for area in areas if area)),
            hrefs="\n".join(href for row in table.rows for href in row.links),
        )


def summarise_index(text: str) -> IndexSummary | None:
    """The summary of the first index table of `text` (BOM or not); None when there is
    none."""
    from casestudy.index.table import find_index_table_rows

    found = find_index_table_rows(text)
    if found is None:
        return None
    if found.columns == SEED_COLUMNS:
        summary = _seed_shaped_summary(found)
        if summary is not None:
            return summary
    from casestudy.index.read import read_index_table

    table = read_index_table(text.removeprefix("\ufeff"))
    if table is None:  # cannot be: the table was found above
        return None
    return IndexSummary.of_table(table)


# Rows are matched a stretch of about this many characters at a time, so that the tuples
# `findall` gives for them are held for one stretch, never for a whole long index at once.
_STRETCH_CHARS = 1024 * 1024


def _seed_shaped_summary(found: TableRows) -> IndexSummary | None:
    """The summary of a table whose rows are all in the seed's shape, read by one pattern
    match a row; None as soon as a stretch holds a row in another shape."""
    from casestudy.index.lines import SEED_ROWS_RE

    titles: list[str] = []
    hrefs: list[str] = []
    areas: dict[str, None] = {}
    for start, end in _stretches(found):
        rows = SEED_ROWS_RE.findall(found.text, start, end)
        # A match never spans two lines, and one starts a line at most: as many as there are
        # lines means that every row is in the seed's shape.
        if len(rows) != found.line_count(start, end):
            return None
        stretch_titles, stretch_hrefs, stretch_areas = zip(*rows, strict=True)
        titles += stretch_titles
        hrefs.append("\n".join(stretch_hrefs))
        areas.update(dict.fromkeys(stretch_areas))
    areas.pop("", None)
    return IndexSummary(found.columns, titles, list(areas), "\n".join(hrefs))


def _stretches(found: TableRows) -> Iterator[tuple[int, int]]:
    """The table's rows in stretches of whole lines, each about _STRETCH_CHARS long."""
    start, text = found.start, found.text
    while start < found.end:
        end = text.find("\n", min(start + _STRETCH_CHARS, found.end), found.end)
        end = found.end if end < 0 else end
        yield start, end
        start = end + 1
