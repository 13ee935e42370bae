"""One module per `casestudy` subcommand, each with `add_arguments(parser)` and `run(args)`.

The CLI imports only the module of the command being run, so `casestudy check` never pays
for questionary and `casestudy new --no-input` never pays for the checker.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

TYPE_CHECKING = False  # typing itself is not imported: every command's start-up would pay
if TYPE_CHECKING:
    import argparse
    from types import ModuleType

COMMANDS: dict[str, str] = {
    "new": "Start a case study: ask for its answers, preview, and render the template.",
    "check": "Check case studies and the index: complete, consistent, ready to contribute.",
    "index": "Check or rewrite the index table's rows from the case studies' front matter.",
    "renumber": "Give case studies that share a number (two merged pull requests) new ones.",
    "catalog": "Export every case study, with parsed metrics, as JSON or CSV.",
    "init": "Bootstrap a new case-study directory with its index, guide and checks.",
}


def command_module(name: str) -> ModuleType:
    """The module of one command (imported now: only the command being run is)."""
    qualified = f"{__name__}.{name}"
    __import__(qualified)
    return sys.modules[qualified]


def selected_command(argv: Sequence[str]) -> str | None:
    """The command an argument list runs, if it names one before any other argument."""
    for arg in argv:
        if arg in COMMANDS:
            return arg
        if not arg.startswith("-"):
            return None
    return None


def add_directory_argument(
    parser: argparse.ArgumentParser, help: str = "the case-study directory (default: here)"
) -> None:
    """The optional DIR every directory-wide command takes, defaulting to the current one."""
    from pathlib import Path  # only the commands that take DIR pay for pathlib

    parser.add_argument("directory", nargs="?", default=".", type=Path, metavar="DIR", help=help)
