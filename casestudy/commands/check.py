"""`casestudy check [PATH ...]`: is this case study (or directory) ready to contribute?

Exit 0 when there is no error (warnings allowed), 1 when there is any, 2 for bad usage.
The finding codes are listed in `casestudy.check.findings`.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace

TYPE_CHECKING = False  # typing and argparse are not imported at run time
if TYPE_CHECKING:
    import argparse

FORMATS = ("auto", "plain", "rich", "json", "github")
_OPTIONS = ("--format", "--strict")


def plain_arguments(argv: Sequence[str]) -> SimpleNamespace | None:
    """`check` with paths and options spelled out in full, as argparse reads them (see
    `add_arguments`), without importing argparse; None for any other command line, which
    argparse then reads, or explains when it is wrong. A test holds the two to the same
    result on every command line this one accepts."""
    if not argv or argv[0] != "check":
        return None
    options: dict[str, object] = {}
    paths: list[str] = []
    after_paths = False  # argparse takes paths in one run: "a --strict b" is an error
    rest = iter(argv[1:])
    for arg in rest:
        if not arg.startswith("-"):
            if after_paths:
                return None
            paths.append(arg)
            continue
        name, equals, value = arg.partition("=")
        if name not in _OPTIONS or name[2:] in options:
            return None  # -h, an abbreviation, "--", a repeat...: argparse's to read
        if name == "--strict":
            if equals:
                return None
            options["strict"] = True
        else:
            value = value if equals else next(rest, "")
            if value not in FORMATS:
                return None
            options["format"] = value
        after_paths = bool(paths)
    return SimpleNamespace(
        command="check",
        paths=paths,
        format=options.get("format", "auto"),
        strict=options.get("strict", False),
    )


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


def run(args: argparse.Namespace | SimpleNamespace) -> int:
    import sys

    from casestudy.check.engine import check_paths
    from casestudy.check.report import write

    result = check_paths(list(args.paths), strict=args.strict)
    try:
        write(result, sys.stdout, args.format)
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader (`| head`) has gone; stop writing quietly, keep the verdict
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 1 if result.errors else 0
