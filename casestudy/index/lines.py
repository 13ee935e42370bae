"""The directory's index README: its Case Study | Key Metrics | Focus Area table, row by row.

Small indexes (the usual few dozen rows) are read by `casestudy.index.table.find_index_table`,
the markdown-it reader every command shares. A thousand-row index takes markdown-it about a
tenth of a second plus as much again to import it, which alone would blow the checker's time
budget; so a large index is first read by a line reader that follows markdown-it's GFM table
rule for the plain shapes index rows have, and that gives up (handing over to markdown-it)
on anything it is not sure about: HTML, emphasis or escapes inside a link text, autolinks,
reference links, percent-encoded or non-ASCII hrefs, indented or quoted tables. Tests check
that both readers agree on every shape they both accept.
"""

from __future__ import annotations

import os
import re

from casestudy.directory.names import CASE_STUDY_NAME_RE, INDEX_NAME, link_key

INDEX_COLUMNS = ("case study", "key metrics", "focus area")
# Above this size the line reader is tried first (about a hundred seed-style rows).
FAST_READER_MIN_CHARS = 16_384

_LINE_SPLIT_RE = re.compile(r"\r\n|\r|\n")
_DELIMITER_RE = re.compile(r"^:?-+:?$")
_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TERMINATOR_RE = re.compile(
    r"^(?:>|`{3,}|~{3,}|#{1,6}(?:[ \t]|$)|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)"
    r"|(?:-[ \t]*){3,}$|(?:\*[ \t]*){3,}$|(?:_[ \t]*){3,}$)"
)
_CONTAINER_RE = re.compile(r"(?:>|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))")
_CELL_LINK_RE = re.compile(r"\[([^\[\]]*)\]\(([^()\s]*)\)")
_UNSURE_TEXT = frozenset("*_`\\&<[]!")
_SAFE_HREF_RE = re.compile(r"^[A-Za-z0-9._~:/?#@!$'+,;=-]*$")


class Unsure(Exception):
    """The line reader met a shape it does not promise to read like markdown-it."""


class Row:
    __slots__ = ("_case_studies", "cells", "line", "links", "title")

    def __init__(self, line: int, cells: dict[str, str], links: list[str], title: str) -> None:
        self.line = line  # 0-based, as markdown-it numbers lines
        self.cells = cells  # normalised header -> cell text
        self.links = links
        self.title = title
        self._case_studies: list[str] | None = None

    def case_studies(self) -> list[str]:
        """The case-study entries (`06_x`, `01_x.md`) the row links to, each once."""
        if self._case_studies is None:
            keys = dict.fromkeys(link_key(href) for href in self.links)
            self._case_studies = [key for key in keys if is_case_study_link(key)]
        return self._case_studies

    def metrics(self) -> list[str]:
        """The key-metrics cell split into metrics ("a, b, c"; a comma inside a figure such
        as "1,000 QPS" has no space after it and stays)."""
        cell = self.cells.get("key metrics", "")
        return [metric.strip() for metric in cell.split(", ") if metric.strip()]


class Index:
    __slots__ = ("error", "path", "rows", "table_line", "text")

    def __init__(self, path: str) -> None:
        self.path = path
        self.text: str | None = None
        self.error: tuple[str, int, int] | None = None
        self.rows: list[Row] = []
        self.table_line: int | None = None  # 0-based header line; None: no index table

    @property
    def has_table(self) -> bool:
        return self.table_line is not None

    def rows_by_name(self) -> dict[str, list[Row]]:
        """Rows by the case-study entry they link to (`06_x` or `01_x.md`)."""
        by_name: dict[str, list[Row]] = {}
        for row in self.rows:
            for name in row.case_studies():
                by_name.setdefault(name, []).append(row)
        return by_name


def is_case_study_link(key: str) -> bool:
    return CASE_STUDY_NAME_RE.fullmatch(key) is not None


def read_index(root: str) -> Index:
    index = Index(os.path.join(root, INDEX_NAME))
    try:
        with open(index.path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        return index
    except OSError as error:
        index.error = (f"the index README cannot be read: {error.strerror or error}", 1, 1)
        return index
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        index.error = (f"the index README is not UTF-8 text ({error.reason})", 1, 1)
        return index
    index.text = text
    if len(text) >= FAST_READER_MIN_CHARS:
        try:
            _read_lines(index, text)
            return index
        except Unsure:
            index.rows, index.table_line = [], None
    _read_with_markdown_it(index, text)
    return index


def _read_with_markdown_it(index: Index, text: str) -> None:
    from casestudy.index.table import find_index_table

    table = find_index_table(text)
    if table is None:
        return
    index.table_line = table.header_line
    index.rows = [Row(row.line, row.cells, row.links, row.title) for row in table.rows]


def _normalise_header(text: str) -> str:
    return " ".join(text.replace("*", "").replace("_", " ").split()).casefold()


def _split_cells(line: str) -> list[str]:
    """markdown-it's escapedSplit: `|` separates cells unless a backslash precedes it."""
    if "\\" not in line:
        cells = line.split("|")
    else:
        cells, current, last, escaped = [], "", 0, False
        for position, char in enumerate(line):
            if char == "|":
                if escaped:
                    current += line[last : position - 1]
                    last = position
                else:
                    cells.append(current + line[last:position])
                    current, last = "", position + 1
            escaped = char == "\\"
        cells.append(current + line[last:])
    if cells and not cells[0].strip():
        cells.pop(0)
    if cells and not cells[-1].strip():
        cells.pop()
    return cells


def _delimiter_columns(line: str) -> int | None:
    stripped = line.strip()
    if len(stripped) < 2 or stripped[0] not in "|-:" or (stripped[1] not in "|-: \t"):
        return None
    if stripped[0] == "-" and stripped[1] in " \t":
        return None
    if any(char not in "|-: \t" for char in stripped):
        return None
    columns = stripped.split("|")
    count = 0
    for position, column in enumerate(columns):
        column = column.strip()
        if not column:
            if position in (0, len(columns) - 1):
                continue
            return None
        if not _DELIMITER_RE.match(column):
            return None
        count += 1
    return count


def _read_lines(index: Index, text: str) -> None:
    lines = _LINE_SPLIT_RE.split(text)
    fence: str | None = None
    number = 0
    while number < len(lines) - 1:
        line = lines[number]
        number += 1
        opening = _FENCE_RE.match(line)
        if opening is not None:
            marker = opening.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence) and not line.strip(
                " \t" + marker[0]
            ):
                fence = None
            continue
        if fence is not None or "|" not in line:
            continue
        columns = _delimiter_columns(lines[number])
        if columns is None:
            continue
        if line != line.lstrip() or line.startswith((">", "-", "*", "+")) or "<" in line:
            raise Unsure
        header = [_normalise_header(cell.strip()) for cell in _split_cells(line.strip())]
        if len(header) != columns:
            continue
        _check_context(lines, number - 1)
        if set(INDEX_COLUMNS) <= set(header):
            index.table_line = number - 1
            index.rows = _rows(lines, number + 1, header)
            return
        # another table: markdown-it reads it whole (so none of its rows starts a table)
        number = _skip_rows(lines, number + 1)


def _check_context(lines: list[str], header: int) -> None:
    """A table right after a list item or quote may belong to it: leave that to markdown-it."""
    previous = header - 1
    while previous >= 0 and not lines[previous].strip():
        previous -= 1
    if previous >= 0:
        above = lines[previous].lstrip()
        if lines[previous] != above or _CONTAINER_RE.match(above):
            raise Unsure


def _skip_rows(lines: list[str], start: int) -> int:
    number = start
    while number < len(lines) and _is_row(lines[number]):
        number += 1
    return number


def _is_row(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if len(line) - len(line.lstrip(" ")) >= 4 or line.startswith("\t"):
        return False
    if line.lstrip().startswith("<"):
        raise Unsure
    return _TERMINATOR_RE.match(line.lstrip()) is None


def _rows(lines: list[str], start: int, header: list[str]) -> list[Row]:
    rows = []
    number = start
    while number < len(lines) and _is_row(lines[number]):
        cells = _split_cells(lines[number].strip())
        by_column: dict[str, str] = {}
        links: list[str] = []
        title = ""
        for position, column in enumerate(header):
            cell = cells[position].strip() if position < len(cells) else ""
            by_column[column] = cell
            cell_links, cell_title = _cell_links(cell)
            if column == "case study":
                title = cell_title
            links.extend(cell_links)
        rows.append(Row(number, by_column, links, title))
        number += 1
    return rows


def _cell_links(cell: str) -> tuple[list[str], str]:
    if "](" not in cell:
        if "<" in cell or "][" in cell:
            raise Unsure
        return [], ""
    matches = list(_CELL_LINK_RE.finditer(cell))
    if len(matches) != cell.count("]("):
        raise Unsure
    links = []
    for match in matches:
        href = match.group(2)
        if not _SAFE_HREF_RE.match(href) or "&" in href:
            raise Unsure
        links.append(href)
    title = matches[0].group(1)
    if _UNSURE_TEXT.intersection(title) or title != title.strip():
        raise Unsure
    return links, title
