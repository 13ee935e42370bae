"""`casestudy`: the command-line front door. The core is `run(argv) -> int`."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from casestudy import __version__
from casestudy.commands import COMMANDS
from casestudy.errors import EXIT_USAGE, Cancelled, CaseStudyError, exit_code_for

TYPE_CHECKING = False  # typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any


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
    """argparse, but a usage error is an exception (exit 2 through exit_code_for), not sys.exit."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageProblem(f"{self.prog}: {message}. Run '{self.prog} --help' for the options.")


class _UsageProblem(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="casestudy", description="Start, check and contribute case studies.")
    parser.add_argument("--version", action="version", version=f"casestudy {__version__}")
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser, prog="casestudy"
    )
    for name, summary in COMMANDS.items():
        sub = commands.add_parser(name, help=summary, description=summary)
        _command_module(name).add_arguments(sub)
    return parser


def _command_module(name: str):  # type: ignore[no-untyped-def]
    return importlib.import_module(f"casestudy.commands.{name}")


def _selected_command(argv: Sequence[str]) -> str | None:
    for arg in argv:
        if arg in COMMANDS:
            return arg
        if not arg.startswith("-"):
            return None
    return None


def run(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = _build_for(argv)
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return EXIT_USAGE
        return int(_command_module(args.command).run(args))
    except _UsageProblem as problem:
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    except Cancelled as cancelled:
        print(cancelled, file=sys.stderr)
        return exit_code_for(cancelled)
    except CaseStudyError as error:
        print(f"Error: {error}", file=sys.stderr)
        return exit_code_for(error)
    except KeyboardInterrupt as interrupt:
        print("cancelled, nothing written", file=sys.stderr)
        return exit_code_for(interrupt)


def _build_for(argv: Sequence[str]) -> argparse.ArgumentParser:
    """Import only the command being run (plus every one for --help)."""
    selected = _selected_command(argv)
    if selected is None:
        return build_parser()
    parser = _Parser(prog="casestudy")
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser, prog="casestudy"
    )
    sub = commands.add_parser(selected, help=COMMANDS[selected], description=COMMANDS[selected])
    _command_module(selected).add_arguments(sub)
    return parser


# Commands that leave nothing to do at exit (no temporary files, no atexit handlers): once
# their output is flushed the process ends without the interpreter's teardown, which frees
# every object one by one (mypy ends the same way). For a check of a thousand case studies
# that teardown is several milliseconds of a budget of a few hundred.
_ENDS_WITHOUT_TEARDOWN = frozenset({"check"})


def main() -> None:
    code = run()
    if _selected_command(sys.argv[1:]) not in _ENDS_WITHOUT_TEARDOWN:
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # the reader has gone; the exit status still tells
        pass
    os._exit(code)
