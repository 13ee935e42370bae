"""Fault injection for the fault-injection tests (tests/test_faults.py), not part of casestudy.

Put this folder on PYTHONPATH and every Python process started for the command (the CLI,
cookiecutter's hook scripts) counts the changes it makes under CASESTUDY_FAULT_DIR (files
opened for writing, renames, links, removals, new folders, mode changes) in one shared
counter, and the process that is about to make change number CASESTUDY_FAULT_AT kills its
whole process group with SIGKILL, as a power cut or the OOM killer would: no handler runs.
With CASESTUDY_FAULT_SIGNAL=INT it sends SIGINT instead, as Ctrl-C in a terminal does.
With CASESTUDY_FAULT_AT=-1 changes are only counted.
"""

from __future__ import annotations

import os
import sys

_AT = os.environ.get("CASESTUDY_FAULT_AT")
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_CHANGES = {"os.rename", "os.remove", "os.link", "os.symlink", "os.mkdir", "os.rmdir",
            "os.chmod", "os.truncate", "shutil.rmtree", "shutil.copyfile", "shutil.move"}


def _install(at: int, counter: str, watched: str, signal_name: str) -> None:
    import fcntl
    import signal

    fault = getattr(signal, f"SIG{signal_name}")

    busy = False

    def under_watch(path: object) -> bool:
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        if not isinstance(path, str):
            return False
        return os.path.abspath(path).startswith(watched)

    def is_change(event: str, args: tuple[object, ...]) -> bool:
        if event == "open":
            path, mode, flags = args
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & _WRITE_FLAGS
            )
            return bool(writing) and under_watch(path)
        if event in _CHANGES:
            return any(under_watch(arg) for arg in args[:2])
        return False

    def next_count() -> int:
        fd = os.open(counter, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            count = int(os.read(fd, 32) or b"0")
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, str(count + 1).encode().ljust(20))
            return count
        finally:
            os.close(fd)

    def hook(event: str, args: tuple[object, ...]) -> None:
        nonlocal busy
        if busy or not is_change(event, args):
            return
        busy = True
        try:
            if next_count() == at:
                os.killpg(0, fault)
        finally:
            busy = False

    sys.addaudithook(hook)


if _AT is not None:
    _install(int(_AT), os.environ["CASESTUDY_FAULT_COUNTER"],
             os.path.abspath(os.environ["CASESTUDY_FAULT_DIR"]) + os.sep,
             os.environ.get("CASESTUDY_FAULT_SIGNAL", "KILL"))
