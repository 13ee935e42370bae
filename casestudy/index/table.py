"""Find a case-study directory's index table and add or update one row, byte-for-byte safely.

markdown-it-py decides what is a table (so one inside a code fence, or with other headers, is
never touched), but it is never run over a whole long table: it parses the document up to the
candidate's delimiter row to confirm a real top-level table there, and single rows under the
table's own header where a row needs reading. The new row is spliced in as text beside the
table's last row, and the result is re-parsed the same way to prove the edit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from casestudy.directory.names import link_key, number_in_link
from casestudy.errors import IndexTableError, NoIndexTable
from casestudy.index.model import (
    INDEX_COLUMNS,
    IndexEntry,
    IndexRow,
    IndexTable,
    normalise_header,
    render_row,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


_ENDING_RE = re.compile(r"\r\n|\r|\n")
# markdown-it normalises \r\n and a lone \r to \n before counting lines; split the same way.
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
# A line that does not start with `|` (indented rows included: the parser judges those).
_NOT_A_ROW_RE = re.compile(r"\n[^|]")
_FOCUS_RE = re.compile(r"focus", re.IGNORECASE)
# The number a row's first case-study link starts with (`](06_x/README.md)`, `](./06_x.md)`).
_ROW_NUMBER_RE = re.compile(r"\]\(\s*<?(?:\./)*(\d{2,})_")
_BOM = "\ufeff"


def split_lines(text: str) -> list[str]:
    """Lines with their own endings, numbered as markdown-it numbers them."""
    return _LINE_RE.findall(text)


_PARSERS: dict[bool, MarkdownIt] = {}


def _parser(*, inline: bool = True) -> MarkdownIt:
    """markdown-it with GFM tables; without `inline`, block structure only (what deciding
    where a table is needs, without the cost of parsing every cell's inline markdown)."""
    if inline not in _PARSERS:
        # Imported here: the hooks' start-up pays for markdown-it only when it is used.
        from markdown_it import MarkdownIt

        parser = MarkdownIt("commonmark").enable("table")
        if not inline:
            parser.core.ruler.disable(["inline", "text_join"])
        _PARSERS[inline] = parser
    return _PARSERS[inline]


class _Document:
    """The text as markdown-it sees it (BOM dropped, every line ending a plain \\n), so that
    offsets and line numbers here agree with the parser's line map."""

    def __init__(self, text: str) -> None:
        self.original = text.removeprefix(_BOM)
        self.text = _ENDING_RE.sub("\n", self.original) if "\r" in self.original else self.original

    def line_number(self, offset: int) -> int:
        return self.text.count("\n", 0, offset)

    def line_bounds(self, offset: int) -> tuple[int, int]:
        """Start and end (before its \\n) of the line holding `offset`."""
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return start, len(self.text) if end < 0 else end

    def original_offset(self, offset: int) -> int:
        """Map an offset in the normalised text back to the text as it is on disk."""
        if self.text is self.original:
            return offset
        line = self.line_number(offset)
        column = offset - self.line_bounds(offset)[0]
        return sum(len(text) for text in split_lines(self.original)[:line]) + column


@dataclass(frozen=True)
class _Span:
    """Where one index table stands, as offsets into the normalised text."""

    header_start: int
    delimiter_end: int  # the delimiter row's end, before its \n
    body_end: int  # just past the last row (before its \n); delimiter_end when no rows
    header_line: int
    columns: list[str]
    head: str  # header and delimiter rows, under which a single row can be parsed

    @property
    def body_start(self) -> int:
        return self.delimiter_end + 1



def _header_candidates(text: str, *, any_case: bool) -> Iterator[int]:
    """Offsets of "focus", which every index header has: a cheap pre-filter only, found
    lazily so that finding the first table never scans the rest of a long index. Headers
    say Focus or focus; other casings are looked for only when those find no table."""
    if any_case:
        yield from (match.start() for match in _FOCUS_RE.finditer(text))
        return
    position = 0
    while (position := text.find("ocus", position)) >= 1:
        yield position - 1
        position += 4


def _iter_tables(document: _Document) -> Iterator[_Span]:
    found = False
    for any_case in (False, True):
        for span in _tables_among(document, _header_candidates(document.text, any_case=any_case)):
            found = True
            yield span
        if found:
            return


def _tables_among(document: _Document, candidates: Iterator[int]) -> Iterator[_Span]:
    text = document.text
    seen: set[int] = set()
    for offset in candidates:
        header_start, header_end = document.line_bounds(offset)
        if header_start in seen or header_end >= len(text):
            continue
        seen.add(header_start)
        cells = [normalise_header(cell) for cell in text[header_start:header_end].split("|")]
        if not set(INDEX_COLUMNS) <= set(cells):
            continue
        delimiter_end = document.line_bounds(header_end + 1)[1]
        header_line = document.line_number(header_start)
        columns = _confirm_table(text[:delimiter_end], header_line)
        if columns is None:
            continue
        head = text[header_start:delimiter_end] + "\n"
        body_end = _table_end(text, head, delimiter_end)
        yield _Span(header_start, delimiter_end, body_end, header_line, columns, head)


def _confirm_table(prefix: str, header_line: int) -> list[str] | None:
    """The header's columns if markdown-it sees a top-level index table starting there."""
    tokens = _parser(inline=False).parse(prefix)
    for position, token in enumerate(tokens):
        if token.type != "table_open" or not token.map or token.map[0] != header_line:
            continue
        if token.level != 0:
            return None
        columns: list[str] = []
        for cell in tokens[position:]:
            if cell.type == "thead_close":
                break
            if cell.type == "inline":
                columns.append(normalise_header(cell.content))
        return columns if set(INDEX_COLUMNS) <= set(columns) else None
    return None


def _table_end(text: str, head: str, delimiter_end: int) -> int:
    """A line starting with `|` is always a row; any other line is shown to the parser under
    the table's header to decide whether it continues the table."""
    end = delimiter_end
    position = delimiter_end + 1
    while position < len(text):
        match = _NOT_A_ROW_RE.search(text, position - 1)
        if match:
            other_line = match.start() + 1
        else:  # rows to the end; a final newline leaves an empty last line
            other_line = len(text) if text.endswith("\n") else len(text) + 1
        if other_line > position:  # a run of `|` rows, skipped at C speed
            end, position = other_line - 1, other_line
            continue
        line_end = text.find("\n", position)
        line_end = len(text) if line_end < 0 else line_end
        line = text[position:line_end]
        if not line.strip() or not _parses_as_row(head + line):
            break
        end, position = line_end, line_end + 1
    return end


def _parses_as_row(mini_table: str) -> bool:
    return any(token.type == "tbody_open" for token in _parser(inline=False).parse(mini_table))


def _parse_rows(mini_table: str, first_line: int, columns: list[str]) -> list[IndexRow]:
    """Rows of a table given as its header, delimiter and body lines; `first_line` is where
    that header stands in the file."""
    rows: list[IndexRow] = []
    cells: list[Token] = []
    row_line = 0
    in_body = False
    for token in _parser().parse(mini_table):
        if token.type == "tbody_open":
            in_body = True
        elif token.type == "tr_open" and token.map is not None:
            row_line, cells = token.map[0], []
        elif token.type == "inline" and in_body:
            cells.append(token)
        elif token.type == "tr_close" and in_body:
            rows.append(_make_row(first_line + row_line, columns, cells))
    return rows


def _make_row(line: int, columns: list[str], cells: list[Token]) -> IndexRow:
    links: list[str] = []
    title = ""
    by_column: dict[str, str] = {}
    for column, cell in zip(columns, cells, strict=False):
        by_column[column] = cell.content
        cell_links, cell_title = _links_and_title(cell.children or [])
        if column == "case study":
            title = cell_title
        links.extend(cell_links)
    return IndexRow(line, by_column, links, title)


def _links_and_title(children: list[Token]) -> tuple[list[str], str]:
    links: list[str] = []
    title_parts: list[str] = []
    inside_first_link = False
    for child in children:
        if child.type == "link_open":
            links.append(str(child.attrGet("href") or ""))
            inside_first_link = len(links) == 1
        elif child.type == "link_close":
            inside_first_link = False
        elif inside_first_link and child.type in ("text", "code_inline"):
            title_parts.append(child.content)
    return links, "".join(title_parts)


def _table_with_rows(document: _Document, span: _Span) -> IndexTable:
    rows: list[IndexRow] = []
    if span.body_end > span.delimiter_end:
        body = document.text[span.body_start : span.body_end]
        rows = _parse_rows(span.head + body, span.header_line, span.columns)
    last_line = rows[-1].line if rows else span.header_line + 1
    return IndexTable(span.header_line, last_line, span.columns, rows)


def find_index_tables(text: str) -> list[IndexTable]:
    """Every top-level table whose header names the three index columns, in file order."""
    document = _Document(text)
    return [_table_with_rows(document, span) for span in _iter_tables(document)]


def find_index_table(text: str) -> IndexTable | None:
    """The first index table, with every row parsed; None when the text has none."""
    document = _Document(text)
    span = next(_iter_tables(document), None)
    return _table_with_rows(document, span) if span else None


@dataclass(frozen=True)
class TableRows:
    """Where the first index table's rows stand: `text[start:end]`, one row a line."""

    columns: list[str]  # normalised header names, in file order
    text: str  # the README as markdown-it reads it: no BOM, every line ending a \n
    start: int
    end: int  # start when the table has no rows; else the end of the last row, before its \n

    def line_count(self, start: int | None = None, end: int | None = None) -> int:
        """How many lines `text[start:end]` holds: by default, the rows'."""
        start = self.start if start is None else start
        end = self.end if end is None else end
        return self.text.count("\n", start, end) + 1 if end > start else 0


def find_index_table_rows(text: str) -> TableRows | None:
    """Where the first index table's rows stand, found as `find_index_table` finds them but
    without reading one; None when the text has no index table."""
    document = _Document(text)
    span = next(_iter_tables(document), None)
    if span is None:
        return None
    end = max(span.body_end, span.body_start)
    return TableRows(span.columns, document.text, span.body_start, end)


def row_links_to(text: str, link: str) -> bool:
    """Whether a row of the first index table links to the case study `link` names; only
    the rows whose text mentions its folder are read (as `plan_row_edit` finds the row)."""
    document = _Document(text)
    span = next(_iter_tables(document), None)
    return span is not None and _row_linking_to(document, span, link) is not None


def _row_linking_to(document: _Document, span: _Span, link: str) -> tuple[int, int] | None:
    """Bounds of the row whose link names `link`'s case study. Only rows whose text
    mentions the folder are parsed: the rest cannot link to it."""
    key = link_key(link)
    needle = key.rsplit("/", 1)[-1]
    position = span.body_start
    while span.body_end > span.delimiter_end:
        found = document.text.find(needle, position, span.body_end)
        if found < 0:
            return None
        start, end = document.line_bounds(found)
        rows = _parse_rows(span.head + document.text[start:end], span.header_line, span.columns)
        if rows and any(link_key(href) == key for href in rows[0].links):
            return start, end
        position = end + 1  # the next line: an empty needle is found anywhere
    return None


@dataclass(frozen=True)
class RowEdit:
    """One splice of the index text: replace text[start:end] with `replacement`."""

    start: int  # offsets into the text as given, BOM included
    end: int
    replacement: str
    action: str  # "added", "updated" or "unchanged"

    def apply(self, text: str) -> str:
        return "".join(self.pieces(text))

    def pieces(self, text: str) -> tuple[str, str, str]:
        """The edited text in three parts, to write without joining a long file first."""
        return text[: self.start], self.replacement, text[self.end :]


def plan_row_edit(text: str, entry: IndexEntry) -> RowEdit:
    """Where `entry`'s row goes: after the table's last row, or over the row that already
    links to the case study. Checked by re-parsing before it is returned.

    Raises NoIndexTable (an IndexTableError) when the text has no index table.
    """
    bom = len(_BOM) if text.startswith(_BOM) else 0
    document = _Document(text)
    span = next(_iter_tables(document), None)
    if span is None:
        raise NoIndexTable(
            "there is no index table (a table whose header is Case Study | Key Metrics | "
            "Focus Area)"
        )
    row_text = render_row(span.columns, entry)
    original = document.original
    existing = _row_linking_to(document, span, entry.link)
    following_line = ""  # what comes after the row, to check that the table still ends there
    if existing is not None:
        start, end = (document.original_offset(offset) for offset in existing)
        if original[start:end] == row_text:
            return RowEdit(bom + start, bom + end, row_text, "unchanged")
        edit = RowEdit(bom + start, bom + end, row_text, "updated")
    else:
        number = number_in_link(link_key(entry.link))
        before = None if number is None else _first_row_after(document, span, number)
        if before is not None:
            # Rows that generations running at once added out of turn: keep number order.
            following_line = document.text[before : document.line_bounds(before)[1]]
            at = document.original_offset(before)
            ending = _ENDING_RE.search(original, at)
            newline = ending.group() if ending else "\n"
            edit = RowEdit(bom + at, bom + at, row_text + newline, "added")
            _verify(span, row_text, following_line, entry, rows_after=1)
            return edit
        next_start = span.body_end + 1
        following_line = document.text[next_start : document.line_bounds(next_start)[1]]
        at = document.original_offset(span.body_end)
        ending = _ENDING_RE.match(original, at) or _ENDING_RE.search(original)
        newline = ending.group() if ending else "\n"
        # Before the last row's own ending, so a file that ends without a newline still does.
        edit = RowEdit(bom + at, bom + at, newline + row_text, "added")
    _verify(span, row_text, following_line, entry)
    return edit


def _first_row_after(document: _Document, span: _Span, number: int) -> int | None:
    """Where the table's trailing run of rows numbered above `number` starts (an offset into
    the normalised text), so that the new row goes before them; None when the last row's
    number is not above it (the usual case, decided by the last row alone)."""
    first = None
    end = span.body_end
    while end > span.delimiter_end:
        start = document.line_bounds(end - 1)[0]
        found = _ROW_NUMBER_RE.search(document.text, start, end)
        if found is None or int(found.group(1)) <= number:
            break
        first = start
        end = start - 1
    return first


def upsert_row(text: str, entry: IndexEntry) -> tuple[str, str]:
    """The text with `entry`'s row added or updated in place, and what was done ("added",
    "updated" or "unchanged"). Every other byte stays as it was."""
    edit = plan_row_edit(text, entry)
    return edit.apply(text), edit.action


def _verify(
    span: _Span, row_text: str, following_line: str, entry: IndexEntry, *, rows_after: int = 0
) -> None:
    """Re-parse the edited stretch under the table's header: the new row must read back as
    exactly one row with our cells, and the line after it must still end the table (or, when
    the row goes before `rows_after` existing ones, still be that row). (Whether
    a line continues a table depends on that line alone, and everything before the row is
    unchanged, so this window decides the same as parsing the whole file.)"""
    window = span.head + row_text + "\n" + following_line
    rows = _parse_rows(window, span.header_line, span.columns)
    # markdown-it drops the backslash of each escaped pipe when it splits a row.
    wanted = {column: cell.replace(r"\|", "|") for column, cell in entry.cells().items()}
    problem = None
    if len(rows) != 1 + rows_after:
        problem = f"it reads as {len(rows)} rows"
    elif link_key(entry.link) not in {link_key(href) for href in rows[0].links}:
        problem = "the row does not link to the case study"
    elif any(rows[0].cells.get(column) != cell for column, cell in wanted.items()):
        problem = f"the row reads back as {rows[0].cells!r}"
    if problem:
        raise IndexTableError(
            f"The index edit failed its re-parse check ({problem}), so the index was left "
            f"untouched. Add this row by hand after the table's last row: {row_text}"
        )


def markdown_parser() -> MarkdownIt:
    """markdown-it as the index readers use it (GFM tables, inline content parsed)."""
    return _parser()


def inline_links_and_title(children: list[Token]) -> tuple[list[str], str]:
    """The hrefs of an inline token's links, and the text of the first one."""
    return _links_and_title(children)
