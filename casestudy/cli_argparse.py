"""The command line as argparse reads it: every command, `--help`, and what is wrong.

`casestudy.cli` comes here for everything but the plain `casestudy check [PATH ...]`, which
`casestudy.commands.check.plain_arguments` reads without importing argparse.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from casestudy import __version__
from casestudy.commands import COMMANDS, command_module, selected_command
from casestudy.errors import CommandLineError

TYPE_CHECKING = False  # typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any


def parse(argv: Sequence[str]) -> argparse.Namespace | None:
    """The parsed command line; None when it names no command (the help is printed)."""
    parser = _build_for(argv)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return None
    return args


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, told the width up front. Left to itself, argparse makes a
    formatter for every option it is given (to check the option's metavar) and asks shutil
    for the terminal's width, and importing shutil costs every `casestudy check` about two
    milliseconds of its time budget."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        width = _help_width() if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


def _help_width() -> int:
    """The width argparse would use: $COLUMNS, else the terminal's on stdout, else 80; less 2."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    stdout = sys.__stdout__
    if columns <= 0 and stdout is not None:
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns
        except (ValueError, OSError):  # closed, or not a terminal
            columns = 0
    return (columns or 80) - 2


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is an exception (exit 2), not sys.exit."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        raise CommandLineError(
            f"{self.prog}: {message}. Run '{self.prog} --help' for the options."
        )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="casestudy", description="Start, check and contribute case studies.")
    parser.add_argument("--version", action="version", version=f"casestudy {__version__}")
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser, prog="casestudy"
    )
    for name, summary in COMMANDS.items():
        sub = commands.add_parser(name, help=summary, description=summary)
        command_module(name).add_arguments(sub)
    return parser


def _build_for(argv: Sequence[str]) -> argparse.ArgumentParser:
    """Import only the command being run (plus every one for --help)."""
    selected = selected_command(argv)
    if selected is None:
        return build_parser()
    parser = _Parser(prog="casestudy")
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser, prog="casestudy"
    )
    sub = commands.add_parser(selected, help=COMMANDS[selected], description=COMMANDS[selected])
    command_module(selected).add_arguments(sub)
    return parser


