"""What a case-study directory already holds: numbered case studies and its index README."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from casestudy.directory.fileio import file_digest, read_text_and_digest
from casestudy.directory.names import DEFAULT_NAMING, Entry, link_key, list_entries
from casestudy.index.summary import IndexSummary, summarise_index
from casestudy.index.table import row_links_to

# A case study as its name gives it: number, slug, and whether it is a flat file.
Parts = tuple[int, str, bool]


class _IndexReading:
    """What the index text says about the directory, kept while the text stays the same;
    each part is worked out when first asked for (a generation that only checks its row,
    after the hook added it, never summarises the table).

    An index may link to a hundred thousand case studies, and a generation asks about a few:
    is this slug taken, this number, which is the highest. So the rows' hrefs stay one text,
    and each question searches it (at C speed) for the hrefs that could answer it: those
    holding the slug, those whose name starts with the number. Only those are read, through
    `link_key` and the naming's `parts`, the one rule for what an href names."""

    def __init__(self, text: str, digest: str) -> None:
        self.text = text
        self.digest = digest  # of the bytes the text was read from (fileio.file_digest)

    @functools.cached_property
    def summary(self) -> IndexSummary | None:
        return summarise_index(self.text)

    @functools.cached_property
    def _hrefs(self) -> str:
        """Every row's hrefs, one a line, each after a line break, and one after the last."""
        return f"\n{self.summary.hrefs}\n" if self.summary is not None else "\n"

    def listed(self, holding: str = "") -> dict[str, Parts]:
        """The case studies the rows link to through an href holding `holding` (all of them
        for ""), by name (`06_x`, `01_x.md`): only their numbers and slugs are wanted, and
        their documents are not looked for. (A slug is in the href of every case study that
        has it.)"""
        return self._read(self._positions_of(holding))

    def with_number(self, number: int) -> list[str]:
        """The names of those numbered `number`: the hrefs whose name starts with its digits
        (after any zeros: `07_x` is number 7) are read."""
        hrefs = _starting_with_number(number).finditer(self._hrefs)
        listed = self._read(match.start() + 1 for match in hrefs)
        return [name for name, (its_number, _, _) in listed.items() if its_number == number]

    @functools.cached_property
    def highest(self) -> int:
        """The highest number among them; 0 for none. The highest number an href starts
        with is almost always it; when no link gives a case study that number, every href
        is read."""
        candidate = max(map(int, _NUMBER_FIRST_RE.findall(self._hrefs)), default=None)
        if candidate is not None and self.with_number(candidate):
            return candidate
        return max((number for number, _, _ in self.listed().values()), default=0)

    def _positions_of(self, holding: str) -> Iterator[int]:
        hrefs = self._hrefs
        position = hrefs.find(holding, 1)
        while 0 <= position < len(hrefs) - 1:
            yield position
            position = hrefs.find(holding, hrefs.index("\n", position) + 1)

    def _read(self, positions: Iterable[int]) -> dict[str, Parts]:
        """The case studies named by the hrefs at `positions` (each a place in one href)."""
        hrefs = self._hrefs
        found: dict[str, Parts] = {}
        for position in positions:
            start = hrefs.rfind("\n", 0, position) + 1
            name = link_key(hrefs[start : hrefs.index("\n", position)])
            parts = DEFAULT_NAMING.parts(name)
            if parts is not None:
                found[name] = parts
        return found


# Where the name an href gives starts: after blanks and any `./` (what `link_key` drops
# first). The default naming's names start with their number, so these are the numbers the
# hrefs could give, as digits (hrefs as read are ASCII: markdown-it percent-encodes the rest).
_NAME_START = r"\n[^\S\n]*(?:\./)*"
_NUMBER_FIRST_RE = re.compile(rf"{_NAME_START}([0-9]+)")


@functools.lru_cache(maxsize=8)
def _starting_with_number(number: int) -> re.Pattern[str]:
    return re.compile(rf"{_NAME_START}0*{number}(?![0-9])")


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
        listed = [name for name, (_, its_slug, _) in self._listed(slug).items()
                  if its_slug == slug]
        return on_disk + self._listed_only(listed)

    def with_number(self, number: int) -> list[Entry]:
        on_disk = [study for study in self.on_disk if study.number == number]
        listed = self._reading.with_number(number) if self._reading is not None else []
        return on_disk + self._listed_only(listed)

    def _listed(self, holding: str = "") -> dict[str, Parts]:
        return self._reading.listed(holding) if self._reading is not None else {}

    def _listed_only(self, names: Iterable[str]) -> list[Entry]:
        """The case studies of `names`, which the index links to, that the directory does
        not hold."""
        on_disk = {study.name for study in self.on_disk}
        root = str(self.root)
        linked = (DEFAULT_NAMING.entry_named(root, name, look=False) for name in names)
        return [entry for entry in linked if entry is not None and entry.name not in on_disk]


# The last index read, by its path. One generation reads its directory several times (the
# command, then each template cookiecutter renders, then again once the folder exists), and
# only the listing changes in between: whether the index did is told from its digest, read
# a stretch at a time (a long index is never held twice), and summarising it again would
# cost a good part of a second.
_last_reading: dict[Path, _IndexReading] = {}


def _read_index(index_path: Path) -> _IndexReading | None:
    # Anything at all named README.md is read (or refused as no regular file): only an
    # absent one means "no index yet".
    if not os.path.lexists(index_path):
        return None
    key = index_path.absolute()
    reading = _last_reading.get(key)
    if reading is not None and file_digest(index_path) == reading.digest:
        return reading
    # A stale reading is let go before the file is read again (the cookiecutter command
    # reads the index once more as it exits, after the hook added the row).
    _last_reading.clear()
    del reading
    fresh = _IndexReading(*read_text_and_digest(index_path))
    _last_reading[key] = fresh
    return fresh


def read_index(index_path: Path) -> tuple[str, str] | None:
    """The index's text and the SHA-256 of its bytes (`fileio.file_digest`): the last
    reading's, when the file still holds it; None when there is no such file."""
    reading = _read_index(index_path)
    return None if reading is None else (reading.text, reading.digest)


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
