"""Writing an adoption plan so that a kill at any moment, followed by a rerun, converges.

The whole plan (every move and every file's final text) is first written, atomically, to a
journal in the directory; then each move and each write is done, each a step that is skipped
when already done; then the journal is removed. A rerun that finds the journal finishes it
before planning anything: the files are then exactly what an uninterrupted run gives, and the
fresh plan finds nothing left to do.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from casestudy.directory.fileio import atomic_write_text, directory_lock, read_text_exact
from casestudy.errors import CaseStudyError
from casestudy.interrupts import finish_before_interrupt
from casestudy.kit import git
from casestudy.kit.adopt import AdoptionPlan, Layout

JOURNAL_NAME = ".casestudy-adopt.json"
_VERSION = 1


@dataclass(frozen=True)
class Journal:
    moves: list[tuple[str, str]]  # (from, to), relative to the directory
    writes: list[tuple[str, str]]  # (file, its final text), relative to the directory

    def to_json(self) -> str:
        return json.dumps(
            {"version": _VERSION, "moves": self.moves, "writes": self.writes},
            ensure_ascii=False,
        )

    @classmethod
    def from_plan(cls, plan: AdoptionPlan) -> Journal:
        def relative(path: Path) -> str:
            return path.relative_to(plan.root).as_posix()

        return cls(
            [(relative(source), relative(target)) for source, target in plan.moves],
            [(relative(change.path), change.after) for change in plan.changes],
        )


def read_journal(root: Path) -> Journal | None:
    path = root / JOURNAL_NAME
    if not path.is_file():
        return None
    try:
        data = json.loads(read_text_exact(path))
        if data.get("version") != _VERSION:
            raise ValueError(f"version {data.get('version')!r}")
        moves = [(str(old), str(new)) for old, new in data["moves"]]
        writes = [(str(name), str(text)) for name, text in data["writes"]]
    except (ValueError, KeyError, TypeError) as error:
        raise CaseStudyError(
            f"{path} records an interrupted adoption but cannot be read ({error}). Nothing "
            "was changed; check the case studies against git, delete the journal, and run "
            "again."
        ) from None
    for name in [name for pair in moves for name in pair] + [name for name, _ in writes]:
        if Path(name).is_absolute() or ".." in Path(name).parts:
            raise CaseStudyError(
                f"{path} names {name!r}, outside the directory; it was not written by "
                "`casestudy adopt`. Nothing was changed; delete it and run again."
            )
    return Journal(moves, writes)


def _move(root: Path, git_top: Path | None, old: str, new: str) -> None:
    source, target = root / old, root / new
    if not source.exists():
        return  # moved already
    if target.exists():
        raise CaseStudyError(
            f"Cannot move {source} to {target}: both exist. Move one aside and run again."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    if git_top is not None and git.is_tracked(git_top, source):
        git.move(git_top, source, target)
    else:
        source.rename(target)


def _write(root: Path, name: str, text: str) -> None:
    path = root / name
    if path.is_file() and read_text_exact(path) == text:
        return  # written already
    atomic_write_text(path, text)


# What `atomic_write_text` names its temporary file: `.<name>.<pid>.<8 hex digits>.tmp`.
_TEMPORARY_RE = re.compile(r"\.(?P<name>.+)\.\d+\.[0-9a-f]{8}\.tmp")


def _drop_temporaries(root: Path, names: list[str]) -> None:
    """Remove what a write killed half way left beside its target (and only that)."""
    by_directory: dict[Path, set[str]] = {}
    for name in names:
        path = root / name
        by_directory.setdefault(path.parent, set()).add(path.name)
    for directory, targets in by_directory.items():
        for item in directory.glob(".*.tmp") if directory.is_dir() else ():
            match = _TEMPORARY_RE.fullmatch(item.name)
            if match is not None and match.group("name") in targets:
                item.unlink(missing_ok=True)


def replay(root: Path, journal: Journal) -> None:
    """Do every step of the journal not yet done, then drop the journal."""
    git_top = git.work_tree(root)
    for old, new in journal.moves:
        _move(root, git_top, old, new)
    for name, text in journal.writes:
        _write(root, name, text)
    _drop_temporaries(root, [name for name, _ in journal.writes] + [JOURNAL_NAME])
    (root / JOURNAL_NAME).unlink(missing_ok=True)


def apply_plan(plan: AdoptionPlan) -> None:
    """Write the plan: journal first, then each step (the caller holds the directory lock)."""
    journal = Journal.from_plan(plan)
    # Ctrl-C while the plan is written takes effect once it is written: the few steps left
    # are quicker to finish than a half-adopted directory is to explain.
    with finish_before_interrupt():
        atomic_write_text(plan.root / JOURNAL_NAME, journal.to_json())
        replay(plan.root, journal)


def finish_interrupted(root: Path) -> Journal | None:
    """Finish an adoption a kill interrupted, under the directory lock; the journal it
    finished, or None when there was none."""
    with directory_lock(root):
        journal = read_journal(root)
        if journal is not None:
            with finish_before_interrupt():
                replay(root, journal)
        else:  # killed while the journal itself was being written
            _drop_temporaries(root, [JOURNAL_NAME])
    return journal


@dataclass
class Adoption:
    plan: AdoptionPlan
    resumed: Journal | None  # the interrupted adoption finished first, if any
    written: bool


def uncommitted_refusal(plan: AdoptionPlan) -> CaseStudyError | None:
    """Why the plan may not be written: files it would change hold uncommitted work."""
    if plan.git_top is None or plan.empty:
        return None
    paths = [change.source or change.path for change in plan.changes]
    dirty = git.uncommitted(plan.git_top, [path for path in paths if path.exists()])
    if not dirty:
        return None
    return CaseStudyError(
        f"Not adopting: {len(dirty)} file(s) it would change have uncommitted changes in "
        f"git ({', '.join(dirty)}). Nothing was changed. Commit or stash them first, so "
        "the adoption can be reviewed and undone on its own, or run again with "
        "--allow-dirty."
    )


def adopt(
    root: Path, *, layout: str = "keep", rename: bool = False, dry_run: bool = False,
    allow_dirty: bool = False,
) -> Adoption:
    """Plan the adoption and, unless `dry_run`, write it (after finishing one a kill
    interrupted)."""
    from casestudy.kit.adopt import plan_adoption

    if not root.is_dir():
        raise CaseStudyError(f"{root} is not a directory. Name a case-study directory.")
    chosen: Layout = "folder" if layout == "folder" else "keep"
    if dry_run:
        plan = plan_adoption(root, layout=chosen, rename=rename)
        refusal = None if allow_dirty else uncommitted_refusal(plan)
        if refusal is not None:
            plan.notes.append(f"a run without --dry-run would refuse. {refusal.message}")
        return Adoption(plan, read_journal(root), written=False)
    resumed = finish_interrupted(root)
    with directory_lock(root):
        plan = plan_adoption(root, layout=chosen, rename=rename)
        refusal = None if allow_dirty else uncommitted_refusal(plan)
        if refusal is not None:
            raise refusal
        if not plan.empty:
            apply_plan(plan)
    return Adoption(plan, resumed, written=not plan.empty)
