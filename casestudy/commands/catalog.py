"""`casestudy catalog`: every case study, with parsed metrics, as JSON or CSV."""

from __future__ import annotations

import argparse
import sys

from casestudy.commands import add_directory_argument


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("json", "csv"),
        default="json",
        help="json: one object holding a list of records (default); csv: one line per case study",
    )
    parser.add_argument(
        "--raw",
        action="store_true",
        help="csv: write every cell exactly as written; by default a cell a spreadsheet would "
        "run as a formula (starting with =, +, -, @, tab or carriage return) gets a leading ' "
        "and control characters are shown as escapes",
    )
    add_directory_argument(parser)


def run(args: argparse.Namespace) -> int:
    from casestudy.kit.catalog import build_catalog, to_csv, to_json

    records = build_catalog(args.directory)
    sys.stdout.write(to_csv(records, raw=args.raw) if args.format == "csv" else to_json(records))
    return 0
