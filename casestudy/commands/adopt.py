"""`casestudy adopt`: take an existing directory's case studies into the template's shape."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from casestudy.commands import add_directory_argument

if TYPE_CHECKING:
    from casestudy.kit.adopt import AdoptionPlan


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dry-run", action="store_true",
        help="print the plan and a unified diff of every file it would change; write nothing",
    )
    parser.add_argument(
        "--layout", choices=("keep", "folder"), default="keep",
        help="keep: leave files where they are (default); folder: move NN_slug.md to "
        "NN_slug/README.md and rewrite every link to it",
    )
    parser.add_argument(
        "--rename-sections", action="store_true",
        help="rename the nine sections' headings to their canonical names (others stay)",
    )
    parser.add_argument(
        "--allow-dirty", action="store_true",
        help="adopt even when a file it would change has uncommitted changes in git",
    )
    add_directory_argument(parser)


def file_diff(before: str, after: str, old: str, new: str) -> str:
    """A unified diff that stays readable when a file does not end with a newline."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{old}", f"b/{new}"
    )
    missing = "\n\\ No newline at end of file\n"
    return "".join(line if line.endswith(("\n", "\r")) else line + missing for line in lines)


def describe(plan: AdoptionPlan) -> list[str]:
    """One line per file the adoption changes, saying how."""
    root = plan.root
    lines = []
    for study in plan.studies:
        details = []
        if study.front is not None:
            details.append("front matter: " + "; ".join(study.told))
        for line, old, new in study.renamed:
            details.append(f"section '{old}' -> '{new}' (line {line})")
        if study.target != study.path:
            details.append(
                f"moves to {study.target.relative_to(root).as_posix()}, links to it rewritten"
            )
        if details:
            lines.append(f"  {study.path.relative_to(root).as_posix()}: " + "; ".join(details))
    described = {
        study.target
        for study in plan.studies
        if study.front or study.renamed or study.target != study.path
    }
    for change in plan.changes:
        if change.path == plan.index_path:
            how = (
                "the list of case studies becomes the index table, its rows"
                if plan.index_converted
                else "index rows"
            )
            lines.append(f"  {change.path.name}: {how} in step with the case studies")
        elif change.path not in described and change.source is None:
            name = change.path.relative_to(root).as_posix()
            lines.append(f"  {name}: links to moved case studies rewritten")
    return lines


def run(args: argparse.Namespace) -> int:
    from casestudy.kit.adopt_apply import adopt

    root: Path = args.directory
    result = adopt(
        root, layout=args.layout, rename=args.rename_sections, dry_run=args.dry_run,
        allow_dirty=args.allow_dirty,
    )
    plan = result.plan
    if result.resumed is not None:
        verb = "An interrupted adoption will be finished first" if args.dry_run else (
            "Finished an adoption that was interrupted"
        )
        resumed = result.resumed
        print(f"{verb} ({len(resumed.writes)} file(s), {len(resumed.moves)} move(s)).")
    for note in plan.notes:
        print(f"Note: {note}", file=sys.stderr)
    if plan.empty:
        print(
            f"Nothing to adopt in {root}: every case study already has front matter"
            + (", in its own folder," if args.layout == "folder" else "")
            + " and the index is in step. Nothing was changed."
        )
        return 0
    if args.dry_run:
        print(f"Would adopt {root} ({len(plan.changes)} file(s) to change):")
        print("\n".join(describe(plan)))
        for change in plan.changes:
            old = (change.source or change.path).relative_to(root).as_posix()
            new = change.path.relative_to(root).as_posix()
            sys.stdout.write(file_diff(change.before, change.after, old, new))
        print("Nothing was changed (dry run); run without --dry-run to apply.")
        return 0
    print(f"Adopted {root} ({len(plan.changes)} file(s) changed):")
    print("\n".join(describe(plan)))
    print(
        f"Next: review with `git diff`, then run `casestudy check --strict {root}` for what "
        "is left to write."
    )
    return 0
