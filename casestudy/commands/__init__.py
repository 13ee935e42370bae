"""One module per `casestudy` subcommand, each with `add_arguments(parser)` and `run(args)`.

Heavy libraries (questionary, cookiecutter, markdown-it, rich) are imported inside `run`, so a
command pays only for what it uses.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from types import ModuleType

COMMANDS: dict[str, str] = {
    "new": "Start a case study: ask for its answers, preview, and render the template.",
    "check": "Check case studies and the index: complete, consistent, ready to contribute.",
    "index": "Check or rewrite the index table's rows from the case studies' front matter.",
    "renumber": "Give case studies that share a number (two merged pull requests) new ones.",
    "catalog": "Export every case study, with parsed metrics, as JSON or CSV.",
    "adopt": "Take an existing directory's case studies into the template's shape.",
    "init": "Bootstrap a new case-study directory with its index, guide and checks.",
}


def command_module(name: str) -> ModuleType:
    """The module of one command (imported now: only the command being run is)."""
    qualified = f"{__name__}.{name}"
    __import__(qualified)
    return sys.modules[qualified]


def add_directory_argument(
    parser: argparse.ArgumentParser, help: str = "the case-study directory (default: here)"
) -> None:
    """The optional DIR every directory-wide command takes, defaulting to the current one."""
    parser.add_argument("directory", nargs="?", default=".", type=Path, metavar="DIR", help=help)
