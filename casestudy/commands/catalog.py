"""`casestudy catalog`: every case study, with parsed metrics, as JSON or CSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("json", "csv"),
        default="json",
        help="json: one object holding a list of records (default); csv: one line per case study",
    )
    parser.add_argument(
        "directory",
        nargs="?",
        default=".",
        type=Path,
        metavar="DIR",
        help="the case-study directory (default: here)",
    )


def run(args: argparse.Namespace) -> int:
    from casestudy.kit.catalog import build_catalog, to_csv, to_json

    records = build_catalog(args.directory)
    sys.stdout.write(to_csv(records) if args.format == "csv" else to_json(records))
    return 0
