"""From answers to one case study: validated, numbered against its directory, and checked to
be safe to write before anything is created."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from pathlib import Path

from casestudy.directory.fileio import (
    require_writable_directory,
    stale_temporary_of,
    writable_target,
)
from casestudy.directory.state import DirectoryState, read_directory
from casestudy.errors import AnswerError, ExistingCaseStudyError, IndexTableError
from casestudy.index.model import SEED_COLUMNS, render_row
from casestudy.template.model import CaseStudy
from casestudy.template.validation import (
    Answers,
    describe_problem,
    number_problem,
    validate_answers,
    validate_layout,
    validate_number,
    validate_slug,
)

__all__ = ["CaseStudy", "check_safe_to_generate", "plan_case_study"]


def _created(raw: Mapping[str, object]) -> str:
    value = raw.get("created")
    if value:
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise AnswerError(
                [describe_problem("created", value, "must be an ISO date such as 2026-11-26")]
            ) from None
    return dt.date.today().isoformat()


def _is_flat(answers: Answers, state: DirectoryState) -> bool:
    """Whether the case study is a flat file: as `layout` says, or as the directory does."""
    layout = state.layout() if answers.layout == "auto" else answers.layout
    return layout == "flat"


def _settle_number(answers: Answers, state: DirectoryState, flat: bool) -> int:
    same_slug = state.with_slug(answers.slug)
    # A folder with this slug, for a flat case study, is the one cookiecutter renders it
    # through; one that was there before is refused by check_safe_to_generate.
    flat_files = [study for study in same_slug if study.flat and not flat]
    if flat_files:
        raise ExistingCaseStudyError(
            f"{state.root / flat_files[0].name} already holds a case study with the slug "
            f"'{answers.slug}'. Choose another slug (slug=...) so the two stay apart."
        )
    if same_slug:
        # Regenerating a case study reuses its folder rather than starting a duplicate.
        number = same_slug[0].number
        if answers.number is not None and answers.number != number:
            raise ExistingCaseStudyError(
                f"The slug '{answers.slug}' already belongs to {state.root / same_slug[0].name}, "
                f"so it cannot also be number {answers.number}. Use number={number} (or 'auto') "
                "to regenerate it, or choose another slug."
            )
        return number
    if answers.number is None:
        number = state.next_number()
        problem = number_problem(number)
        if problem:
            raise AnswerError([describe_problem(
                "number", "auto", f"would be {number}, but a case study's number {problem}")])
        return number
    taken = state.with_number(answers.number)
    if taken:
        raise ExistingCaseStudyError(
            f"Number {answers.number} is already taken by {state.root / taken[0].name}. "
            f"Use number=auto (the next free one is {state.next_number()}) or another number."
        )
    return answers.number


def _directory_problems(raw: Mapping[str, object], state: DirectoryState) -> list[str]:
    """What numbering would refuse, for answers that already failed their own rules: the
    slug (if valid) and number (if a number) are checked as `_settle_number` checks them."""
    slug, number = str(raw.get("slug") or ""), str(raw.get("number") or "").strip()
    if validate_slug(slug) is not True:
        slug = ""
    if not number.isdigit() or validate_number(number) is not True:
        return []
    layout = str(raw.get("layout") or "auto").strip().lower()
    if validate_layout(layout) is not True:
        layout = "auto"
    partial = Answers(
        system_name="", focus_area="", metrics=(), slug=slug, number=int(number), layout=layout
    )
    try:
        _settle_number(partial, state, _is_flat(partial, state))
    except ExistingCaseStudyError as error:
        return [error.message]
    return []


def plan_case_study(
    raw: Mapping[str, object],
    output_dir: Path,
    *,
    raw_before_rendering: Mapping[str, object] | None = None,
    state: DirectoryState | None = None,
) -> CaseStudy:
    """Validate the answers and settle the number; raises a CaseStudyError on any problem."""
    state = state or read_directory(output_dir)
    try:
        answers = validate_answers(
            raw,
            known_focus_areas=state.focus_areas,
            raw_before_rendering=raw_before_rendering,
        )
    except AnswerError as error:
        # Plain cookiecutter asks all its questions before anything is checked: report the
        # directory's objections (a taken number) with the answers' own, not a run later.
        raise AnswerError([*error.problems, *_directory_problems(raw, state)]) from None
    flat = _is_flat(answers, state)
    return CaseStudy(
        title=answers.system_name,
        number=_settle_number(answers, state, flat),
        slug=answers.slug,
        focus_area=answers.focus_area,
        metrics=answers.metrics,
        created=_created(raw),
        flat=flat,
        auto_number=answers.number is None,
    )


def check_safe_to_generate(
    case_study: CaseStudy,
    state: DirectoryState,
    render_skeleton: Callable[[CaseStudy], str],
) -> None:
    """Refuse before anything is written: an index README with no table to take the row, or
    an existing case study whose README an author has edited since it was generated."""
    if state.index_text is not None and state.index_table is None:
        raise IndexTableError(
            f"{state.index_path} has no index table (a table whose header is Case Study | "
            "Key Metrics | Focus Area), so the case study was not created and the README was "
            "left untouched. Add the table, or add this row to it by hand, and run again: "
            + render_row(SEED_COLUMNS, case_study.index_entry())
        )
    # Read-only, hard-linked: found now, before cookiecutter makes the folder.
    require_writable_directory(state.root)
    writable_target(state.index_path)
    if interrupted_generation(case_study, state, render_skeleton):
        return  # the generation completes it
    folder_readme = state.root / case_study.folder / "README.md"
    if case_study.flat and folder_readme.exists():
        raise ExistingCaseStudyError(
            f"{folder_readme} already holds a case study with the slug '{case_study.slug}', "
            "so a flat file for it was not created. Choose another slug, or layout=folder to "
            "regenerate that one."
        )
    readme = state.root / case_study.link
    if readme.is_file() and not _is_pristine(readme, case_study, render_skeleton):
        raise ExistingCaseStudyError(
            f"{readme} has been edited since it was generated, so it will not be overwritten. "
            "Keep your work: choose another slug for a new case study, or move it "
            "away first if you really want a fresh skeleton."
        )


def interrupted_generation(
    case_study: CaseStudy,
    state: DirectoryState,
    render_skeleton: Callable[[CaseStudy], str],
) -> bool:
    """Whether the case study's folder is what a generation killed half-way leaves: no index
    row links to it, and it holds nothing but the template's own work (no README yet, or one
    the template wrote, whole or cut short, and temporary files of a skeleton's write that
    was killed before its rename). Removing it loses nothing, and generating again
    completes it."""
    folder = state.root / case_study.folder
    if not folder.is_dir() or folder.is_symlink():
        return False
    if state.index_table is not None and state.index_table.row_for(case_study.link) is not None:
        return False
    contents = [entry.name for entry in os.scandir(folder)
                if not stale_temporary_of(entry.name, "README.md")]
    if not contents:
        return True
    readme = folder / "README.md"
    if contents != ["README.md"] or readme.is_symlink() or not readme.is_file():
        return False
    if _is_pristine(readme, case_study, render_skeleton):
        return True
    written = readme.read_bytes()
    return render_skeleton(case_study).encode("utf-8").startswith(written)


def _is_pristine(
    readme: Path, wanted: CaseStudy, render_skeleton: Callable[[CaseStudy], str]
) -> bool:
    """A README is untouched when rendering the template from its own front matter gives it
    back exactly; no fingerprint needs storing, and any doubt counts as edited."""
    from casestudy.format.frontmatter import FrontMatterError, read_front_matter

    text = readme.read_text(encoding="utf-8", errors="replace")
    try:
        meta = read_front_matter(text)
        metrics = meta.get("key_metrics") or []
        original = CaseStudy(
            title=str(meta["title"]),
            number=wanted.number,
            slug=wanted.slug,
            flat=wanted.flat,
            focus_area=str(meta["focus_area"]),
            metrics=tuple(str(metric) for metric in metrics),
            created=str(meta["created"]),
        )
        return render_skeleton(original) == text
    except (FrontMatterError, KeyError, TypeError, AnswerError):
        return False
