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


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is an exception (exit 2 through exit_code_for), not sys.exit."""

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
