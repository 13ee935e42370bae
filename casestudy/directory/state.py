"""What a case-study directory already holds: numbered case studies and its index README."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from casestudy.directory.fileio import read_text_exact
from casestudy.directory.names import INDEX_NAME, Entry, entry_named, link_key, list_entries
from casestudy.index.model import IndexTable
from casestudy.index.read import read_index_table


@dataclass
class DirectoryState:
    root: Path
    case_studies: list[Entry]
    index_path: Path
    index_text: str | None  # None: the directory has no index README yet
    index_table: IndexTable | None

    @property
    def focus_areas(self) -> list[str]:
        if self.index_table is None:
            return []
        areas = (row.cells.get("focus area", "").strip() for row in self.index_table.rows)
        return list(dict.fromkeys(area for area in areas if area))

    def next_number(self) -> int:
        return max((study.number for study in self.case_studies), default=0) + 1

    def with_slug(self, slug: str) -> list[Entry]:
        return [study for study in self.case_studies if study.slug == slug]

    def with_number(self, number: int) -> list[Entry]:
        return [study for study in self.case_studies if study.number == number]


def _linked_from_index(root: Path, table: IndexTable) -> list[Entry]:
    """Case studies the index links to: they hold their numbers even when their files are
    not in this checkout (as in the seed directory, whose README lists 01 to 05)."""
    linked = (entry_named(str(root), link_key(href)) for row in table.rows for href in row.links)
    return [entry for entry in linked if entry is not None]


def read_directory(root: Path) -> DirectoryState:
    index_path = root / INDEX_NAME
    # Anything at all named README.md is read (or refused as no regular file): only an
    # absent one means "no index yet".
    text = read_text_exact(index_path) if os.path.lexists(index_path) else None
    table = read_index_table(text.removeprefix("\ufeff")) if text is not None else None
    studies = list_entries(str(root))
    on_disk = {study.name for study in studies}
    if table is not None:
        studies += [
            study for study in _linked_from_index(root, table) if study.name not in on_disk
        ]
    return DirectoryState(root, studies, index_path, text, table)
