"""`casestudy`: the command-line front door. The core is `run(argv) -> int`."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from casestudy.commands import command_module, selected_command
from casestudy.commands.check import plain_arguments
from casestudy.errors import (
    EXIT_USAGE,
    Cancelled,
    CaseStudyError,
    CommandLineError,
    exit_code_for,
)

TYPE_CHECKING = False  # typing and argparse are not imported at run time
if TYPE_CHECKING:
    import argparse
    from types import SimpleNamespace


def run(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        # A plain check (as pre-commit and CI run it) is read without argparse, whose import
        # is a few milliseconds of a check's time budget; argparse reads everything else.
        args: argparse.Namespace | SimpleNamespace | None = plain_arguments(argv)
        if args is None:
            from casestudy.cli_argparse import parse

            args = parse(argv)
            if args is None:
                return EXIT_USAGE  # no command: the help was printed
        return int(command_module(args.command).run(args))
    except CommandLineError as problem:
        print(problem, file=sys.stderr)
        return exit_code_for(problem)
    except Cancelled as cancelled:
        print(cancelled, file=sys.stderr)
        return exit_code_for(cancelled)
    except CaseStudyError as error:
        print(f"Error: {error}", file=sys.stderr)
        return exit_code_for(error)
    except KeyboardInterrupt as interrupt:
        print("cancelled, nothing written", file=sys.stderr)
        return exit_code_for(interrupt)


# Commands that leave nothing to do at exit (no temporary files, no atexit handlers): once
# their output is flushed the process ends without the interpreter's teardown, which frees
# every object one by one (mypy ends the same way). For a check of a thousand case studies
# that teardown is several milliseconds of a budget of a few hundred.
_ENDS_WITHOUT_TEARDOWN = frozenset({"check"})


def main() -> None:
    code = run()
    if selected_command(sys.argv[1:]) not in _ENDS_WITHOUT_TEARDOWN:
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # the reader has gone; the exit status still tells
        pass
    os._exit(code)
