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
    add_directory_argument(parser)


def run(args: argparse.Namespace) -> int:
    from casestudy.kit.catalog import build_catalog, to_csv, to_json

    records = build_catalog(args.directory)
    sys.stdout.write(to_csv(records) if args.format == "csv" else to_json(records))
    return 0
