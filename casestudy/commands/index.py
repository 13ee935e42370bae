"""`casestudy index`: check or rewrite the index table's rows from the case studies."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from casestudy.commands import add_directory_argument


def add_arguments(parser: argparse.ArgumentParser) -> None:
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--check",
        dest="write",
        action="store_false",
        help="exit 1 and print a diff when the rows differ from the case studies (default)",
    )
    mode.add_argument(
        "--write",
        dest="write",
        action="store_true",
        help="rewrite the table's rows, ordered by number (an index kept as a numbered list "
        "of links becomes the table); nothing else in the file changes",
    )
    parser.set_defaults(write=False)
    add_directory_argument(
        parser, "the case-study directory holding the index README (default: here)"
    )


def run(args: argparse.Namespace) -> int:
    from casestudy.format.controls import escape_controls
    from casestudy.index.sync import compare_index, rewrite_index

    root: Path = args.directory
    sync = rewrite_index(root) if args.write else compare_index(root)
    for note in sync.notes:
        print(f"Note: {escape_controls(note)}", file=sys.stderr)
    if args.write:
        if sync.in_step:
            print(f"{sync.path}: the index rows already match the case studies.")
        elif sync.from_list:
            print(f"{sync.path}: turned the numbered list of links into the index table.")
        else:
            print(f"{sync.path}: rewrote the index rows from the case studies.")
        return 0
    if sync.in_step:
        print(f"{sync.path}: the index rows match the case studies.")
        return 0
    sys.stdout.write(sync.diff())
    print(
        f"{sync.path}: the index rows differ from the case studies (diff above). "
        f"Run `casestudy index --write {root}` to rewrite them.",
        file=sys.stderr,
    )
    return 1
