"""What a `cookiecutter` command that stops half-way leaves behind, taken back as it exits.

Cookiecutter's command catches only its own exceptions: Ctrl-C becomes click's "Aborted!"
and a failed write of its own (a full disk under the hook's temporary script or the replay
file) a traceback, and either leaves the case study's folder without an index row. This
template's extension is the one piece of this project inside that process, so when the
`cookiecutter` command loads it, it installs two things: an exception hook that turns an
unhandled OSError into one message naming the file, and an exit handler that removes the
folder this run created if the generation did not finish (no index row links to it) and it
holds nothing but the template's own work. A folder that existed before, or one holding
anything else, is never touched. `casestudy new` and pytest-cookies run cookiecutter inside
their own process and take back a failed generation themselves, so nothing is installed there.
"""

from __future__ import annotations

import atexit
import io
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from casestudy.format.controls import escape_lines

_installed = False


def _running_the_cookiecutter_command() -> bool:
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    return "cookiecutter.__main__" in sys.modules or (
        spec is not None and spec.name == "cookiecutter.__main__"
    )


def _file_being_written(trace: TracebackType | None) -> str | None:
    """The file a failed write was writing, when the error does not name it (a write that
    fails on a full disk names no file): the innermost frame that had one open for writing."""
    found = None
    while trace is not None:
        for value in trace.tb_frame.f_locals.values():
            # A failed write's file is closed by the time the error arrives here.
            mode, name = getattr(value, "mode", None), getattr(value, "name", None)
            writing = isinstance(mode, str) and any(flag in mode for flag in "wax+")
            if isinstance(value, io.IOBase) and writing and isinstance(name, str):
                found = name
        trace = trace.tb_next
    return found


def install_once(take_back: Callable[[], list[Path]]) -> None:
    """Within the `cookiecutter` command only: `take_back` removes what an unfinished
    generation left and returns what it removed."""
    global _installed
    if _installed or not _running_the_cookiecutter_command():
        return
    _installed = True
    previous = sys.excepthook

    def clean_os_error(
        kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if not isinstance(error, OSError):
            previous(kind, error, trace)
            return
        where = error.filename or _file_being_written(trace) or "a file"
        print(escape_lines(
            f"Error: {where}: {error.strerror or error}. The case study was not created; "
            "free some space or fix the permission and run again."),
            file=sys.stderr)

    def take_back_at_exit() -> None:
        for folder in take_back():
            print(escape_lines(
                f"The generation did not finish, so {folder}, which it had created and which "
                "held only the template's skeleton and no index row, was removed."),
                file=sys.stderr)

    sys.excepthook = clean_os_error
    atexit.register(take_back_at_exit)
