"""`casestudy renumber`: give case studies that share a number new ones."""

from __future__ import annotations

import argparse
import sys

from casestudy.commands import add_directory_argument


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="print what would move, change nothing",
    )
    add_directory_argument(parser)


def run(args: argparse.Namespace) -> int:
    from casestudy.kit.renumber import renumber

    result = renumber(args.directory, dry_run=args.dry_run)
    if result.resumed:
        print(
            "A renumbering was interrupted before it finished; "
            + ("it would be finished as planned:" if args.dry_run else "finished it as planned:")
        )
    if not result.moves:
        print(f"No two case studies in {args.directory} share a number; nothing to move.")
        return 0
    verb = "Would move" if args.dry_run else "Moved"
    for move in result.moves:
        print(f"{verb} {move.describe()}")
    for note in result.notes:
        print(f"Note: {note}", file=sys.stderr)
    if args.dry_run:
        print("Nothing was changed (dry run); run without --dry-run to apply.")
    else:
        print(
            "Run `casestudy index --check` to see that the index follows, and commit the "
            "renamed folders together."
        )
    return 0
