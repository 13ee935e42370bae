"""Keeping the index table's rows in step with the case studies' front matter.

Only the lines of the table's rows are rewritten: every byte before the table's delimiter row
and after its last row stays as it was (BOM, line endings, a missing final newline). Rows of
older case studies without front matter are kept exactly as they are. The result is re-parsed
before anyone sees it, so a rewrite that would damage the table is refused, not written.

An older index kept as a numbered list of links is turned into the table (`from_list`).
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from casestudy.directory.config import load_config
from casestudy.directory.fileio import atomic_write_text, directory_lock, read_text_exact
from casestudy.directory.names import DEFAULT_NAMING, Naming, link_key, number_in_link
from casestudy.directory.records import CaseStudyRecord, load_case_studies
from casestudy.errors import IndexTableError
from casestudy.format.controls import escape_controls
from casestudy.index.model import INDEX_COLUMNS, IndexEntry, IndexRow, IndexTable
from casestudy.index.table import find_index_table, split_lines

_BOM = "\ufeff"
_ENDINGS = ("\r\n", "\r", "\n")


@dataclass(frozen=True)
class DerivedRow:
    """The row one case study's front matter asks for."""

    number: int
    name: str  # the case study's folder (or flat file) name: rows linking to it are replaced
    entry: IndexEntry


@dataclass(frozen=True)
class _PlannedRow:
    sort_key: tuple[int, int, int, str]  # (unnumbered?, number, position in file, name)
    text: str
    derived_from: str | None  # the case study's name, for rows we render


def _split_ending(line: str) -> tuple[str, str]:
    for ending in _ENDINGS:
        if line.endswith(ending):
            return line[: -len(ending)], ending
    return line, ""


def _first_newline(text: str) -> str:
    for position, character in enumerate(text):
        if character == "\n":
            return "\n"
        if character == "\r":
            return "\r\n" if text[position + 1 : position + 2] == "\n" else "\r"
    return "\n"


def _render(table: IndexTable, entry: IndexEntry, existing: IndexRow | None) -> str:
    """The seed's row style; cells of extra columns an existing row filled in are kept."""
    row = table.render_row(entry)
    extras = [column for column in table.columns if column not in INDEX_COLUMNS]
    if existing is None or not any(existing.cells.get(column) for column in extras):
        return row
    cells = entry.cells()
    for column in extras:
        # markdown-it hands back a cell with its `\|` already unescaped.
        cells[column] = existing.cells.get(column, "").replace("|", r"\|")
    return "| " + " | ".join(cells.get(column, "") for column in table.columns) + " |"


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _plan(
    table: IndexTable, lines: list[str], derived: Sequence[DerivedRow], drop: Collection[str]
) -> list[_PlannedRow]:
    wanted = {row.name: row for row in derived}
    planned: list[_PlannedRow] = []
    # Each row's position, by the case studies it links to (first row wins, as in row_for).
    position_of: dict[str, int] = {}
    for position, row in enumerate(table.rows):
        keys = [link_key(href) for href in row.links]
        for key in keys:
            position_of.setdefault(key, position)
        if any(key in wanted for key in keys):
            continue  # rendered afresh from that case study's front matter below
        if keys and all(key in drop for key in keys):
            continue
        numbers = [number for number in map(number_in_link, keys) if number is not None]
        text, _ = _split_ending(lines[row.line])
        if numbers:
            planned.append(_PlannedRow((0, numbers[0], position, keys[0]), text, None))
        else:  # no case-study link to order it by: after the numbered rows, in file order
            planned.append(_PlannedRow((1, 0, position, ""), text, None))
    for wanted_row in derived:
        position = position_of.get(link_key(wanted_row.entry.link), len(table.rows))
        existing = table.rows[position] if position < len(table.rows) else None
        text = _render(table, wanted_row.entry, existing)
        if existing is not None:
            written, _ = _split_ending(lines[existing.line])
            if written != text and _nfc(written) == _nfc(text):
                text = written  # the same row, its accents composed another way: keep it
        # Rows sharing a number keep their order; a new row goes after them.
        planned.append(
            _PlannedRow((0, wanted_row.number, position, wanted_row.name), text, wanted_row.name)
        )
    return sorted(planned, key=lambda row: row.sort_key)


def rewrite_rows(
    text: str,
    derived: Sequence[DerivedRow],
    drop: Collection[str] = frozenset(),
    *,
    table: IndexTable | None = None,
) -> str:
    """`text` with its index table's rows replaced: one row per derived case study, in the
    seed's style; other rows kept byte for byte, except those whose every link is in `drop`
    (case-study folders that no longer exist); all ordered by number.

    `table`: the text's index table when the caller has parsed it already.
    Raises IndexTableError when the text has no index table or the rewrite fails its check.
    """
    bom = _BOM if text.startswith(_BOM) else ""
    body = text[len(bom) :]
    table = table or find_index_table(body)
    if table is None:
        raise IndexTableError(
            "there is no index table (a table whose header is Case Study | Key Metrics | "
            "Focus Area)"
        )
    lines = split_lines(body)
    planned = _plan(table, lines, derived, drop)

    # The delimiter row and the rows after it form one block; its separators are reused
    # position by position so that line endings stay as the file had them.
    delimiter = table.header_line + 1
    last = table.rows[-1].line if table.rows else delimiter
    endings = [_split_ending(line)[1] for line in lines[delimiter : last + 1]]
    separators, final_ending = endings[:-1], endings[-1]
    fallback = separators[-1] if separators else _first_newline(body)
    block = _split_ending(lines[delimiter])[0]
    for position, row in enumerate(planned):
        block += (separators[position] if position < len(separators) else fallback) + row.text
    block += final_ending
    result_body = "".join(lines[:delimiter]) + block + "".join(lines[last + 1 :])
    # Unchanged text parses to the table already in hand (the usual `--check` in CI).
    _verify(result_body, table, planned, reparsed=table if result_body == body else None)
    return bom + result_body


def _verify(
    after: str,
    before_table: IndexTable,
    planned: list[_PlannedRow],
    reparsed: IndexTable | None = None,
) -> None:
    """Re-parse: the same table in the same place, holding exactly the planned rows."""
    table = reparsed or find_index_table(after)
    lines = split_lines(after)
    problem = None
    if table is None or table.header_line != before_table.header_line:
        problem = "the index table moved or disappeared"
    elif len(table.rows) != len(planned):
        problem = f"the table reads back with {len(table.rows)} rows, expected {len(planned)}"
    else:
        for row, plan in zip(table.rows, planned, strict=True):
            if _split_ending(lines[row.line])[0] != plan.text:
                problem = f"a row reads back as {lines[row.line]!r}, expected {plan.text!r}"
            elif plan.derived_from is not None and plan.derived_from not in {
                link_key(href) for href in row.links
            }:
                problem = f"the row for {plan.derived_from} does not link to it"
            if problem:
                break
    if problem:
        raise IndexTableError(
            f"rewriting the index rows failed its re-parse check ({problem}); a title, metric "
            "or focus area in front matter probably holds markdown that breaks a table row"
        )


@dataclass
class IndexSync:
    path: Path
    before: str
    after: str
    notes: list[str] = field(default_factory=list)
    from_list: bool = False  # the index was a numbered list of links, `after` has the table

    @property
    def in_step(self) -> bool:
        return self.before == self.after

    def diff(self) -> str:
        return unified_diff(self.before, self.after, str(self.path))


def unified_diff(before: str, after: str, name: str) -> str:
    """A unified diff that stays readable when a file does not end with a newline, split at
    line endings only (not at U+2028 and the like), with whatever else could drive the
    terminal shown as escapes."""
    lines = difflib.unified_diff(
        split_lines(before),
        split_lines(after),
        fromfile=f"{name} (as it is)",
        tofile=f"{name} (from the case studies)",
    )
    out = []
    for line in lines:
        content, ending = _split_ending(line)
        if ending == "\r":  # a bare carriage return would send the cursor back over the line
            ending = "\\r\n"
        out.append(escape_controls(content) + (ending or "\n\\ No newline at end of file\n"))
    return "".join(out)


def derive(
    studies: Sequence[CaseStudyRecord],
    root: Path,
    table: IndexTable,
    naming: Naming = DEFAULT_NAMING,
) -> tuple[list[DerivedRow], set[str], list[str]]:
    """The rows the case studies ask for, the stale rows to drop, and notes for the user."""
    derived: list[DerivedRow] = []
    notes: list[str] = []
    for study in studies:
        entry = study.index_entry()
        if entry is not None:
            derived.append(DerivedRow(study.number, study.name, entry))
        elif study.problem is not None:
            notes.append(
                f"{study.path}: {study.problem}; its index row, if any, was kept as it is."
            )
        elif study.front_matter is not None:
            notes.append(
                f"{study.path} has no title in its front matter; its index row, if any, "
                "was kept as it is."
            )
        elif not study.flat:
            notes.append(
                f"{study.path} has no front matter; its index row, if any, was kept as it is."
            )
    names = {study.name for study in studies}
    linked = {link_key(href) for row in table.rows for href in row.links}
    # A folder-style link to a case study that is no longer there (deleted, or renamed by
    # `renumber`) is stale; links to flat files are kept, as in the seed directory whose
    # index lists case studies that live elsewhere.
    drop = {
        key
        for key in linked
        if naming.number_in(key) is not None
        and not key.lower().endswith(".md")
        and "/" not in key
        and key not in names
        and not (root / key).exists()
    }
    return derived, drop, notes


def _read_index(root: Path, naming: Naming) -> tuple[Path, str]:
    path = Path(naming.index_path(str(root)))
    if not root.is_dir():
        raise IndexTableError(f"{root} is not a directory. Name a case-study directory.")
    if not path.is_file():
        raise IndexTableError(
            f"{root} has no {path.name}, so there is no index table to check. Run "
            f"`casestudy init {root}` to start a directory, or name the directory that holds "
            "the case studies' index."
        )
    return path, read_text_exact(path)


def _sync(root: Path) -> IndexSync:
    naming = load_config(str(root)).naming
    path, before = _read_index(root, naming)
    body = before.removeprefix(_BOM)
    table = find_index_table(body)
    if table is None:
        return _sync_list(root, path, before, naming)
    derived, drop, notes = derive(load_case_studies(root, naming), root, table, naming)
    try:
        after = rewrite_rows(before, derived, drop, table=table)
    except IndexTableError as error:
        raise IndexTableError(f"{path}: {error}. The file was left untouched.") from None
    return IndexSync(path, before, after, notes)


def _sync_list(root: Path, path: Path, before: str, naming: Naming) -> IndexSync:
    """An index kept as a numbered list of links: the table it asks to become."""
    from casestudy.index.from_list import table_from_list
    from casestudy.index.listing import find_index_list

    listing = find_index_list(before.removeprefix(_BOM), naming)
    if listing is None:
        raise IndexTableError(
            f"{path} has no index table (a table whose header is Case Study | Key Metrics | "
            "Focus Area). Add one (see `casestudy init`) and run again; the file was left "
            "untouched."
        )
    studies = load_case_studies(root, naming)
    try:
        after = table_from_list(before, listing, studies, naming)
    except IndexTableError as error:
        raise IndexTableError(f"{path}: {error}. The file was left untouched.") from None
    notes = [
        f"{path}: the numbered list of links (line {listing.header_line + 1}) becomes the "
        "index table; fill in the key metrics and focus area of case studies without front "
        "matter."
    ]
    return IndexSync(path, before, after, notes, from_list=True)


def compare_index(root: Path) -> IndexSync:
    """The index README as it is and as the case studies ask for it; nothing is written."""
    return _sync(root)


def rewrite_index(root: Path) -> IndexSync:
    """Rewrite the rows in place (atomic, under the directory lock); a no-op when in step."""
    with directory_lock(root):
        sync = _sync(root)
        if not sync.in_step:
            atomic_write_text(sync.path, sync.after)
    return sync
