"""What a case-study directory already holds: numbered case studies and its index README."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from casestudy.directory.fileio import read_text_exact
from casestudy.directory.names import (
    DEFAULT_NAMING,
    Entry,
    link_key,
    list_entries,
)
from casestudy.index.model import IndexTable
from casestudy.index.read import read_index_table


@dataclass
class _IndexReading:
    """What the index text says about the directory, kept while the text stays the same."""

    text: str
    table: IndexTable | None
    linked: list[Entry]  # the case studies its rows link to
    _focus_areas: list[str] | None = None

    @property
    def focus_areas(self) -> list[str]:
        if self._focus_areas is None:
            rows = self.table.rows if self.table is not None else []
            areas = (row.cells.get("focus area", "").strip() for row in rows)
            self._focus_areas = list(dict.fromkeys(area for area in areas if area))
        return self._focus_areas


@dataclass
class DirectoryState:
    root: Path
    case_studies: list[Entry]
    index_path: Path
    index_text: str | None  # None: the directory has no index README yet
    index_table: IndexTable | None
    _reading: _IndexReading | None = None

    @property
    def focus_areas(self) -> list[str]:
        return self._reading.focus_areas if self._reading is not None else []

    def layout(self) -> str:
        """`flat` when most case studies on disk are flat files, else `folder` (also for
        a directory with none: the index's rows alone do not make a layout). A folder
        counts once its README is there, so the one being rendered does not tip it."""
        written = [study for study in self.case_studies if Path(study.path).is_file()]
        flat = sum(1 for study in written if study.flat)
        return "flat" if flat > len(written) - flat else "folder"

    def next_number(self) -> int:
        return max((study.number for study in self.case_studies), default=0) + 1

    def with_slug(self, slug: str) -> list[Entry]:
        return [study for study in self.case_studies if study.slug == slug]

    def with_number(self, number: int) -> list[Entry]:
        return [study for study in self.case_studies if study.number == number]


def _linked_from_index(root: Path, table: IndexTable) -> list[Entry]:
    """Case studies the index links to: they hold their numbers even when their files are
    not in this checkout (as in the seed directory, whose README lists 01 to 05)."""
    names = dict.fromkeys(link_key(href) for row in table.rows for href in row.links)
    # Their documents are not looked for: an index may link to thousands, and only the
    # numbers and slugs they hold are wanted here.
    linked = (DEFAULT_NAMING.entry_named(str(root), name, look=False) for name in names)
    return [entry for entry in linked if entry is not None]


# The last index read, by its path. One generation reads its directory several times (the
# command, then each template cookiecutter renders, then again once the folder exists), and
# only the listing changes in between: reading the file and comparing its text costs
# milliseconds, parsing a long index seconds.
_last_reading: dict[Path, _IndexReading] = {}


def _read_index(root: Path, index_path: Path) -> _IndexReading | None:
    # Anything at all named README.md is read (or refused as no regular file): only an
    # absent one means "no index yet".
    if not os.path.lexists(index_path):
        return None
    text = read_text_exact(index_path)
    key = index_path.absolute()
    reading = _last_reading.get(key)
    if reading is None or reading.text != text:
        table = read_index_table(text.removeprefix("\ufeff"))
        linked = _linked_from_index(root, table) if table is not None else []
        reading = _IndexReading(text, table, linked)
        _last_reading.clear()
        _last_reading[key] = reading
    return reading


def read_directory(root: Path) -> DirectoryState:
    index_path = Path(DEFAULT_NAMING.index_path(str(root)))  # README.md, or index.md alone
    reading = _read_index(root, index_path)
    studies = list_entries(str(root))
    if reading is not None:
        on_disk = {study.name for study in studies}
        studies += [study for study in reading.linked if study.name not in on_disk]
    return DirectoryState(
        root,
        studies,
        index_path,
        reading.text if reading is not None else None,
        reading.table if reading is not None else None,
        reading,
    )
