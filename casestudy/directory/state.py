"""What a case-study directory already holds: numbered case studies and its index README."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from casestudy.directory.fileio import read_text_exact
from casestudy.directory.names import CASE_STUDY_NAME_RE, INDEX_NAME, link_key, list_entries
from casestudy.index.table import IndexTable, find_index_table


@dataclass(frozen=True)
class ExistingCaseStudy:
    number: int
    slug: str
    name: str  # folder or file name (on disk, or as the index links to it)
    flat: bool  # an older single-file case study (NN_slug.md) rather than NN_slug/README.md


@dataclass
class DirectoryState:
    root: Path
    case_studies: list[ExistingCaseStudy]
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

    def with_slug(self, slug: str) -> list[ExistingCaseStudy]:
        return [study for study in self.case_studies if study.slug == slug]

    def with_number(self, number: int) -> list[ExistingCaseStudy]:
        return [study for study in self.case_studies if study.number == number]


def list_case_studies(root: Path) -> list[ExistingCaseStudy]:
    return [
        ExistingCaseStudy(entry.number, entry.slug, entry.name, entry.flat)
        for entry in list_entries(str(root))
    ]


def _linked_from_index(table: IndexTable) -> list[ExistingCaseStudy]:
    """Case studies the index links to: they hold their numbers even when their files are
    not in this checkout (as in the seed directory, whose README lists 01 to 05)."""
    linked = []
    for row in table.rows:
        for href in row.links:
            match = CASE_STUDY_NAME_RE.fullmatch(link_key(href))
            if match is not None:
                flat = match.group("flat") is not None
                name = match.group(0)
                linked.append(
                    ExistingCaseStudy(int(match.group("number")), match.group("slug"), name, flat)
                )
    return linked


def read_directory(root: Path) -> DirectoryState:
    index_path = root / INDEX_NAME
    text = read_text_exact(index_path) if index_path.is_file() else None
    table = find_index_table(text) if text is not None else None
    studies = list_case_studies(root)
    on_disk = {study.name for study in studies}
    if table is not None:
        studies += [study for study in _linked_from_index(table) if study.name not in on_disk]
    return DirectoryState(root, studies, index_path, text, table)
