"""Reading a directory's index README: which reader reads the table, and the file as read."""

from __future__ import annotations

import os
from dataclasses import dataclass

from casestudy.directory.names import DEFAULT_NAMING, Naming
from casestudy.index.model import IndexRow, IndexTable

# From this size on the line reader is tried first (about a hundred seed-style rows): below
# it, markdown-it's own cost is small, and it is the authority.
LINE_READER_MIN_CHARS = 16_384


def read_index_table(text: str) -> IndexTable | None:
    """The first index table of `text` (no BOM), with every row; None when there is none."""
    if len(text) >= LINE_READER_MIN_CHARS:
        from casestudy.index.lines import Unsure, read_lines

        try:
            return read_lines(text)
        except Unsure:
            pass
    from casestudy.index.table import find_index_table

    return find_index_table(text)


def read_index(text: str, naming: Naming = DEFAULT_NAMING) -> IndexTable | None:
    """The index table of `text` (no BOM); failing that, an older index kept as a numbered
    list of links (an `IndexTable` marked `listed`); None when there is neither."""
    table = read_index_table(text)
    if table is None:
        from casestudy.index.listing import find_index_list

        table = find_index_list(text, naming)
    return table


@dataclass
class IndexFile:
    """The index README as a check reads it: its table, or why there is none."""

    path: str
    text: str | None = None  # None: there is no README (or it cannot be read)
    error: tuple[str, int, int] | None = None  # (message, line, column) when unreadable
    table: IndexTable | None = None

    @property
    def rows(self) -> list[IndexRow]:
        return self.table.rows if self.table is not None else []

    def rows_by_name(self, naming: Naming = DEFAULT_NAMING) -> dict[str, list[IndexRow]]:
        return self.table.rows_by_name(naming) if self.table is not None else {}


def read_index_file(root: str, naming: Naming = DEFAULT_NAMING) -> IndexFile:
    """The directory's index (README.md or index.md, or as configured), table or list; a
    file that cannot be read is described, never raised."""
    from casestudy.directory.fileio import read_bytes_bounded
    from casestudy.errors import CaseStudyError

    index = IndexFile(naming.index_path(root))
    if not os.path.lexists(index.path):
        return index
    try:
        raw = read_bytes_bounded(index.path)
    except CaseStudyError as error:
        index.error = (f"the index README cannot be read: {error}", 1, 1)
        return index
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        index.error = (f"the index README is not UTF-8 text ({error.reason})", 1, 1)
        return index
    index.text = text
    index.table = read_index(text, naming)
    return index
