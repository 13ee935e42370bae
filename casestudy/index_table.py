"""Find a case-study directory's index table and add or update one row, byte-for-byte safely.

The table is located through markdown-it-py's line map (so a table inside a code fence, or one
with other headers, is never touched), the new row is spliced in as text next to the table's
last row, and the result is re-parsed to prove that exactly one row was added or replaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from casestudy.errors import IndexTableError

if TYPE_CHECKING:
    from markdown_it.token import Token

INDEX_COLUMNS = ("case study", "key metrics", "focus area")
INDEX_HEADER = "Case Study | Key Metrics | Focus Area"

# markdown-it normalises \r\n and a lone \r to \n before counting lines; split the same way.
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_ENDING_RE = re.compile(r"\r\n|\r|\n")
_BOM = "\ufeff"


@dataclass(frozen=True)
class IndexEntry:
    """What one index row says about one case study."""

    title: str
    link: str
    metrics: tuple[str, ...]
    focus_area: str

    def cells(self) -> dict[str, str]:
        title = escape_cell(self.title).replace("[", r"\[").replace("]", r"\]")
        return {
            "case study": f"**[{title}]({self.link})**",
            "key metrics": escape_cell(", ".join(self.metrics)),
            "focus area": escape_cell(self.focus_area),
        }


@dataclass
class IndexRow:
    line: int  # 0-based line of the row in the file
    cells: dict[str, str]  # header (normalised) -> cell source, as markdown-it split it
    links: list[str]
    title: str


@dataclass
class IndexTable:
    header_line: int
    last_line: int  # 0-based line of the table's last line (header/delimiter when no rows)
    columns: list[str]  # normalised header names, in file order
    rows: list[IndexRow] = field(default_factory=list)

    def row_for(self, link: str) -> IndexRow | None:
        key = link_key(link)
        for row in self.rows:
            if any(link_key(href) == key for href in row.links):
                return row
        return None

    def render_row(self, entry: IndexEntry) -> str:
        """The seed's row style; extra columns are left empty."""
        cells = entry.cells()
        return "| " + " | ".join(cells.get(column, "") for column in self.columns) + " |"


def escape_cell(text: str) -> str:
    # A backslash is doubled first so that one the author typed can never escape our `\|`.
    return text.replace("\\", "\\\\").replace("|", r"\|")


def link_key(href: str) -> str:
    """`./06_x/README.md`, `06_x/` and `06_x` all name the case study in folder `06_x`."""
    key = href.strip().split("#", 1)[0]
    while key.startswith("./"):
        key = key[2:]
    if key.lower().endswith("/readme.md"):
        key = key[: -len("/README.md")]
    return key.rstrip("/")


def _parser():  # type: ignore[no-untyped-def]
    # Imported here: the hooks' start-up should pay for markdown-it only when it is used.
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def _normalise_header(text: str) -> str:
    return " ".join(text.replace("*", "").replace("_", " ").split()).casefold()


def _link_title(children: list[Token]) -> tuple[list[str], str]:
    links: list[str] = []
    title_parts: list[str] = []
    inside_link = False
    for child in children:
        if child.type == "link_open":
            links.append(str(child.attrGet("href") or ""))
            inside_link = len(links) == 1
        elif child.type == "link_close":
            inside_link = False
        elif inside_link and child.type in ("text", "code_inline"):
            title_parts.append(child.content)
    return links, "".join(title_parts)


def find_index_tables(text: str) -> list[IndexTable]:
    """Every top-level table whose header names the three index columns, in file order."""
    tokens = _parser().parse(text.removeprefix(_BOM))
    tables: list[IndexTable] = []
    position = 0
    while position < len(tokens):
        token = tokens[position]
        position += 1
        if token.type != "table_open" or token.level != 0 or token.map is None:
            continue
        table, position = _read_table(tokens, position, token.map)
        if table is not None:
            tables.append(table)
    return tables


def _read_table(
    tokens: list[Token], position: int, table_map: list[int]
) -> tuple[IndexTable | None, int]:
    columns: list[str] = []
    rows: list[IndexRow] = []
    in_head = True
    row_line = table_map[0]
    row_cells: list[Token] = []
    while tokens[position].type != "table_close":
        token = tokens[position]
        position += 1
        if token.type == "tbody_open":
            in_head = False
        elif token.type == "tr_open" and token.map is not None:
            row_line, row_cells = token.map[0], []
        elif token.type == "inline":
            row_cells.append(token)
        elif token.type == "tr_close":
            if in_head:
                columns = [_normalise_header(cell.content) for cell in row_cells]
            else:
                rows.append(_make_row(row_line, columns, row_cells))
    position += 1
    if not set(INDEX_COLUMNS) <= set(columns):
        return None, position
    last_line = rows[-1].line if rows else table_map[0] + 1
    return IndexTable(table_map[0], last_line, columns, rows), position


def _make_row(line: int, columns: list[str], cells: list[Token]) -> IndexRow:
    links: list[str] = []
    title = ""
    by_column: dict[str, str] = {}
    for column, cell in zip(columns, cells):
        by_column[column] = cell.content
        cell_links, cell_title = _link_title(cell.children or [])
        if column == "case study":
            title = cell_title
        links.extend(cell_links)
    return IndexRow(line, by_column, links, title)


def find_index_table(text: str) -> IndexTable | None:
    tables = find_index_tables(text)
    return tables[0] if tables else None


def split_lines(text: str) -> list[str]:
    """Lines with their own endings, numbered as markdown-it numbers them."""
    return _LINE_RE.findall(text)


def _content_and_ending(line: str) -> tuple[str, str]:
    match = _ENDING_RE.search(line)
    return (line[: match.start()], match.group()) if match else (line, "")


def upsert_row(text: str, entry: IndexEntry) -> tuple[str, str]:
    """Return the text with `entry`'s row added (or updated in place) and what was done:
    "added", "updated" or "unchanged". Everything else stays byte-identical.

    Raises ValueError when the text has no index table.
    """
    bom = _BOM if text.startswith(_BOM) else ""
    body = text[len(bom):]
    table = find_index_table(body)
    if table is None:
        raise ValueError("no index table")
    row_text = table.render_row(entry)
    lines = split_lines(body)
    existing = table.row_for(entry.link)
    if existing is not None:
        content, ending = _content_and_ending(lines[existing.line])
        if content == row_text:
            return text, "unchanged"
        lines[existing.line] = row_text + ending
        action = "updated"
    else:
        content, ending = _content_and_ending(lines[table.last_line])
        file_ending = _ENDING_RE.search(body)
        newline = ending or (file_ending.group() if file_ending else "\n")
        # The row goes before the last row's own ending, so a file that ends without a
        # newline still does.
        lines[table.last_line] = content + newline + row_text + ending
        action = "added"
    result = bom + "".join(lines)
    _verify(result[len(bom):], table, entry, row_text, action)
    return result, action


def _verify(
    after: str, table: IndexTable, entry: IndexEntry, row_text: str, action: str
) -> None:
    """Re-parse the edited text: the same table, one more row (or the same number), and
    that row carrying exactly our cells."""
    edited = find_index_table(after)
    expected_rows = len(table.rows) + (1 if action == "added" else 0)
    row = edited.row_for(entry.link) if edited else None
    problem = None
    if edited is None or edited.header_line != table.header_line:
        problem = "the index table moved or disappeared"
    elif len(edited.rows) != expected_rows:
        problem = f"the table has {len(edited.rows)} rows, expected {expected_rows}"
    elif row is None:
        problem = "the new row does not link to the case study"
    else:
        wanted = {column: cell.replace(r"\|", "|") for column, cell in entry.cells().items()}
        if any(row.cells.get(column) != value for column, value in wanted.items()):
            problem = f"the row reads back as {row.cells!r}"
    if problem:
        raise IndexTableError(
            f"The index edit failed its re-parse check ({problem}), so the index was left "
            f"untouched. Add this row by hand after the table's last row: {row_text}"
        )
