"""`casestudy check [PATH ...]`: is this case study (or directory) ready to contribute?

Exit 0 when there is no error (warnings allowed), 1 when there is any, 2 for bad usage or
a bad configuration. The finding codes are listed in `casestudy.check.codes`.
"""

from __future__ import annotations

import argparse
import os
import sys

from casestudy.check.parallel import AUTO_MINIMUM

FORMATS = ("auto", "plain", "rich", "json", "github")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="a case-study directory (with the index README), one case study's folder, or "
        "its markdown file (default: the current directory)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="auto",
        help="output: rich in a terminal and plain otherwise (auto), json for tools, "
        "github for workflow annotations",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="treat findings on older flat case studies (NN_slug.md) as errors too",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="under each case study, list which heading was taken for which of the nine "
        "sections and which headings are extras (the JSON output always has them), and list "
        "the markdown files not taken for a case study",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=_job_count,
        metavar="N",
        help="check the documents in N processes (1: in this one); by default a directory of "
        f"{AUTO_MINIMUM} case studies or more is checked on every usable core. The output "
        "is the same either way",
    )
    parser.add_argument(
        "--explain",
        metavar="CODE",
        help="print what a finding code (such as CS101) means and how to fix it, and exit",
    )


def _job_count(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        count = 0
    if count < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes (1 or more)")
    return count


def _explain(code: str) -> int:
    from casestudy.check.codes import CODES, explain
    from casestudy.errors import UsageError

    known = CODES.get(code.strip().upper())
    if known is None:
        raise UsageError(
            f"--explain: {code!r} is not a finding code. The codes are "
            f"{', '.join(CODES)}."
        )
    sys.stdout.write(explain(known))
    return 0


def run(args: argparse.Namespace) -> int:
    if args.explain is not None:
        return _explain(args.explain)
    from casestudy.check.engine import check_paths
    from casestudy.check.report import write

    result = check_paths(
        list(args.paths),
        strict=args.strict,
        headings=args.verbose or args.format == "json",
        verbose=args.verbose,
        jobs=args.jobs,
    )
    try:
        write(result, sys.stdout, args.format)
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader (`| head`) has gone; stop writing quietly, keep the verdict
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 1 if result.errors else 0
