"""Shell completion for bash and zsh, through argcomplete: subcommands and options from the
parser itself, and `--focus-area` from the areas the `-o` directory's index already uses.

argcomplete runs the program itself on every Tab, with `_ARGCOMPLETE` set; `cli.main` hands
over to `complete` before anything else is imported, so a Tab costs only the parser.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

SHELLS = ("bash", "zsh")
EXECUTABLES = ("casestudy", "casestudy-kit")


def focus_areas(prefix: str, parsed_args: argparse.Namespace, **_: Any) -> list[str]:
    """The areas the directory's index uses, then the seed's, that start with `prefix`
    (ignoring case): the same list `casestudy new` offers."""
    from casestudy.directory.state import read_directory
    from casestudy.new.answers import known_focus_areas

    directory = Path(getattr(parsed_args, "output_dir", None) or ".")
    try:
        areas = known_focus_areas(read_directory(directory))
    except (OSError, ValueError):
        return []
    wanted = prefix.casefold()
    return [area for area in areas if area.casefold().startswith(wanted)]


def attach_completers(parser: argparse.ArgumentParser) -> None:
    """Name what each argument completes to (argcomplete reads `.completer`)."""
    from argcomplete.completers import DirectoriesCompleter

    subparsers = [
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    ]
    for group in subparsers:
        for sub in group.choices.values():
            for action in sub._actions:
                if "--focus-area" in action.option_strings:
                    action.completer = focus_areas
                elif "--output-dir" in action.option_strings:
                    action.completer = DirectoriesCompleter()


def complete(parser: argparse.ArgumentParser) -> None:
    """Answer the shell's completion request and exit (argcomplete does the exiting)."""
    import argcomplete

    attach_completers(parser)
    argcomplete.autocomplete(parser)


def shell_code(shell: str) -> str:
    """The lines that register completion for both command names in `shell`."""
    from argcomplete.shell_integration import shellcode

    return shellcode(list(EXECUTABLES), shell=shell)


def install(shell: str, home: Path | None = None) -> str:
    """Write the completion script where the shell loads it by itself; return what to tell
    the user. bash-completion loads ~/.local/share/bash-completion/completions/NAME on the
    first Tab after NAME; zsh loads _NAME from a directory on $fpath."""
    from casestudy.directory.fileio import atomic_write_text

    home = home or Path.home()
    code = shell_code(shell)
    if shell == "bash":
        data = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
        folder = data / "bash-completion" / "completions"
        folder.mkdir(parents=True, exist_ok=True)
        for name in EXECUTABLES:
            atomic_write_text(folder / name, code)
        return (
            f"Wrote bash completion for {' and '.join(EXECUTABLES)} to {folder}. It loads in "
            "new shells (bash-completion must be installed, as it is on most systems)."
        )
    folder = home / ".zfunc"
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_text(folder / "_casestudy", code)
    return (
        f"Wrote zsh completion to {folder / '_casestudy'}. If ~/.zshrc does not already "
        "have them, add these two lines before any other `compinit`, then open a new shell:\n"
        "    fpath+=(~/.zfunc)\n"
        "    autoload -Uz compinit && compinit"
    )
