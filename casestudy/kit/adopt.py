"""`casestudy adopt`: bring an existing directory's case studies into the template's shape.

Works out, in memory, every file the adoption changes (front matter prepended to each case
study that has none, sections renamed on request, flat files moved into folders with every
link to them rewritten, the index's rows in step), then hands the plan to `adopt_apply`,
which writes it so that a kill at any moment followed by a rerun ends in the same place.

The body of a document is never touched unless asked: the front matter goes in front of the
original bytes, in the document's own line endings.
"""

from __future__ import annotations

import dataclasses
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from casestudy.directory.fileio import read_text_exact
from casestudy.directory.names import DEFAULT_NAMING, INDEX_NAME, Entry, Naming
from casestudy.directory.records import CaseStudyRecord, record_for
from casestudy.errors import CaseStudyError, IndexTableError
from casestudy.format.frontmatter import FrontMatterError, split_front_matter
from casestudy.format.relink import Rewrite, relink
from casestudy.index.model import IndexRow, IndexTable
from casestudy.kit import git
from casestudy.kit.adopt_front import (
    derive_front,
    newline_of,
    rename_sections,
    render_front_matter,
    with_item_details,
)

Layout = Literal["keep", "folder"]
_BOM = "\ufeff"


def read_rows(index_text: str, naming: Naming = DEFAULT_NAMING) -> IndexTable | None:
    """The index's table, or its older numbered list of links read as rows (`listed`)."""
    from casestudy.index.read import read_index

    return read_index(index_text, naming)


# --- the plan ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileChange:
    """One file's text before and after; `source` is where it was before a move."""

    path: Path
    before: str
    after: str
    source: Path | None = None


@dataclass
class StudyPlan:
    name: str
    path: Path  # the document now
    target: Path  # the document after the adoption
    front: dict[str, Any] | None = None  # the front matter added; None when it had some
    told: list[str] = field(default_factory=list)  # where each value came from
    renamed: list[tuple[int, str, str]] = field(default_factory=list)  # (line, old, new)


@dataclass
class AdoptionPlan:
    root: Path
    studies: list[StudyPlan]
    changes: list[FileChange]
    notes: list[str]
    git_top: Path | None
    index_converted: bool = False  # the index was a list of links, and becomes the table
    index_path: Path | None = None

    @property
    def moves(self) -> list[tuple[Path, Path]]:
        return [(c.source, c.path) for c in self.changes if c.source is not None]

    @property
    def empty(self) -> bool:
        return not self.changes


def _read(path: Path) -> str:
    try:
        return read_text_exact(path)
    except OSError as error:
        raise CaseStudyError(
            f"Cannot read {path}: {error.strerror or error}. Nothing was changed; make it "
            "readable and run again."
        ) from None


def _unreadable(error: CaseStudyError) -> CaseStudyError:
    return CaseStudyError(f"{error.message} Nothing was changed.")


def _relative(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _moved_rewrite(old_dir: str, new_dir: str, moved: dict[str, str]) -> Rewrite:
    """Targets as seen from a document that moves from `old_dir` to `new_dir` (both relative
    to the case-study directory), pointing at files' new places."""

    def rewrite(href: str) -> str | None:
        cut = min((href.find(mark) for mark in "?#" if mark in href), default=len(href))
        path, suffix = href[:cut], href[cut:]
        if not path:
            return None
        target = posixpath.normpath(posixpath.join(old_dir, path))
        new_target = moved.get(target, target)
        if new_target == target and old_dir == new_dir:
            return None
        new = posixpath.relpath(new_target, new_dir or ".")
        if path.endswith("/") and not new.endswith("/"):
            new += "/"
        return new + suffix

    return rewrite


@dataclass
class _Index:
    path: Path
    before: str  # as on disk
    text: str  # without its BOM, a list of links turned into the table
    table: IndexTable
    converted: bool


def _read_index(root: Path, naming: Naming) -> _Index | None:
    path = Path(naming.index_path(str(root)))
    if not path.is_file():
        return None
    try:
        before = _read(path)
    except CaseStudyError as error:
        raise _unreadable(error) from None
    text = before.removeprefix(_BOM)
    table = read_rows(text, naming)
    if table is None:
        raise IndexTableError(
            f"{path} has neither an index table (Case Study | Key Metrics | Focus Area) nor "
            "a numbered list of links to the case studies, so their titles, metrics and focus "
            "areas cannot be read. Add the table (see `casestudy init`) and run again; nothing "
            "was changed."
        )
    if table.listed:
        # A list item may say more than its link: "- 8.4B queries/month - Feature stores".
        table = dataclasses.replace(table, rows=[with_item_details(row) for row in table.rows])
    return _Index(path, before, text, table, table.listed)


def _folder_moves(root: Path, entries: list[Entry]) -> dict[str, str]:
    """Flat file -> the folder README it becomes (paths relative to the directory)."""
    moved = {}
    for entry in entries:
        if not entry.flat:
            continue
        folder = entry.name.removesuffix(".md")
        if (root / folder).exists():
            raise CaseStudyError(
                f"Cannot move {root / entry.name} into {root / folder}/{INDEX_NAME}: "
                f"{root / folder} already exists. Nothing was changed; move one of them "
                "aside and run again."
            )
        moved[entry.name] = f"{folder}/{INDEX_NAME}"
    return moved


def _existing_front_matter(path: Path, text: str) -> Any:
    try:
        return split_front_matter(text.removeprefix(_BOM))
    except FrontMatterError as error:
        raise CaseStudyError(
            f"{path} has front matter that cannot be read ({error.message}, line "
            f"{error.line}). Nothing was changed; fix it and run again."
        ) from None


def _plan_document(
    entry: Entry,
    study: StudyPlan,
    before: str,
    row: IndexRow | None,
    *,
    rename: bool,
    git_top: Path | None,
) -> tuple[str, CaseStudyRecord]:
    """The document's text after adoption (links not yet moved), and the record the index
    rows are derived from."""
    from casestudy.check.scan import scan_entry

    existing = _existing_front_matter(study.path, before)
    bom = _BOM if before.startswith(_BOM) else ""
    body_start = len(bom) + (existing.body_start if existing is not None else 0)
    body = before[body_start:]
    if rename:
        body, study.renamed = rename_sections(body)
    scan = scan_entry(entry, entry.path)
    if existing is not None:
        return before[:body_start] + body, record_for(scan, None)
    study.front, study.told = derive_front(entry, body, scan, row, git_top)
    record = CaseStudyRecord(
        path=study.target, name=entry.name, number=entry.number, slug=entry.slug,
        flat=entry.flat, front_matter=study.front, title=study.front["title"],
        metrics=tuple(study.front["key_metrics"]), focus_area=study.front["focus_area"],
        status=study.front["status"], metadata_source="front matter",
    )
    return bom + render_front_matter(study.front, newline_of(before)) + body, record


def _index_after(
    root: Path,
    index: _Index,
    records: list[CaseStudyRecord],
    moved: dict[str, str],
    naming: Naming,
) -> str:
    """The index with its links following the moves, and its rows (a list of links turned
    into the table) in step with the case studies' front matter."""
    from casestudy.index.from_list import table_from_list
    from casestudy.index.sync import derive, rewrite_rows

    bom = _BOM if index.before.startswith(_BOM) else ""
    text, table = index.text, index.table
    if moved:
        text = relink(text, _moved_rewrite("", "", moved))
        relinked = read_rows(text, naming)
        assert relinked is not None, "relinking changes link targets only"
        table = relinked
    try:
        if table.listed:
            return table_from_list(bom + text, table, records, naming)
        derived, drop, _ = derive(records, root, table, naming)
        return bom + rewrite_rows(text, derived, drop, table=table)
    except IndexTableError as error:
        raise IndexTableError(f"{index.path}: {error}. Nothing was changed.") from None


def plan_adoption(
    root: Path, *, layout: Layout = "keep", rename: bool = False
) -> AdoptionPlan:
    """Everything the adoption would change; reads, never writes."""
    if not root.is_dir():
        raise CaseStudyError(f"{root} is not a directory. Name a case-study directory.")
    git_top = git.work_tree(root)
    notes: list[str] = []
    from casestudy.directory.config import load_config

    naming = load_config(str(root)).naming
    index = _read_index(root, naming)
    if index is None:
        notes.append(
            f"{root} has no {INDEX_NAME}: front matter comes from each document's H1 and "
            "Executive Summary, and no index was written (`casestudy init` starts one)."
        )
    rows = index.table.rows_by_name(naming) if index is not None else {}
    entries = naming.list_entries(str(root))
    moved = _folder_moves(root, entries) if layout == "folder" else {}

    studies: list[StudyPlan] = []
    changes: list[FileChange] = []
    records: list[CaseStudyRecord] = []
    for entry in entries:
        path = Path(entry.path)
        try:
            before = _read(path)
        except CaseStudyError as error:
            raise _unreadable(error) from None
        old = _relative(root, path)
        new = moved.get(old, old)
        study = StudyPlan(entry.name, path, root / new)
        row = next(iter(rows.get(entry.name, [])), None)
        after, record = _plan_document(
            entry, study, before, row, rename=rename, git_top=git_top
        )
        if new != old:
            record = dataclasses.replace(
                record, path=study.target, name=entry.name.removesuffix(".md"), flat=False
            )
        if moved:
            after = relink(
                after, _moved_rewrite(posixpath.dirname(old), posixpath.dirname(new), moved)
            )
        studies.append(study)
        records.append(record)
        if after != before or new != old:
            changes.append(FileChange(study.target, before, after, path if new != old else None))

    if index is not None:
        after = _index_after(root, index, records, moved, naming)
        if after != index.before:
            changes.append(FileChange(index.path, index.before, after))

    _verify_bodies(studies, changes, exact_bodies=not rename and not moved)
    converted = index is not None and index.converted
    index_path = index.path if index is not None else None
    return AdoptionPlan(root, studies, changes, notes, git_top, converted, index_path)


def _verify_bodies(
    studies: list[StudyPlan], changes: list[FileChange], *, exact_bodies: bool
) -> None:
    """Re-read each adopted document as the checker will: the front matter we meant, and
    (with no section renamed and no link moved) the original bytes after it."""
    by_target = {change.path: change for change in changes}
    for study in studies:
        change = by_target.get(study.target)
        if study.front is None or change is None:
            continue
        text = change.after.removeprefix(_BOM)
        front = split_front_matter(text)
        if front is None or {**front.data, "created": str(front.data.get("created"))} != {
            **study.front, "created": str(study.front["created"])
        }:
            raise CaseStudyError(
                f"The front matter planned for {study.path} does not read back as planned; "
                "nothing was changed. Please report this with the file."
            )
        if exact_bodies and (
            text[front.body_start :] != change.before.removeprefix(_BOM)
        ):
            raise CaseStudyError(
                f"The body of {study.path} would not stay byte for byte; nothing was changed. "
                "Please report this with the file."
            )
