"""Untangling case studies that share a number, as happens when two pull requests were open at
once and both took the next free one.

The earliest case study of a shared number keeps it (by `created`, then by name; an older case
study without front matter counts as the earliest, one whose front matter has no readable date
as the latest); each later one takes the next free number:
its folder is renamed, the `number:` line of its front matter is edited (and nothing else of the
file), and the link in its index row follows.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from casestudy.directory.fileio import (
    atomic_write_text,
    directory_lock,
    read_text_exact,
    require_writable_directory,
    writable_target,
)
from casestudy.directory.names import DEFAULT_NAMING, link_key
from casestudy.directory.records import CaseStudyRecord, load_case_studies
from casestudy.directory.state import read_directory
from casestudy.errors import CaseStudyError, IndexTableError
from casestudy.format.frontmatter import split_front_matter
from casestudy.index.sync import rewrite_rows
from casestudy.index.table import find_index_table, split_lines
from casestudy.interrupts import finish_before_interrupt

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


# The plan of a renumbering under way, written before the first change and removed after the
# last: a renumbering killed half-way is finished by the next run, exactly as planned, rather
# than re-planned from a half-moved directory (where an index row still naming a moved folder
# would look like the owner of its old number).
JOURNAL_NAME = ".casestudy-renumber.json"


@dataclass(frozen=True)
class Step:
    """One move as the journal records it; applying it again after it is done changes nothing."""

    name: str
    new_name: str
    new_number: int
    flat: bool
    description: str
    problem: str | None = None  # why its front matter cannot be edited, from the plan

    @classmethod
    def of(cls, move: Move) -> Step:
        return cls(move.study.name, move.new_name, move.new_number, move.study.flat,
                   move.describe(), move.study.problem)

    def describe(self) -> str:
        return self.description


@dataclass
class Renumbering:
    moves: list[Step]
    notes: list[str]
    resumed: bool = False  # the moves are an interrupted renumbering's, finished now


def _holders(root: Path, studies: Sequence[CaseStudyRecord]) -> list[Holder]:
    on_disk = {study.name for study in studies}
    return [
        Holder(listed.name, listed.number)
        for listed in read_directory(root).case_studies
        if listed.name not in on_disk
    ]


def _read_journal(journal: Path) -> list[Step] | None:
    if not journal.exists():
        return None
    try:
        data = json.loads(read_text_exact(journal))
        return [Step(**step) for step in data["moves"]]
    except (ValueError, KeyError, TypeError) as error:
        raise CaseStudyError(
            f"{journal} holds the plan of an interrupted renumbering but cannot be read "
            f"({error}). Compare the folders with `casestudy check`, put right what is half "
            "moved, delete that file and run again."
        ) from None


def _write_journal(journal: Path, steps: list[Step]) -> None:
    moves = [dataclasses.asdict(step) for step in steps]
    atomic_write_text(journal, json.dumps({"moves": moves}, indent=2, ensure_ascii=False) + "\n")


def renumber(root: Path, *, dry_run: bool) -> Renumbering:
    if not root.is_dir():
        raise CaseStudyError(f"{root} is not a directory. Name a case-study directory.")
    journal = root / JOURNAL_NAME
    with directory_lock(root):
        steps = _read_journal(journal)
        resumed = steps is not None
        if steps is None:
            studies = load_case_studies(root)
            steps = [Step.of(move) for move in plan_renumbering(studies, _holders(root, studies))]
            _refuse_taken_targets(root, steps)
        notes: list[str] = []
        if not dry_run and steps:
            # A read-only README or folder, found before the first move rather than midway.
            require_writable_directory(root)
            index_path = Path(DEFAULT_NAMING.index_path(str(root)))
            if index_path.exists():
                writable_target(index_path)
        if not dry_run:
            with finish_before_interrupt():
                if steps and not resumed:
                    _write_journal(journal, steps)
                for step in steps:
                    notes.extend(_apply(root, step))
                if steps or resumed:
                    journal.unlink()
    return Renumbering(steps, notes, resumed)


def _refuse_taken_targets(root: Path, steps: Sequence[Step]) -> None:
    for step in steps:
        target = root / step.new_name
        if os.path.lexists(target):
            raise CaseStudyError(
                f"Cannot move {step.name} to {step.new_name}: {target} already exists. "
                "Nothing was changed; move it aside and run again."
            )


def _apply(root: Path, step: Step) -> list[str]:
    """Edit the front matter, rename, then relink. Each part checks whether it is done
    already, so a run that finishes an interrupted renumbering repeats nothing twice."""
    notes = []
    source, target = root / step.name, root / step.new_name
    if os.path.lexists(source) and os.path.lexists(target):
        raise CaseStudyError(
            f"Cannot move {step.name} to {step.new_name}: {target} already exists. Nothing "
            "more was changed; move it aside and run again."
        )
    if not os.path.lexists(source) and not os.path.lexists(target):
        raise CaseStudyError(
            f"Cannot move {step.name} to {step.new_name}: neither is in {root} any more. "
            f"Put the case study back (or delete {root / JOURNAL_NAME} to give up the "
            "renumbering) and run again."
        )
    where = source if os.path.lexists(source) else target
    document = where if step.flat else where / "README.md"
    moved_document = target if step.flat else target / "README.md"
    if step.problem is not None:
        notes.append(
            f"{moved_document}: {step.problem}; set number: {step.new_number} in its front "
            "matter by hand."
        )
    else:
        text = read_text_exact(document)
        if split_front_matter(text) is not None:
            edited = set_front_matter_number(text, step.new_number)
            if edited is None:
                notes.append(
                    f"{moved_document} has no `number:` line to update; add number: "
                    f"{step.new_number} to its front matter."
                )
            elif edited != text:
                atomic_write_text(document, edited)
    if where == source:
        source.rename(target)
    notes.extend(_relink(root, step))
    return notes


def _relink(root: Path, step: Step) -> list[str]:
    index_path = Path(DEFAULT_NAMING.index_path(str(root)))  # README.md, or index.md alone
    if not index_path.is_file():
        return []
    index_text = read_text_exact(index_path)
    relinked = relink_row(index_text, step.name, step.new_name)
    if relinked is None:
        table = find_index_table(index_text.removeprefix("\ufeff"))
        if table is not None and step.new_name in table.rows_by_name():
            return []  # relinked before an interruption
        return [
            f"No index row in {index_path} links to {step.name} as a plain link; point "
            f"its row at {step.new_name} (or run `casestudy index --write`)."
        ]
    if _in_number_order(index_text):
        relinked = rewrite_rows(relinked, [])  # the moved row goes where its number is
    atomic_write_text(index_path, relinked)
    return []
