"""Adding a case study's row to its directory's index README: locked, atomic, verified."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from casestudy.directory.fileio import atomic_write_text, directory_lock, read_text_exact
from casestudy.directory.names import DEFAULT_NAMING
from casestudy.directory.state import read_index
from casestudy.errors import IndexTableError, NoIndexTable
from casestudy.format.sections import format_list_markdown
from casestudy.index.model import SEED_COLUMNS, IndexEntry, render_row
from casestudy.index.table import RowEdit, plan_row_edit


@dataclass(frozen=True)
class IndexUpdate:
    path: Path
    action: str  # "created", "added", "updated" or "unchanged"
    row: str


def new_index_readme(entry: IndexEntry | None = None) -> str:
    """An index README in the seed directory's shape, with `entry` as its first row."""
    rows = "" if entry is None else render_row(SEED_COLUMNS, entry) + "\n"
    return (
        "# AI/ML Case Studies\n\n"
        "Case studies of production AI/ML database systems. Each one follows the same "
        "nine-section format, with concrete numbers, architecture decisions and trade-offs.\n\n"
        "## Available Case Studies\n\n"
        "| Case Study | Key Metrics | Focus Area |\n"
        "|------------|-------------|------------|\n"
        f"{rows}\n"
        "## Case Study Format\n\n"
        "Each case study includes:\n"
        f"{format_list_markdown()}\n"
    )


def add_to_index(root: Path, entry: IndexEntry) -> IndexUpdate:
    """Add (or update in place) `entry`'s row in `root`'s README, creating the README when
    the directory has none. Other writers wait on the directory lock."""
    path = Path(DEFAULT_NAMING.index_path(str(root)))  # README.md, or an index.md alone
    row = render_row(SEED_COLUMNS, entry)
    with directory_lock(root):
        if not path.exists():
            try:
                atomic_write_text(path, new_index_readme(entry), exclusive=True)
            except FileExistsError:
                pass  # created by another writer just now: add to theirs below
            else:
                return IndexUpdate(path, "created", row)
        text = read_text_exact(path)
        edit = _plan_or_refuse(path, text, entry, row)
        if edit.action != "unchanged":
            atomic_write_text(path, edit.pieces(text))
        return IndexUpdate(path, edit.action, row)


def _plan_or_refuse(path: Path, text: str, entry: IndexEntry, row: str) -> RowEdit:
    try:
        return plan_row_edit(text, entry)
    except NoIndexTable:
        raise IndexTableError(
            f"{path} has no index table (a table whose header is Case Study | Key Metrics "
            f"| Focus Area), so it was left untouched. Add this row to it by hand: {row}"
        ) from None


def plan_index_edit(root: Path, entry: IndexEntry) -> dict[str, object]:
    """The edit `add_to_index` would make, as data for the post-generation hook to apply.

    The cookiecutter process has just read the index to validate the answers against it, so
    the splice is planned here, on that text, with no second read of a long README; the hook,
    a new process, imports neither markdown-it nor the index reader, and applies the splice
    (`casestudy.index.apply`) to the very bytes it was planned on, falling back to
    `add_to_index` when the README has changed in between.
    """
    path = Path(DEFAULT_NAMING.index_path(str(root)))  # README.md, or an index.md alone
    row = render_row(SEED_COLUMNS, entry)
    plan: dict[str, object] = {
        "index": str(path),
        "row": row,
        "entry": {"title": entry.title, "link": entry.link, "metrics": list(entry.metrics),
                  "focus_area": entry.focus_area},
    }
    index = read_index(path) if path.exists() else None
    if index is None:
        return {**plan, "action": "created", "text": new_index_readme(entry)}
    # As the directory was last read, when the file still holds it: the template has just
    # read it, and a long index is not read again.
    text, digest = index
    edit = _plan_or_refuse(path, text, entry, row)
    return {
        **plan,
        "action": edit.action,
        "fingerprint": digest,
        "start": edit.start,
        "end": edit.end,
        "replacement": edit.replacement,
        "replaced": text[edit.start : edit.end],  # for taking the row back out on failure
    }


INDEX_TABLE_HEADING = "## Case Studies"


def index_table_addition(text: str) -> str:
    """What `add_index_table` appends to a README that has no index table: a heading and the
    table's header, in the file's own line endings, after a blank line."""
    ending = "\r\n" if "\r\n" in text else "\n"
    lines = [INDEX_TABLE_HEADING, "", "| Case Study | Key Metrics | Focus Area |",
             "|------------|-------------|------------|", ""]
    separator = "" if not text or text.endswith(ending * 2) else (
        ending if text.endswith(ending) else ending * 2)
    return separator + ending.join(lines)


def add_index_table(path: Path, expected_text: str) -> None:
    """Append an empty index table to `path`, atomically, if it still reads `expected_text`
    (what the author was shown); the result is re-parsed to prove the table is found."""
    from casestudy.index.table import find_index_table

    with directory_lock(path.parent):
        text = read_text_exact(path)
        if text != expected_text:
            raise IndexTableError(
                f"{path} changed while you were deciding, so the index table was not added. "
                "Run `casestudy new` again to see the README as it is now."
            )
        updated = text + index_table_addition(text)
        if find_index_table(updated) is None or not updated.startswith(text):
            raise IndexTableError(
                f"An index table appended to {path} would not be read as one (the file's end "
                "continues an open block), so the README was left untouched. Add the table "
                "by hand: | Case Study | Key Metrics | Focus Area |"
            )
        atomic_write_text(path, updated)
