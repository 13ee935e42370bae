"""Reading text exactly as it is on disk, writing it atomically, and a directory lock.

The post-generation hook uses this module, so it keeps to the standard library.
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeAlias

from casestudy.errors import CaseStudyError

StrPath: TypeAlias = "str | os.PathLike[str]"

LOCK_TIMEOUT_SECONDS = 60.0


def read_text_exact(path: StrPath) -> str:
    """The file's text with its line endings and BOM untouched."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except UnicodeDecodeError as error:
        raise CaseStudyError(
            f"{os.fspath(path)} is not UTF-8 text ({error.reason} at byte {error.start}); "
            "save it as UTF-8 and run again."
        ) from None


def atomic_write_text(
    path: StrPath, text: str | Iterable[str], *, exclusive: bool = False
) -> None:
    """Write beside the target, then rename over it, so readers see the old or the new file,
    never half of one. With `exclusive`, fail with FileExistsError rather than replace.

    No fsync: the rename is what makes the edit all-or-nothing for readers, and these are
    files under version control, where an fsync would triple the cost of an index edit."""
    target = os.fspath(path)
    directory, name = os.path.split(os.path.abspath(target))
    temporary = os.path.join(directory, f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        mode = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with open(descriptor, "w", encoding="utf-8", newline="") as stream:
            stream.writelines([text] if isinstance(text, str) else text)
        os.chmod(temporary, mode)
        if exclusive:
            os.link(temporary, target)  # fails if the target appeared meanwhile
        else:
            os.replace(temporary, target)
    finally:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass  # renamed into place, or linked and already gone


def _nearest_existing_directory(path: StrPath) -> str:
    current = os.path.abspath(os.fspath(path))
    while not os.path.isdir(current) and os.path.dirname(current) != current:
        current = os.path.dirname(current)
    return current


class DirectoryLock:
    """An exclusive advisory lock on a directory, shared by every process that adds case
    studies to it or edits its index. Locks the directory inode itself, so it leaves no
    lock file behind. A no-op where flock does not exist."""

    def __init__(self, directory: StrPath, timeout: float = LOCK_TIMEOUT_SECONDS) -> None:
        self.directory = _nearest_existing_directory(directory)
        self.timeout = timeout
        self._fd: int | None = None

    def acquire(self) -> None:
        if self._fd is not None:
            return
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            return
        fd = os.open(self.directory, os.O_RDONLY)
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as error:
                if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    os.close(fd)
                    raise
                if time.monotonic() > deadline:
                    os.close(fd)
                    raise CaseStudyError(
                        f"Another case-study generation has held the lock on {self.directory} "
                        f"for {self.timeout:.0f} s. Wait for it to finish and run again."
                    ) from None
                time.sleep(0.02)
            else:
                self._fd = fd
                return

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None


@contextmanager
def directory_lock(directory: StrPath) -> Iterator[None]:
    """`with directory_lock(path):` holds the directory's lock for the block."""
    lock = DirectoryLock(directory)
    lock.acquire()
    try:
        yield
    finally:
        lock.release()
