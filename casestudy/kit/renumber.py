"""Untangling case studies that share a number, as happens when two pull requests were open at
once and both took the next free one.

The earliest case study of a shared number keeps it (by `created`, then by name; an older case
study without front matter counts as the earliest, one whose front matter has no readable date
as the latest); each later one takes the next free number:
its folder is renamed, the `number:` line of its front matter is edited (and nothing else of the
file), and the link in its index row follows.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from casestudy.directory.fileio import atomic_write_text, directory_lock, read_text_exact
from casestudy.directory.names import DEFAULT_NAMING, link_key
from casestudy.directory.records import CaseStudyRecord, load_case_studies
from casestudy.directory.state import read_directory
from casestudy.errors import CaseStudyError, IndexTableError
from casestudy.format.frontmatter import split_front_matter
from casestudy.index.sync import rewrite_rows
from casestudy.index.table import find_index_table, split_lines

# A top-level `number: 6` line (quoted or not, a trailing comment allowed); group 3 the digits.
_NUMBER_LINE_RE = re.compile(
    r"^(number:[ \t]*)(['\"]?)(\d+)\2(?=[ \t]*(?:#[^\r\n]*)?\r?$)", re.MULTILINE
)


@dataclass(frozen=True)
class Holder:
    """A case study the index links to that is not on disk here: it holds its number."""

    name: str
    number: int


@dataclass(frozen=True)
class Move:
    study: CaseStudyRecord
    new_number: int
    kept_by: CaseStudyRecord | Holder  # the case study that keeps the shared number

    @property
    def new_name(self) -> str:
        folder = f"{self.new_number:02d}_{self.study.slug}"
        return f"{folder}.md" if self.study.flat else folder

    def describe(self) -> str:
        moved = (
            f"created {self.study.created}" if self.study.created else "no readable created date"
        )
        keeper = self.kept_by
        if isinstance(keeper, Holder):
            kept = f"{keeper.name}, listed in the index, keeps {keeper.number:02d}"
        elif keeper.created:
            kept = f"{keeper.name}, created {keeper.created}, keeps {keeper.number:02d}"
        else:
            kept = f"{keeper.name}, older and without a created date, keeps {keeper.number:02d}"
        return f"{self.study.name} -> {self.new_name} ({moved}; {kept})"


def _age(member: CaseStudyRecord | Holder) -> tuple[int, str, str]:
    """Earliest first: case studies only listed in the index, or written before front matter
    existed, were there first; then by created date; a case study whose front matter gives
    no readable date cannot claim to be earlier than one that does."""
    if isinstance(member, Holder):
        return (0, "", member.name)
    if member.created:
        return (1, member.created, member.name)
    has_front_matter = member.front_matter is not None or member.problem is not None
    return (2 if has_front_matter else 0, "", member.name)


def plan_renumbering(
    studies: Sequence[CaseStudyRecord], holders: Sequence[Holder] = ()
) -> list[Move]:
    """For every number several case studies share, the moves that leave it with the earliest.
    New numbers come after the highest number in use, in the order the moved case studies
    were created."""
    by_number: dict[int, list[CaseStudyRecord | Holder]] = defaultdict(list)
    members: list[CaseStudyRecord | Holder] = [*studies, *holders]
    for member in members:
        by_number[member.number].append(member)
    later: list[tuple[CaseStudyRecord, CaseStudyRecord | Holder]] = []
    for number in sorted(by_number):
        group = sorted(by_number[number], key=_age)
        later.extend((other, group[0]) for other in group[1:] if isinstance(other, CaseStudyRecord))
    next_number = max(by_number, default=0) + 1
    moves = []
    for study, keeper in sorted(later, key=lambda pair: (_age(pair[0]), pair[0].number)):
        moves.append(Move(study, next_number, keeper))
        next_number += 1
    return moves


def set_front_matter_number(text: str, number: int) -> str | None:
    """`text` with only the digits of its front matter's `number:` line changed; None when the
    front matter has no such line."""
    front = split_front_matter(text)
    if front is None:
        return None
    match = _NUMBER_LINE_RE.search(text, 0, front.body_start)
    if match is None:
        return None
    return text[: match.start(3)] + str(number) + text[match.end(3) :]


def relink_row(index_text: str, old_name: str, new_name: str) -> str | None:
    """`index_text` with the link of the index row pointing at `old_name` pointing at
    `new_name` instead (only that row's line changes); None when no row links there."""
    body_start = 1 if index_text.startswith("\ufeff") else 0
    table = find_index_table(index_text[body_start:])
    if table is None:
        return None
    lines = split_lines(index_text[body_start:])
    for row in table.rows:
        hrefs = [href for href in row.links if link_key(href) == old_name]
        if not hrefs:
            continue
        line = lines[row.line]
        for href in hrefs:
            line = line.replace(f"]({href}", f"]({href.replace(old_name, new_name, 1)}", 1)
        if line == lines[row.line]:
            return None  # the link is not written as plain `](href`: leave it to a person
        lines[row.line] = line
        return index_text[:body_start] + "".join(lines)
    return None


def _in_number_order(index_text: str) -> bool:
    try:
        return rewrite_rows(index_text, []) == index_text
    except IndexTableError:
        return False


@dataclass
class Renumbering:
    moves: list[Move]
    notes: list[str]


def _holders(root: Path, studies: Sequence[CaseStudyRecord]) -> list[Holder]:
    on_disk = {study.name for study in studies}
    return [
        Holder(listed.name, listed.number)
        for listed in read_directory(root).case_studies
        if listed.name not in on_disk
    ]


def renumber(root: Path, *, dry_run: bool) -> Renumbering:
    if not root.is_dir():
        raise CaseStudyError(f"{root} is not a directory. Name a case-study directory.")
    with directory_lock(root):
        studies = load_case_studies(root)
        moves = plan_renumbering(studies, _holders(root, studies))
        notes: list[str] = []
        if not dry_run:
            for move in moves:
                notes.extend(_apply(root, move))
    return Renumbering(moves, notes)


def _apply(root: Path, move: Move) -> list[str]:
    """Edit the front matter, rename, then relink: each step leaves a consistent file, and the
    checker points at whatever a person must still finish if a later step cannot be done."""
    notes = []
    study = move.study
    target = root / move.new_name
    if target.exists():
        raise CaseStudyError(
            f"Cannot move {study.name} to {move.new_name}: {target} already exists. Nothing "
            "more was changed; move it aside and run again."
        )
    moved_document = target if study.flat else target / "README.md"
    if study.problem is not None:
        notes.append(
            f"{moved_document}: {study.problem}; set number: {move.new_number} in its front "
            "matter by hand."
        )
    elif study.front_matter is not None:
        text = read_text_exact(study.path)
        edited = set_front_matter_number(text, move.new_number)
        if edited is None:
            notes.append(
                f"{moved_document} has no `number:` line to update; add number: "
                f"{move.new_number} to its front matter."
            )
        else:
            atomic_write_text(study.path, edited)
    (root / study.name).rename(target)
    index_path = Path(DEFAULT_NAMING.index_path(str(root)))  # README.md, or index.md alone
    if index_path.is_file():
        index_text = read_text_exact(index_path)
        relinked = relink_row(index_text, study.name, move.new_name)
        if relinked is not None and _in_number_order(index_text):
            relinked = rewrite_rows(relinked, [])  # the moved row goes where its number is
        if relinked is None:
            notes.append(
                f"No index row in {index_path} links to {study.name} as a plain link; point "
                f"its row at {move.new_name} (or run `casestudy index --write`)."
            )
        else:
            atomic_write_text(index_path, relinked)
    return notes
