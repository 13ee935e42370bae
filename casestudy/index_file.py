"""Adding a case study's row to its directory's index README: locked, atomic, verified."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from casestudy.directory import INDEX_NAME
from casestudy.errors import IndexTableError
from casestudy.fileio import atomic_write_text, directory_lock, read_text_exact
from casestudy.index_table import SEED_COLUMNS, IndexEntry, render_row, upsert_row
from casestudy.sections import format_list_markdown


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
    path = root / INDEX_NAME
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
        try:
            edited, action = upsert_row(text, entry)
        except ValueError:
            raise IndexTableError(
                f"{path} has no index table (a table whose header is Case Study | Key Metrics "
                f"| Focus Area), so it was left untouched. Add this row to it by hand: {row}"
            ) from None
        if action != "unchanged":
            atomic_write_text(path, edited)
        return IndexUpdate(path, action, row)
