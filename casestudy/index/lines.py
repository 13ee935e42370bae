"""A line reader for large index tables, giving the same `IndexTable` markdown-it would.

markdown-it (`casestudy.index.table`) is the authority on what the index table is, but it reads
a long table row by row in Python: a thousand-row index takes it a noticeable part of a check,
a hundred-thousand-row one many seconds. This reader follows markdown-it's GFM table rule for
the plain shapes index rows have, and gives up (`Unsure`, handing over to markdown-it) on
anything it is not sure about: HTML, emphasis or escapes inside a link text, autolinks,
reference links, percent-encoded or non-ASCII hrefs, indented or quoted tables. Tests hold the
two readers to the same result on every shape they both accept.
"""

from __future__ import annotations

import re

from casestudy.index.model import INDEX_COLUMNS, IndexRow, IndexTable, normalise_header

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
_LINK_HIDERS = frozenset("\\`<")
_SAFE_HREF_RE = re.compile(r"^[A-Za-z0-9._~:/?#@!$'+,;=-]*$")


class Unsure(Exception):
    """The line reader met a shape it does not promise to read like markdown-it."""


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


def read_lines(text: str) -> IndexTable | None:
    """The first index table of `text` (without a BOM); Unsure when markdown-it must decide."""
    if "\0" in text:  # markdown-it reads it as U+FFFD, wherever it is
        raise Unsure
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
        header = [normalise_header(cell.strip()) for cell in _split_cells(line.strip())]
        if len(header) != columns:
            continue
        _check_context(lines, number - 1)
        if set(INDEX_COLUMNS) <= set(header):
            rows = _rows(lines, number + 1, header)
            return IndexTable(number - 1, rows[-1].line if rows else number, header, rows)
        # another table: markdown-it reads it whole (so none of its rows starts a table)
        number = _skip_rows(lines, number + 1)
    return None


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


# A row in the seed's own shape and column order, `| **[Title](link)** | metrics | area |`,
# read in one match: what the general path below would make of it, for the shapes where the
# two cannot differ (no escapes, brackets, `|` or `<` in a cell, no space but blanks and tabs
# around cells, no NUL, which markdown-it reads as U+FFFD). A long index is almost all such
# rows. No part matches a line ending, so the same pattern also reads a table's rows straight
# from its text (`SEED_ROWS_RE`), one per line.
_TITLE = r"[^|\[\]*_`\\&<!\s\0](?:[^|\[\]*_`\\&<!\r\n\0]*[^|\[\]*_`\\&<!\s\0])?"
_HREF = r"[A-Za-z0-9._~:/?#@!$'+,;=-]*"
_CELL = r"(?:[^|\\<\[\]\s\0](?:[^|\\<\[\]\r\n\0]*[^|\\<\[\]\s\0])?)?"


def _seed_row(*captured: str) -> str:
    """The seed row's pattern, with the parts named in `captured` as named groups."""

    def part(name: str, pattern: str) -> str:
        return f"(?P<{name}>{pattern})" if name in captured else f"(?:{pattern})"

    cell = part("cell", rf"\*\*\[{part('title', _TITLE)}\]\({part('href', _HREF)}\)\*\*")
    return (
        rf"\|[ \t]*{cell}[ \t]*\|[ \t]*{part('metrics', _CELL)}[ \t]*"
        rf"\|[ \t]*{part('area', _CELL)}[ \t]*\|[ \t]*"
    )


_SEED_ROW_RE = re.compile(_seed_row("cell", "title", "href", "metrics", "area"))
# Every seed-shaped row of a text, as (title, href, area): one per line at most.
SEED_ROWS_RE = re.compile(rf"^{_seed_row('title', 'href', 'area')}$", re.MULTILINE)
_SEED_ORDER = list(INDEX_COLUMNS)


def _rows(lines: list[str], start: int, header: list[str]) -> list[IndexRow]:
    rows = []
    number = start
    count = len(lines)
    seed_order = header == _SEED_ORDER
    while number < count:
        line = lines[number]
        # A line that starts with `|` is a row (no terminator starts so); others are judged.
        if not line.startswith("|") and not _is_row(line):
            break
        plain = _SEED_ROW_RE.fullmatch(line) if seed_order else None
        if plain is not None:
            cell, metrics, area, href, title = plain.group("cell", "metrics", "area", "href",
                                                           "title")
            cells_read = {"case study": cell, "key metrics": metrics, "focus area": area}
            rows.append(IndexRow(number, cells_read, [href], title))
            number += 1
            continue
        cells = _split_cells(line.strip())
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
        rows.append(IndexRow(number, by_column, links, title))
        number += 1
    return rows


# The usual case-study cell, `**[Title](06_slug/README.md)**` or `[Title](…)`, read in one
# match; anything else takes the general path below.
_PLAIN_LINK_CELL_RE = re.compile(
    r"(\*\*)?\[([^\[\]*_`\\&<!\s](?:[^\[\]*_`\\&<!]*[^\[\]*_`\\&<!\s])?)\]"
    r"\(([A-Za-z0-9._~:/?#@!$'+,;=-]*)\)\1"
)
_NO_LINK: tuple[list[str], str] = ([], "")


def _cell_links(cell: str) -> tuple[list[str], str]:
    plain = _PLAIN_LINK_CELL_RE.fullmatch(cell)
    if plain is not None:
        return [plain.group(3)], plain.group(2)
    if "](" not in cell and "<" not in cell and "][" not in cell:
        return [], ""
    if "](" not in cell:
        if "<" in cell or "][" in cell:
            raise Unsure
        return [], ""
    if _LINK_HIDERS.intersection(cell):  # an escape, code span or HTML may hide a bracket
        raise Unsure
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
