"""`casestudy`: the command-line front door. The core is `run(argv) -> int`."""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Sequence
from typing import Any

from casestudy import __version__
from casestudy.commands import COMMANDS, command_module
from casestudy.completion import SHELLS
from casestudy.errors import Cancelled, CaseStudyError, CommandLineError, exit_code_for
from casestudy.format.controls import escape_lines
from casestudy.interrupts import InterruptedAfterFinishing


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is an exception (exit 2), not sys.exit."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise CommandLineError(
            f"{self.prog}: {message}. Run '{self.prog} --help' for the options."
        )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="casestudy", description="Start, check and contribute case studies.")
    parser.add_argument("--version", action="version", version=f"casestudy {__version__}")
    parser.add_argument("--completion", choices=SHELLS, metavar="SHELL",
                        help="print the shell completion script for bash or zsh "
                        "(eval \"$(casestudy --completion bash)\" in ~/.bashrc)")
    parser.add_argument("--install-completion", choices=SHELLS, metavar="SHELL",
                        help="install shell completion for bash or zsh where the shell "
                        "loads it by itself")
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
        if args.completion or args.install_completion:
            from casestudy import completion

            if args.completion:
                print(completion.shell_code(args.completion))
            else:
                print(completion.install(args.install_completion))
            return 0
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
    except InterruptedAfterFinishing as interrupt:
        print("cancelled, after finishing the change under way (it was made whole)",
              file=sys.stderr)
        return exit_code_for(interrupt)
    except KeyboardInterrupt as interrupt:
        print("cancelled, nothing written", file=sys.stderr)
        return exit_code_for(interrupt)
    except BrokenPipeError as closed:
        # The reader went away (`casestudy catalog | head -1`): what it wanted, it has.
        _discard_stdout()
        return exit_code_for(closed)


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so that flushing it at exit finds no closed pipe."""
    try:
        descriptor = os.open(os.devnull, os.O_WRONLY)
        os.dup2(descriptor, sys.stdout.fileno())
        os.close(descriptor)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # not a real file (a test's capture): nothing will flush to a pipe


def main() -> None:
    if "_ARGCOMPLETE" in os.environ:  # the shell asking for completions (see completion.py)
        from casestudy.completion import complete

        complete(build_parser())
    try:
        status = run()
        sys.stdout.flush()  # inside the guard: a closed pipe often shows only here
    except BrokenPipeError as closed:
        _discard_stdout()
        status = exit_code_for(closed)
    except KeyboardInterrupt as interrupt:  # between run() returning and the flush
        status = exit_code_for(interrupt)
    sys.exit(status)
