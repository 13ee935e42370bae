"""The index table as every room sees it: the row a case study asks for (`IndexEntry`), a row as
read (`IndexRow`), and the table (`IndexTable`). Both readers (markdown-it in `table`, the line
reader in `lines`) give these same types."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from casestudy.directory.names import DEFAULT_NAMING, Naming, link_key

INDEX_COLUMNS = ("case study", "key metrics", "focus area")
SEED_COLUMNS = list(INDEX_COLUMNS)


def normalise_header(text: str) -> str:
    """`**Case Study**`, `case_study` and `CASE  STUDY` all name the column `case study`."""
    return " ".join(text.replace("*", "").replace("_", " ").split()).casefold()


# Backslash-escaped in every cell: a backslash (so one the author typed never escapes ours),
# `|` (it would end the cell), and what could open a link, an image, an autolink or HTML.
# Text stays as written otherwise, so a cell's source still reads like its front matter.
_CELL_SPECIALS_RE = re.compile(r"[\\|\[\]<]")
# A title is read back as rendered text (CS305 compares it, and it is a heading in the
# skeleton), so whatever would change that text is escaped too: emphasis, code, entities,
# strikethrough, and a heading's closing `#`.
_TEXT_SPECIALS_RE = re.compile(r"[\\|\[\]<*_`&~!#]")
_ESCAPED_RE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _backslash(match: re.Match[str]) -> str:
    return "\\" + match.group()


def escape_cell(text: str) -> str:
    """Text as a table cell's source: nothing in it can become a link, image or HTML."""
    return _CELL_SPECIALS_RE.sub(_backslash, text)


def escape_text(text: str) -> str:
    """Text as inline markdown that renders as exactly `text` (a title in a row or heading)."""
    return _TEXT_SPECIALS_RE.sub(_backslash, text)


def unescape_markdown(source: str) -> str:
    """A cell's source with CommonMark's backslash escapes read: what the author wrote."""
    return _ESCAPED_RE.sub(r"\1", source) if "\\" in source else source


@dataclass(frozen=True)
class IndexEntry:
    """What one index row says about one case study: the row a case study asks for."""

    title: str
    link: str
    metrics: tuple[str, ...]
    focus_area: str

    def cells(self) -> dict[str, str]:
        return {
            "case study": f"**[{escape_text(self.title)}]({self.link})**",
            "key metrics": escape_cell(", ".join(self.metrics)),
            "focus area": escape_cell(self.focus_area),
        }


def render_row(columns: list[str], entry: IndexEntry) -> str:
    """The seed's row style; columns other than the index's three are left empty."""
    cells = entry.cells()
    return "| " + " | ".join(cells.get(column, "") for column in columns) + " |"


@dataclass(slots=True)  # a long index has a hundred thousand of them
class IndexRow:
    """One row as read from the file."""

    line: int  # 0-based line of the row in the file, as markdown-it numbers lines
    cells: dict[str, str]  # normalised header -> cell source, as markdown-it splits it
    links: list[str]
    title: str  # the text of the first link in the Case Study cell

    def case_studies(self, naming: Naming = DEFAULT_NAMING) -> list[str]:
        """The case-study entries (`06_x`, `01_x.md`) the row links to, each once."""
        keys = dict.fromkeys(link_key(href) for href in self.links)
        return [key for key in keys if naming.is_case_study(key)]

    def metrics(self) -> list[str]:
        """The key-metrics cell split into metrics ("a, b, c"; a comma inside a figure such
        as "1,000 QPS" has no space after it and stays)."""
        cell = self.cells.get("key metrics", "")
        return [metric.strip() for metric in cell.split(", ") if metric.strip()]


@dataclass
class IndexTable:
    """The index table; or, with `listed`, an older index kept as a numbered list of links,
    whose items are its rows (cells: only "case study"), from `header_line` (the list's
    first line) to `last_line`."""

    header_line: int
    last_line: int  # 0-based line of the table's last line (the delimiter row when empty)
    columns: list[str]  # normalised header names, in file order
    rows: list[IndexRow] = field(default_factory=list)
    listed: bool = False

    def row_for(self, link: str) -> IndexRow | None:
        key = link_key(link)
        for row in self.rows:
            if any(link_key(href) == key for href in row.links):
                return row
        return None

    def render_row(self, entry: IndexEntry) -> str:
        return render_row(self.columns, entry)

    def rows_by_name(self, naming: Naming = DEFAULT_NAMING) -> dict[str, list[IndexRow]]:
        """Rows by the case-study entry they link to (`06_x` or `01_x.md`)."""
        return rows_by_name((row, row.case_studies(naming)) for row in self.rows)


def rows_by_name(linked: Iterable[tuple[IndexRow, list[str]]]) -> dict[str, list[IndexRow]]:
    """Rows by the case-study entries they link to, from each row and its entries."""
    by_name: dict[str, list[IndexRow]] = {}
    for row, names in linked:
        for name in names:
            by_name.setdefault(name, []).append(row)
    return by_name
