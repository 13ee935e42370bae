"""What a case-study directory already holds: numbered case studies and its index README."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from casestudy.directory.fileio import read_text_exact
from casestudy.directory.names import DEFAULT_NAMING, Entry, list_entries
from casestudy.index.summary import IndexSummary, summarise_index
from casestudy.index.table import row_links_to

# A case study as its name gives it: number, slug, and whether it is a flat file.
Parts = tuple[int, str, bool]


class _IndexReading:
    """What the index text says about the directory, kept while the text stays the same;
    each part is worked out when first asked for (a generation that only checks its row,
    after the hook added it, never summarises the table)."""

    def __init__(self, text: str) -> None:
        self.text = text

    @functools.cached_property
    def summary(self) -> IndexSummary | None:
        return summarise_index(self.text)

    @functools.cached_property
    def listed(self) -> dict[str, Parts]:
        """The case studies its rows link to, by name (`06_x`, `01_x.md`): only their
        numbers and slugs are wanted (an index may link to a hundred thousand, and their
        documents are not looked for)."""
        names = self.summary.links if self.summary is not None else {}
        return {name: parts for name in names if (parts := DEFAULT_NAMING.parts(name))}

    @functools.cached_property
    def highest(self) -> int:
        """The highest number among them; 0 for none."""
        return max((number for number, _, _ in self.listed.values()), default=0)


@dataclass
class DirectoryState:
    root: Path
    on_disk: list[Entry]  # the case studies in the directory itself
    index_path: Path
    index_text: str | None  # None: the directory has no index README yet
    _reading: _IndexReading | None = None

    @property
    def index(self) -> IndexSummary | None:
        """The index table, summarised; None without a README or a table in it."""
        return self._reading.summary if self._reading is not None else None

    def links_to(self, link: str) -> bool:
        """Whether a row of the index table links to the case study `link` names."""
        return self.index_text is not None and row_links_to(self.index_text, link)

    @property
    def focus_areas(self) -> list[str]:
        return self.index.focus_areas if self.index is not None else []

    @property
    def case_studies(self) -> list[Entry]:
        """Those in the directory, then those only the index links to: these hold their
        numbers even when their files are not in this checkout (as in the seed directory,
        whose README lists 01 to 05)."""
        return self.on_disk + self._listed_only(self._listed())

    def layout(self) -> str:
        """`flat` when most case studies on disk are flat files, else `folder` (also for
        a directory with none: the index's rows alone do not make a layout). A folder
        counts once its README is there, so the one being rendered does not tip it."""
        written = [study for study in self.on_disk if Path(study.path).is_file()]
        flat = sum(1 for study in written if study.flat)
        return "flat" if flat > len(written) - flat else "folder"

    def next_number(self) -> int:
        highest = self._reading.highest if self._reading is not None else 0
        return max([highest, *(study.number for study in self.on_disk)]) + 1

    def with_slug(self, slug: str) -> list[Entry]:
        on_disk = [study for study in self.on_disk if study.slug == slug]
        listed = [name for name, (_, its_slug, _) in self._listed().items() if its_slug == slug]
        return on_disk + self._listed_only(listed)

    def with_number(self, number: int) -> list[Entry]:
        on_disk = [study for study in self.on_disk if study.number == number]
        listed = [name for name, (its_number, _, _) in self._listed().items()
                  if its_number == number]
        return on_disk + self._listed_only(listed)

    def _listed(self) -> dict[str, Parts]:
        return self._reading.listed if self._reading is not None else {}

    def _listed_only(self, names: Iterable[str]) -> list[Entry]:
        """The case studies of `names`, which the index links to, that the directory does
        not hold."""
        on_disk = {study.name for study in self.on_disk}
        root = str(self.root)
        linked = (DEFAULT_NAMING.entry_named(root, name, look=False) for name in names)
        return [entry for entry in linked if entry is not None and entry.name not in on_disk]


# The last index read, by its path. One generation reads its directory several times (the
# command, then each template cookiecutter renders, then again once the folder exists), and
# only the listing changes in between: reading the file and comparing its text costs
# milliseconds, summarising a long index a good part of a second.
_last_reading: dict[Path, _IndexReading] = {}


def _read_index(index_path: Path) -> _IndexReading | None:
    # Anything at all named README.md is read (or refused as no regular file): only an
    # absent one means "no index yet".
    if not os.path.lexists(index_path):
        return None
    text = read_text_exact(index_path)
    key = index_path.absolute()
    reading = _last_reading.get(key)
    if reading is None or reading.text != text:
        reading = _IndexReading(text)
        _last_reading.clear()
        _last_reading[key] = reading
    return reading


def read_directory(root: Path) -> DirectoryState:
    index_path = Path(DEFAULT_NAMING.index_path(str(root)))  # README.md, or index.md alone
    reading = _read_index(index_path)
    return DirectoryState(
        root,
        list_entries(str(root)),
        index_path,
        reading.text if reading is not None else None,
        reading,
    )
