"""`casestudy`: the command-line front door. The core is `run(argv) -> int`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from casestudy import __version__
from casestudy.commands import COMMANDS, command_module
from casestudy.errors import Cancelled, CaseStudyError, CommandLineError, exit_code_for
from casestudy.format.controls import escape_lines


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is an exception (exit 2), not sys.exit."""

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


def run(argv: Sequence[str] | None = None) -> int:
    """Run one command line; return the exit status. Errors the user can act on are printed
    as one paragraph, never as a traceback."""
    parser = build_parser()
    try:
        args: Any = parser.parse_args(sys.argv[1:] if argv is None else list(argv))
        if args.command is None:
            parser.print_help()
            return exit_code_for(CommandLineError("no command"))
        return int(command_module(args.command).run(args))
    except CommandLineError as problem:
        print(problem, file=sys.stderr)
        return exit_code_for(problem)
    except Cancelled as cancelled:
        print(cancelled, file=sys.stderr)
        return exit_code_for(cancelled)
    except CaseStudyError as error:
        # A message can quote a file's text or name: shown escaped, never as terminal codes.
        print(f"Error: {escape_lines(str(error))}", file=sys.stderr)
        return exit_code_for(error)
    except KeyboardInterrupt as interrupt:
        print("cancelled, nothing written", file=sys.stderr)
        return exit_code_for(interrupt)


def main() -> None:
    sys.exit(run())
